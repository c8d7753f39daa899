/// The standard library written in ae (the files of `stdlib/`, compiled in by the EmbedFiles plugin).
public enum Stdlib {
    /// Module name → source text, for `Engine.bundledModules`, so `import "paper"` works anywhere.
    public static var modules: [String: String] { stdlibSources }
}
