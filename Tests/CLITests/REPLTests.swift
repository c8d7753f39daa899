import Foundation
import XCTest

/// The REPL, driven through a real pseudo-terminal: GNU readline, the prompts, history, completion,
/// Ctrl-C and Ctrl-D as a user at a keyboard meets them. Each wait has a time limit, so a broken
/// REPL fails the test instead of hanging it.
final class REPLTests: XCTestCase {
    private var scratch: TemporaryDirectory!
    private var historyPath: String { scratch.url.appendingPathComponent("history").path }

    override func setUpWithError() throws {
        scratch = try TemporaryDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    private func startREPL(terminalType: String = "dumb") throws -> PseudoTerminal {
        try PseudoTerminal.startREPL(history: historyPath, terminalType: terminalType)
    }

    func testEchoesExpressionValuesButNotAssignmentsAndExitsOnCtrlD() throws {
        let terminal = try startREPL()
        terminal.send("x = 6\r")
        let afterAssignment = try terminal.expect("ae> ")
        XCTAssertEqual(afterAssignment, "x = 6\n", "an assignment prints nothing")
        terminal.send("x * 7\r")
        XCTAssertEqual(try terminal.expect("ae> "), "x * 7\n42\n")
        terminal.send("ans + 1\r")
        XCTAssertEqual(try terminal.expect("ae> "), "ans + 1\n43\n")
        terminal.send("\u{04}")
        XCTAssertEqual(try terminal.waitForExit(), 0)
    }

    func testContinuationPromptWhileInputIsIncomplete() throws {
        let terminal = try startREPL()
        terminal.send("[1,\r")
        try terminal.expect("..> ")
        terminal.send("2]\r")
        XCTAssertEqual(try terminal.expect("ae> "), "2]\n[1, 2]\n")
        terminal.send(":quit\r")
        XCTAssertEqual(try terminal.waitForExit(), 0)
    }

    func testCtrlDInAnUnfinishedEntryDropsItAndTheSessionGoesOn() throws {
        // On xterm readline uses bracketed paste, whose end-of-input newline once doubled every
        // later newline.
        let terminal = try startREPL(terminalType: "xterm")
        terminal.send("[1,\r")
        try terminal.expect("..> ")
        terminal.send("\u{04}")
        try terminal.expect("\nae> ")
        terminal.send("3\r")
        XCTAssertEqual(try terminal.expect("ae> "), "3\n3\n")
        terminal.send("\u{04}")
        XCTAssertEqual(try terminal.waitForExit(), 0)
    }

    func testHistoryIsWrittenAndReadBackInTheNextSession() throws {
        let first = try startREPL()
        first.send("40 + 2\r")
        try first.expect("\n42\n")
        try first.expect("ae> ")
        first.send("\u{04}")
        XCTAssertEqual(try first.waitForExit(), 0)
        let saved = try String(contentsOfFile: historyPath, encoding: .utf8)
        XCTAssertEqual(saved.split(separator: "\n").last, "40 + 2")

        let second = try startREPL()
        second.send("\u{1b}[A")    // Up: the last line of the first session
        try second.expect("40 + 2")
        second.send("\r")
        try second.expect("\n42\n")
        try second.expect("ae> ")
        second.send("\u{04}")
        XCTAssertEqual(try second.waitForExit(), 0)
    }

    func testAnEntryOfSeveralLinesIsOneHistoryEntryAcrossSessions() throws {
        let first = try startREPL()
        first.send("fn triple(n) {\r")
        try first.expect("..> ")
        first.send("n * 3\r")
        try first.expect("..> ")
        first.send("}\r")
        try first.expect("ae> ")
        first.send("\u{04}")
        XCTAssertEqual(try first.waitForExit(), 0)

        let second = try startREPL()
        second.send("\u{1b}[A")    // Up: the whole function, not its last line
        try second.expect("}")
        second.send("\r")
        try second.expect("ae> ")
        second.send("triple(5)\r")
        XCTAssertEqual(try second.expect("ae> "), "triple(5)\n15\n")
    }

    func testTabCompletesABuiltinName() throws {
        let terminal = try startREPL()
        terminal.send("sqr\t")
        try terminal.expect("sqrt")
        terminal.send("(16)\r")
        XCTAssertEqual(try terminal.expect("ae> "), "(16)\n4\n")
    }

    func testTabCompletesAnArgumentLabelInsideACall() throws {
        let terminal = try startREPL()
        terminal.send("fn scaled(x, factor: 1) { x * factor }\r")
        try terminal.expect("ae> ")
        terminal.send("scaled(3, fac\t")
        try terminal.expect("factor:")
        terminal.send("2)\r")
        try terminal.expect("\n6\n")
    }

    func testCtrlCInterruptsALongLoopAndKeepsVariables() throws {
        let terminal = try startREPL()
        terminal.send("kept = 7\r")
        try terminal.expect("ae> ")
        terminal.send("print(\"spinning\"); while true {}\r")
        try terminal.expect("\nspinning\n")    // the loop has started
        terminal.send("\u{03}")
        try terminal.expect("interrupted\n")
        try terminal.expect("ae> ")
        terminal.send("kept\r")
        XCTAssertEqual(try terminal.expect("ae> "), "kept\n7\n")
        terminal.send("\u{04}")
        XCTAssertEqual(try terminal.waitForExit(), 0)
    }

    func testCtrlCAtThePromptDiscardsTheLine() throws {
        let terminal = try startREPL()
        terminal.send("1 +")
        try terminal.expect("1 +")
        terminal.send("\u{03}")
        try terminal.expect("^C\n")
        try terminal.expect("ae> ")
        terminal.send("5 * 5\r")
        XCTAssertEqual(try terminal.expect("ae> "), "5 * 5\n25\n")
        XCTAssertFalse(terminal.transcript.contains("error"), terminal.transcript)
    }

    func testErrorsAreShownAndTheSessionGoesOn() throws {
        let terminal = try startREPL()
        terminal.send("error(\"boom\")\r")
        XCTAssertTrue(try terminal.expect("ae> ").contains("error: boom"))
        terminal.send(":nonsense\r")
        XCTAssertTrue(try terminal.expect("ae> ").contains("unknown command ':nonsense'"))
        terminal.send("1\r")
        XCTAssertEqual(try terminal.expect("ae> "), "1\n1\n")
    }

    func testAnElseOnTheLineAfterAnIfsClosingBraceIsExplained() throws {
        let terminal = try startREPL()
        terminal.send("if 1 > 2 { 1 }\r")
        try terminal.expect("ae> ")
        terminal.send("else { 2 }\r")
        let shown = try terminal.expect("ae> ")
        XCTAssertTrue(shown.contains("error: 'else' without an 'if' before it"), shown)
        XCTAssertTrue(shown.contains("^^^^ an 'else' follows an if's closing '}' (in the REPL, on the same line: '} else {')"), shown)
        terminal.send("if 1 > 2 { 1 } else { 2 }\r")
        XCTAssertEqual(try terminal.expect("ae> "), "if 1 > 2 { 1 } else { 2 }\n2\n")
    }

    func testLoadRunsAFileAndQuestionMarkShowsTheDocOfItsFunction() throws {
        let path = try scratch.file("defs.ae", """
            loaded = 11
            # Doubles its argument.
            fn twice(x) { 2 * x }
            """)
        let terminal = try startREPL()
        terminal.send(":load \(path)\r")
        try terminal.expect("ae> ")
        terminal.send("twice(loaded)\r")
        XCTAssertEqual(try terminal.expect("ae> "), "twice(loaded)\n22\n")
        terminal.send("?twice\r")
        XCTAssertTrue(try terminal.expect("ae> ").contains("Doubles its argument."))
        terminal.send("?sqrt\r")
        XCTAssertTrue(try terminal.expect("ae> ").contains("sqrt("))
    }

    func testEchoingAFigureDrawsItInBraille() throws {
        let terminal = try startREPL()
        terminal.send("fig = scatter(spiral(300), title: \"spiral\")\r")
        try terminal.expect("ae> ")
        terminal.send("fig\r")
        let echo = try terminal.expect("ae> ")
        let braille = echo.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }
        XCTAssertGreaterThan(braille.count, 50, "the points are drawn as braille dots:\n\(echo)")
        XCTAssertTrue(echo.contains("┌") && echo.contains("┘") && echo.contains("│"), "the axis frame:\n\(echo)")
        XCTAssertTrue(echo.contains("spiral"), "the title")
        XCTAssertTrue(echo.hasSuffix("Figure(scatter, title: \"spiral\")\n"), "then the summary:\n\(echo)")
        // Other host objects still echo their one-line summary.
        terminal.send("spiral(10)\r")
        XCTAssertEqual(try terminal.expect("ae> "), "spiral(10)\nDataset(10 × 2)\n")
    }
}
