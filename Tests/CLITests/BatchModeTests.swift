import Foundation
import XCTest

/// `ae` as a batch program: scripts, `-e`, `--check`, stdin, the options, and the exit codes
/// 0 success, 64 usage, 65 syntax or resolve error, 70 runtime error, 130 interrupted.
final class BatchModeTests: XCTestCase {
    private var scratch: TemporaryDirectory!

    override func setUpWithError() throws {
        scratch = try TemporaryDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    func testRunsAScriptAndPassesItsArguments() throws {
        let script = try scratch.file("hello.ae", """
            print("hello")
            print(len(args))
            print(args[0])
            print(args[1])
            """)
        let outcome = try AEProgram.run([script, "first", "--second"])
        XCTAssertEqual(outcome.stdout, "hello\n2\nfirst\n--second\n")
        XCTAssertEqual(outcome.stderr, "")
        XCTAssertEqual(outcome.status, 0)
    }

    func testRunsAScriptWithAOneLetterRelativeName() throws {
        // Foundation's deletingLastPathComponent traps on "a": the script's folder is found without it.
        _ = try scratch.file("a", "print(\"ran\")\n")
        let outcome = try AEProgram.run(["a"], directory: scratch.url)
        XCTAssertEqual(outcome.stdout, "ran\n")
        XCTAssertEqual(outcome.status, 0)
    }

    func testOptionsBeforeTheScriptBelongToAe() throws {
        let script = try scratch.file("count.ae", "print(len(args))\n")
        let outcome = try AEProgram.run(["--quiet", "--threads", "1", "--seed", "7", script, "--quiet"])
        XCTAssertEqual(outcome.stdout, "1\n")
        XCTAssertEqual(outcome.status, 0)
    }

    func testEvaluatesCodeGivenWithE() throws {
        let outcome = try AEProgram.run(["-e", "x = 6; print(x * 7)"])
        XCTAssertEqual(outcome.stdout, "42\n")
        XCTAssertEqual(outcome.status, 0)
        let withArguments = try AEProgram.run(["-e", "print(args[0])", "value"])
        XCTAssertEqual(withArguments.stdout, "value\n")
    }

    func testRunsStandardInputAsAScriptWhenItIsNotATerminal() throws {
        let outcome = try AEProgram.run([], input: "x = 6\nprint(x * 7)\nx\n", environment: ["TERM": "xterm"])
        XCTAssertEqual(outcome.stdout, "42\n", "no prompt, no echo of values, no readline escapes")
        XCTAssertEqual(outcome.stderr, "")
        XCTAssertEqual(outcome.status, 0)
    }

    func testSyntaxErrorExitsWith65AndShowsTheLineAndCaret() throws {
        let script = try scratch.file("broken.ae", "x = 1\ny = (2 +\n")
        let outcome = try AEProgram.run([script])
        XCTAssertEqual(outcome.status, 65)
        XCTAssertEqual(outcome.stdout, "")
        XCTAssertTrue(outcome.stderr.hasPrefix("\(script):"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains(": error: "), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("^"), outcome.stderr)
    }

    func testRuntimeErrorExitsWith70AfterTheOutputBeforeIt() throws {
        let script = try scratch.file("fails.ae", "print(\"before\")\nerror(\"boom\")\nprint(\"after\")\n")
        let outcome = try AEProgram.run([script])
        XCTAssertEqual(outcome.status, 70)
        XCTAssertEqual(outcome.stdout, "before\n")
        XCTAssertTrue(outcome.stderr.hasPrefix("\(script):2:"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("boom"), outcome.stderr)
    }

    func testCheckParsesAndResolvesWithoutRunning() throws {
        let fine = try scratch.file("fine.ae", "print(\"ran\")\nerror(\"not run\")\n")
        let checked = try AEProgram.run(["--check", fine])
        XCTAssertEqual(checked.status, 0)
        XCTAssertEqual(checked.stdout, "", "--check must not run the script")
        XCTAssertEqual(checked.stderr, "")

        let broken = try scratch.file("broken.ae", "print((1)\n")
        let failed = try AEProgram.run(["--check", broken])
        XCTAssertEqual(failed.status, 65)
        XCTAssertTrue(failed.stderr.contains("error"), failed.stderr)
    }

    func testUsageErrorsExitWith64() throws {
        let unknownOption = try AEProgram.run(["--no-such-option"])
        XCTAssertEqual(unknownOption.status, 64)
        XCTAssertTrue(unknownOption.stderr.contains("--no-such-option"), unknownOption.stderr)

        let missingFile = try AEProgram.run(["no-such-file.ae"])
        XCTAssertEqual(missingFile.status, 64)
        XCTAssertEqual(missingFile.stderr, "ae: cannot open 'no-such-file.ae': no such file\n")

        let badThreads = try AEProgram.run(["--threads=-2", "-e", "1"])
        XCTAssertEqual(badThreads.status, 64)

        let badSeed = try AEProgram.run(["--seed", "abc", "-e", "1"])
        XCTAssertEqual(badSeed.status, 64)
        XCTAssertTrue(badSeed.stderr.contains("'abc' is invalid for '--seed <N>'"), badSeed.stderr)
    }

    func testVersionAndHelp() throws {
        let version = try AEProgram.run(["--version"])
        XCTAssertEqual(version.stdout, "ae 0.1.0\n")
        XCTAssertEqual(version.status, 0)
        let help = try AEProgram.run(["--help"])
        XCTAssertEqual(help.status, 0)
        for option in ["--eval", "--check", "--seed", "--threads", "--quiet", "--version"] {
            XCTAssertTrue(help.stdout.contains(option), "--help lists \(option)")
        }
    }

    func testSIGINTInterruptsAScriptWithStatus130() throws {
        let script = try scratch.file("loop.ae", "print(\"started\")\nwhile true {}\n")
        let outcome = try AEProgram.run([script], timeout: 20) { process in
            usleep(1_000_000)    // past start-up, when the handler is installed
            process.interrupt()
        }
        XCTAssertTrue(outcome.finished, "one SIGINT must stop the loop")
        XCTAssertEqual(outcome.status, 130)
        XCTAssertEqual(outcome.stdout, "started\n")
        XCTAssertTrue(outcome.stderr.contains("interrupted"), outcome.stderr)
    }

    func testDeepRecursionUpToTheCallLimitRunsOnTheLargeStack() throws {
        let outcome = try AEProgram.run(["-e", "fn down(n) { if n == 0 { 0 } else { 1 + down(n - 1) } }; print(down(900))"])
        XCTAssertEqual(outcome.stdout, "900\n")
        XCTAssertEqual(outcome.status, 0)
    }

    func testRunawayRecursionIsAnErrorNotACrash() throws {
        let outcome = try AEProgram.run(["-e", "fn forever(n) { forever(n + 1) }; forever(0)"])
        XCTAssertEqual(outcome.status, 70)
        XCTAssertTrue(outcome.stderr.contains("error"), outcome.stderr)
    }

    func testAListNestedTenToTheFiveDeepIsAnErrorNotACrash() throws {
        // Values may nest as deep as the parser's nesting limit (200): deeper ones would make freeing,
        // printing and comparing recurse once per level.
        let outcome = try AEProgram.run(["-e", "x = []; for i in range(100000) { x = [x] }; print(len(x))"])
        XCTAssertEqual(outcome.stdout, "")
        XCTAssertTrue(outcome.stderr.hasPrefix("<-e>:1:38: error: value nested too deeply (more than 200 levels)"),
                      outcome.stderr)
        XCTAssertEqual(outcome.status, 70)
    }

    func testImportsFromTheScriptsDirectoryAlsoUnderCheck() throws {
        let project = scratch.url.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try "fn helped() { 8 }\n".write(to: project.appendingPathComponent("helper.ae"),
                                         atomically: true, encoding: .utf8)
        let script = project.appendingPathComponent("main.ae").path
        try "import \"helper\"\nprint(helped())\n".write(toFile: script, atomically: true, encoding: .utf8)

        // Run from another directory: the import is found next to the script, not in the cwd.
        let ran = try AEProgram.run([script])
        XCTAssertEqual(ran.stdout, "8\n")
        XCTAssertEqual(ran.status, 0)
        let checked = try AEProgram.run(["--check", script])
        XCTAssertEqual(checked.stderr, "")
        XCTAssertEqual(checked.status, 0)
    }

    func testImportSearchesTheDirectoriesOfAEPath() throws {
        let library = scratch.url.appendingPathComponent("library")
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        try "fn helped() { 5 }\n".write(to: library.appendingPathComponent("helper.ae"),
                                         atomically: true, encoding: .utf8)
        let script = try scratch.file("main.ae", "import \"helper\"\nprint(helped())\n")

        let found = try AEProgram.run([script], environment: ["AE_PATH": "/nonexistent:" + library.path])
        XCTAssertEqual(found.stdout, "5\n")
        XCTAssertEqual(found.status, 0)

        let checked = try AEProgram.run(["--check", script], environment: ["AE_PATH": library.path])
        XCTAssertEqual(checked.stdout, "")
        XCTAssertEqual(checked.status, 0)

        let notFound = try AEProgram.run([script], environment: ["AE_PATH": ""])
        XCTAssertEqual(notFound.status, 65)
        XCTAssertTrue(notFound.stderr.contains("cannot find module 'helper'"), notFound.stderr)
    }
}
