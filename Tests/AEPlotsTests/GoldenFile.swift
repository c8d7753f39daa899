import Foundation
import XCTest

/// Compares text with a golden file in Tests/AEPlotsTests/Golden; `UPDATE_GOLDEN=1` re-records it.
enum GoldenFile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ text: String, name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            XCTAssertNoThrow(try Data(text.utf8).write(to: url), file: file, line: line)
            return
        }
        guard let data = try? Data(contentsOf: url), let expected = String(data: data, encoding: .utf8) else {
            XCTFail("missing golden file \(name); run with UPDATE_GOLDEN=1 to record it", file: file, line: line)
            return
        }
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let k = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
            let want = k < a.count ? String(a[k]) : "<end>", got = k < b.count ? String(b[k]) : "<end>"
            XCTFail("\(name) differs at line \(k + 1):\n  expected: \(want)\n  actual:   \(got)", file: file, line: line)
        }
    }
}
