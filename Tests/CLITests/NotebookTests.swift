import Foundation
import XCTest

/// `ae --notebook FILE.ae`: a cell per block, comments as markdown, blocks joined while incomplete.
final class NotebookTests: XCTestCase {
    func testCellsFollowTheScriptsBlocks() throws {
        let scratch = try TemporaryDirectory()
        let script = try scratch.file("demo.ae", """
            # Demo — a title.
            #
            #   - a list item
            #     ae demo.ae
            x = 1

            # Twice its argument.
            fn twice(v) {
              w = 2 * v

              w
            }
            twice(x)   # a comment after code stays in the code


            # the end
            """)
        let outcome = try AEProgram.run(["--notebook", script])
        XCTAssertEqual(outcome.status, 0)
        XCTAssertEqual(outcome.stderr, "")
        let notebook = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(notebook["nbformat"] as? Int, 4)
        XCTAssertEqual(notebook["nbformat_minor"] as? Int, 5)
        let metadata = try XCTUnwrap(notebook["metadata"] as? [String: Any])
        XCTAssertEqual((metadata["kernelspec"] as? [String: String])?["name"], "ae")
        let cells = try XCTUnwrap(notebook["cells"] as? [[String: Any]])
        let summary = cells.map { cell in
            "\(cell["cell_type"] as? String ?? "?"): " + ((cell["source"] as? [String]) ?? []).joined()
        }
        XCTAssertEqual(summary, [
            "markdown: # Demo — a title.\n\n  - a list item\n    ae demo.ae",
            "code: x = 1",
            "markdown: Twice its argument.",
            "code: fn twice(v) {\n  w = 2 * v\n\n  w\n}\ntwice(x)   # a comment after code stays in the code",
            "markdown: the end",
        ])
        XCTAssertEqual(cells.map { $0["id"] as? String }, ["cell-1", "cell-2", "cell-3", "cell-4", "cell-5"])
        XCTAssertTrue(cells[1]["execution_count"] is NSNull)
        XCTAssertEqual((cells[1]["outputs"] as? [Any])?.count, 0)
    }

    func testAMissingScriptIsAUsageError() throws {
        let outcome = try AEProgram.run(["--notebook", "no-such.ae"])
        XCTAssertEqual(outcome.status, 64)
        XCTAssertEqual(outcome.stdout, "")
        XCTAssertEqual(outcome.stderr, "ae: cannot open 'no-such.ae': no such file\n")
    }
}
