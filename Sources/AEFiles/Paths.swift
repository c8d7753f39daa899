/// The folder part of a path, as written: "a/b.csv" → "a", "/a" → "/", "b.csv" → "" (the working
/// folder), "a/b/" → "a".
///
/// The same as `NSString.deletingLastPathComponent`, which swift-corelibs-foundation traps on for
/// some paths (a one-letter name such as "a", ".", "x/"): a path a user types must never crash.
public func containingFolder(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    var folder = trimmed[..<slash]
    while folder.hasSuffix("/") { folder = folder.dropLast() }
    return folder.isEmpty ? "/" : String(folder)
}
