/// The folder part of a path, as written: "a/b.csv" → "a", "/a" → "/", "b.csv" → "." (the working
/// folder), "a/b/" → "a".
///
/// NSString.deletingLastPathComponent gives the same results for ordinary paths (with "" for "."), but
/// swift-corelibs-foundation traps on some (a one-letter name such as "a", ".", "x/"): a path a user
/// types must never crash. Repeated slashes inside the path are kept.
public func containingFolder(of path: String) -> String {
    let slash = UInt8(ascii: "/")
    let bytes = Array(path.utf8)
    var end = bytes.count
    while end > 1, bytes[end - 1] == slash { end -= 1 }
    guard let last = bytes[..<end].lastIndex(of: slash) else { return "." }
    var folderEnd = last
    while folderEnd > 0, bytes[folderEnd - 1] == slash { folderEnd -= 1 }
    return folderEnd == 0 ? "/" : String(decoding: bytes[..<folderEnd], as: UTF8.self)
}
