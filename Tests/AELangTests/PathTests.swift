import AEFiles
import XCTest

final class PathTests: XCTestCase {
    /// NSString.deletingLastPathComponent's results ("." where it gives ""), including the paths on
    /// which Foundation traps.
    func testContainingFolder() {
        let cases: [(String, String)] = [
            ("a", "."), (".", "."), ("x/", "."), ("", "."), ("out.csv", "."), ("a/b", "a"), ("a/b/", "a"),
            ("./x", "."), ("/a", "/"), ("/", "/"), ("//a", "/"), ("no/such/folder/x", "no/such/folder"),
            ("a//b", "a"), ("/tmp/m.aemodel", "/tmp"),
        ]
        for (path, folder) in cases {
            XCTAssertEqual(containingFolder(of: path), folder, "'\(path)'")
        }
    }
}
