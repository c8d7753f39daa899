import Foundation
import XCTest

/// The REPL habits users bring from Julia, MATLAB and IPython, through a real pseudo-terminal:
/// pasting a transcript, a trailing `;`, `:time`, `:vars`, `??word` and `:save`.
final class REPLHabitsTests: XCTestCase {
    private var scratch: TemporaryDirectory!

    override func setUpWithError() throws {
        scratch = try TemporaryDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    private func startREPL(terminalType: String = "dumb") throws -> PseudoTerminal {
        try PseudoTerminal.startREPL(history: scratch.url.appendingPathComponent("history").path,
                                     terminalType: terminalType)
    }

    /// The transcript a user copies from a session: prompts, code, and the output between.
    /// Its last entry prints a line of its own once the paste has run.
    private let pastedTranscript = "ae> d = spiral(10)\rae> d\rDataset(10 × 2)\rae> xs = [1,\r..>   2]\rae> n = len(d) + sum(xs)\rae> print(\"pas\" + \"ted\")\r"

    func testAPastedTranscriptRunsWithoutItsPromptsAndOutput() throws {
        let terminal = try startREPL()
        terminal.send(pastedTranscript)
        try terminal.expect("\npasted\n")
        try terminal.expect("ae> ")    // the paste is done; what comes now is typed
        terminal.send("n\r")
        try terminal.expect("\n13\n")
        XCTAssertFalse(terminal.transcript.contains("error"), terminal.transcript)
        // Typed afterwards, a line without a prompt is code again.
        terminal.send("n + 1\r")
        try terminal.expect("\n14\n")
    }

    func testABracketedPasteOfATranscriptRunsToo() throws {
        let terminal = try startREPL(terminalType: "xterm")
        terminal.send("\u{1b}[200~" + pastedTranscript.replacingOccurrences(of: "\r", with: "\n") + "\u{1b}[201~\r")
        try terminal.expect("\npasted\n")
        try terminal.expect("ae> ")
        terminal.send("n\r")
        try terminal.expect("\n13\n")
        XCTAssertFalse(terminal.transcript.contains("error"), terminal.transcript)
    }

    func testATrailingSemicolonSuppressesTheEcho() throws {
        let terminal = try startREPL()
        terminal.send("y = 5\r")
        try terminal.expect("ae> ")
        terminal.send("y * 2;\r")
        XCTAssertEqual(try terminal.expect("ae> "), "y * 2;\n")
        terminal.send("ans + 1\r")
        XCTAssertEqual(try terminal.expect("ae> "), "ans + 1\n11\n")
        terminal.send("y * 3  # a comment; not the end\r")
        XCTAssertEqual(try terminal.expect("ae> "), "y * 3  # a comment; not the end\n15\n")
    }

    func testTimeShowsTheValueThenWallAndCPUTime() throws {
        let terminal = try startREPL()
        terminal.send(":time 6 * 7\r")
        let shown = try terminal.expect("ae> ")
        let pattern = #"^:time 6 \* 7\n42\ntime: wall [0-9.]+ (s|ms|µs), cpu [0-9.]+ (s|ms|µs)\n$"#
        XCTAssertNotNil(shown.range(of: pattern, options: .regularExpression), shown)
        terminal.send(":time\r")
        XCTAssertEqual(try terminal.expect("ae> "), ":time\nusage: :time EXPR\n")
    }

    func testVarsListsTheSessionsVariablesWithTypesAndValues() throws {
        let terminal = try startREPL()
        terminal.send(":vars\r")
        XCTAssertEqual(try terminal.expect("ae> "), ":vars\nno variables yet\n")
        terminal.send("total = 3\r")
        try terminal.expect("ae> ")
        terminal.send("name = \"spiral\"\r")
        try terminal.expect("ae> ")
        terminal.send("data = spiral(5)\r")
        try terminal.expect("ae> ")
        terminal.send("long = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]\r")
        try terminal.expect("ae> ")
        terminal.send(":vars\r")
        XCTAssertEqual(try terminal.expect("ae> "), """
            :vars
            data   Dataset  Dataset(5 × 2)
            long   list     [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,…
            name   string   "spiral"
            total  number   3

            """)
    }

    func testDoubleQuestionMarkSearchesTheHelpTexts() throws {
        let terminal = try startREPL()
        terminal.send("??square root\r")
        let found = try terminal.expect("ae> ")
        XCTAssertTrue(found.contains("\nsqrt("), found)
        terminal.send("??zzqqxx\r")
        XCTAssertEqual(try terminal.expect("ae> "), "??zzqqxx\nno documentation mentions 'zzqqxx'\n")
    }

    func testSaveWritesTheEntriesThatRanAsAScript() throws {
        let path = scratch.url.appendingPathComponent("session.ae").path
        let terminal = try startREPL()
        for entry in ["a = 2", "error(\"not kept\")", "fn inc(v) {\r  v + 1\r}", "b = inc(a);", "?inc", "b * 10"] {
            terminal.send(entry + "\r")
            try terminal.expect("ae> ")
        }
        terminal.send(":save \(path)\r")
        XCTAssertEqual(try terminal.expect("ae> "), ":save \(path)\nsaved 4 entries to \(path)\n")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), """
            # An ae session, saved by :save
            a = 2
            fn inc(v) {
              v + 1
            }
            b = inc(a);
            b * 10

            """)
        let rerun = try AEProgram.run([path, "--quiet"], input: nil)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        terminal.send(":save \(scratch.url.path)/no/such/folder/s.ae\r")
        XCTAssertTrue(try terminal.expect("ae> ").contains("cannot write '\(scratch.url.path)/no/such/folder/s.ae'"))
    }
}
