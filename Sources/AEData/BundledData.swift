/// The data compiled into the binary (see data/README.md for each data set's source and licence).
public enum BundledData {
    /// The text of the data set `name` ("digits"), or nil when there is no such data set.
    public static func text(_ name: String) -> String? { name == "digits" ? digitsText : nil }
}
