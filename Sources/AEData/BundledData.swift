/// The data files of `data/`, compiled into the binary by the EmbedFiles plugin (see data/README.md
/// for each file's source and licence).
public enum BundledData {
    /// The text of `data/NAME.txt` ("digits"), or nil when there is no such file.
    public static func text(_ name: String) -> String? { embeddedDataFiles[name] }
}
