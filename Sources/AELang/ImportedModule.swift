/// A module a script imports, as an editor sees it: where it was found, its text and the top-level
/// functions and variables it gives the script. Part of ``ScriptAnalysis``.
public struct ImportedModule {
    /// Where `import` found the module (the order in which it looks).
    public enum Origin: Equatable {
        /// A file: the script's folder or a search path (AE_PATH). `file` is its path.
        case file
        /// The host's ``Engine/moduleLoader``; `file` is `<module>/NAME.ae`.
        case host
        /// ``Engine/bundledModules`` (the stdlib in `ae`); `file` is `<stdlib>/NAME.ae`.
        case bundled
    }

    /// The name written in `import "name"`.
    public let name: String
    public let origin: Origin
    /// The path its errors name.
    public let file: String
    public let text: String
    /// Its top-level functions and variables (no `container`), positioned in `text`.
    public let symbols: [ScriptSymbol]
}
