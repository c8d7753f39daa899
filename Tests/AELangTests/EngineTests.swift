import AELang
import Foundation
import XCTest

final class EngineTests: XCTestCase {
    func testRunReturnsLastValue() throws {
        let (engine, _) = makeEngine()
        XCTAssertEqual(try engine.run("x = 3\nx * 2"), .number(6))
        XCTAssertEqual(try engine.run("x"), .number(3), "globals persist between runs")
        XCTAssertEqual(try engine.run(""), .nil)
    }

    func testInteractiveEchoAndAns() throws {
        let (engine, _) = makeEngine()
        XCTAssertNil(try engine.evaluateInteractive("x = 2"), "assignments are not echoed")
        XCTAssertEqual(try engine.evaluateInteractive("x + 1"), .number(3))
        XCTAssertEqual(engine.global("ans"), .number(3))
        XCTAssertEqual(try engine.evaluateInteractive("ans * 10"), .number(30))
        XCTAssertNil(try engine.evaluateInteractive("nil"))
        XCTAssertNil(try engine.evaluateInteractive("for i in range(2) { i }"))
        XCTAssertEqual(engine.describe(try engine.evaluateInteractive("\"s\"")!), "\"s\"")
    }

    func testDescribeIsRoundTrippable() throws {
        let (engine, _) = makeEngine()
        let value = try engine.run("[1, 0.1, \"a\\n\", {a: 1, b: [nil, true]}]")
        let text = engine.describe(value)
        XCTAssertEqual(text, "[1, 0.1, \"a\\n\", {a: 1, b: [nil, true]}]")
        XCTAssertEqual(try engine.run(text), value)
        XCTAssertEqual(engine.describe(try engine.run("fn f() {}; f")), "<fn f>")
    }

    func testSetGlobalArgs() throws {
        let (engine, sink) = makeEngine()
        engine.setGlobal("args", .list([.string("a"), .string("b")]))
        try engine.run("print(len(args), args[1])")
        XCTAssertEqual(sink.text, "2 b\n")
        XCTAssertTrue(engine.globalNames.contains("args"))
        XCTAssertTrue(engine.globalNames.contains("print"))
        XCTAssertEqual(engine.globalNames, engine.globalNames.sorted())
    }

    func testCheckDoesNotRun() throws {
        let (engine, sink) = makeEngine()
        try engine.check("print(1)\nnewname = 2", file: "c.ae")
        XCTAssertEqual(sink.text, "")
        XCTAssertNil(engine.global("newname"))
        XCTAssertThrowsError(try engine.check("print(nope)", file: "c.ae")) { error in
            XCTAssertEqual((error as? ScriptError)?.kind, .resolve)
            XCTAssertEqual((error as? ScriptError)?.exitCode, 65)
        }
    }

    func testIsIncomplete() {
        let (engine, _) = makeEngine()
        XCTAssertTrue(engine.isIncomplete("fn f(x) {"))
        XCTAssertTrue(engine.isIncomplete("xs = [1,"))
        // A string cannot span lines: an unterminated one is an error now, not a continuation.
        XCTAssertFalse(engine.isIncomplete("s = \"abc"))
        XCTAssertFalse(engine.isIncomplete("f(\"abc"))
        XCTAssertFalse(engine.isIncomplete("s = \"a {x"))
        XCTAssertFalse(engine.isIncomplete("xs = [\"abc\n"))
        XCTAssertTrue(engine.isIncomplete("y = 1 +"))
        XCTAssertTrue(engine.isIncomplete("f(a,\n"))
        XCTAssertFalse(engine.isIncomplete("y = 1 + 2"))
        XCTAssertFalse(engine.isIncomplete("fn f(x) { x }"))
        XCTAssertFalse(engine.isIncomplete("x = 1 # trailing +"))
    }

    func testCompletions() throws {
        let (engine, _) = makeEngine()
        try engine.run("fn dae(hidden: 1, sigma: 0.1, tied: true) { hidden }\nsigmoid_value = 1\nrec = {alpha: 1, beta: 2}")
        XCTAssertEqual(engine.completions(line: "pri", cursor: 3), ["print"])
        XCTAssertEqual(engine.completions(line: "dae(hidden: 3, si", cursor: 17),
                       ["sigma:", "sigmoid_value", "sign", "sin", "sinh"])
        XCTAssertTrue(engine.completions(line: "dae(", cursor: 4).contains("tied:"))
        XCTAssertEqual(engine.completions(line: "rec.al", cursor: 6), ["alpha"])
        XCTAssertTrue(engine.completions(line: "whi", cursor: 3).contains("while"))
    }

    func testHelpForBuiltinsAndUserFunctions() throws {
        let (engine, _) = makeEngine()
        XCTAssertTrue(engine.help("range")?.hasPrefix("range(stop)") ?? false)
        try engine.run("# Adds one.\n# Twice documented.\nfn inc(x, by: 1) { x + by }\nfn bare() {}")
        XCTAssertEqual(engine.help("inc"), "fn inc(x:, by:)\n\nAdds one.\nTwice documented.")
        XCTAssertEqual(engine.help("bare"), "fn bare()")
        XCTAssertNil(engine.help("nothing_here"))
    }

    func testRegisteredBuiltinErrorsPointAtTheArgument() throws {
        let (engine, _) = makeEngine()
        engine.register(Function(name: "dae", parameters: [Parameter("hidden", default: .number(10)),
                                                           Parameter("sigma", default: .number(0.1)),
                                                           Parameter("tied", default: .bool(true))],
                                 doc: "dae(hidden, sigma, tied)") { args in
            _ = try args.positive("sigma")
            return .number(try args.number("hidden"))
        })
        XCTAssertEqual(try engine.run("dae(hidden: 5)"), .number(5))
        let error = scriptError(engine, "ae = dae(hidden: 10, sigma: -1)", file: "s.ae")
        XCTAssertEqual(error?.rendered, """
            s.ae:1:22: error: dae(): sigma must be > 0, got -1
              1 | ae = dae(hidden: 10, sigma: -1)
                |                      ^^^^^

            """)
        let positional = scriptError(engine, "dae(3, \"x\")")
        XCTAssertEqual(positional?.column, 8)
        XCTAssertEqual(positional?.message, "dae(): sigma must be a number, not string")
        let label = scriptError(engine, "dae(hidden: 1000, sigme: 0.01)", file: "spiral.ae")
        XCTAssertEqual(label?.message, "unknown argument 'sigme' for dae(hidden:, sigma:, tied:)")
        XCTAssertEqual(label?.hint, "did you mean 'sigma'?")
        XCTAssertEqual(label?.column, 19)
        XCTAssertEqual(label?.length, 5)
    }

    func testInterruptedBuiltinBecomesInterruptedError() {
        let (engine, _) = makeEngine()
        engine.register(Function(name: "stop", parameters: [], doc: "") { _ in throw Interrupted() })
        let error = scriptError(engine, "stop()")
        XCTAssertEqual(error?.kind, .interrupted)
        XCTAssertEqual(error?.message, "interrupted")
        XCTAssertEqual(error?.exitCode, 130)
    }

    func testCancelFromAnotherThreadStopsALoopAndKeepsVariables() throws {
        let (engine, _) = makeEngine()
        try engine.run("kept = 1")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { engine.cancel() }
        let start = Date()
        let error = scriptError(engine, "i = 0\nwhile true { i = i + 1 }")
        XCTAssertEqual(error?.kind, .interrupted)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(engine.global("kept"), .number(1))
        // The request stays until the host clears it: a cancel is never lost.
        XCTAssertEqual(scriptError(engine, "kept + 1")?.kind, .interrupted)
        engine.interruptFlag.clear()
        XCTAssertEqual(try engine.run("kept + 1"), .number(2), "the next run is not interrupted")
    }

    func testBuiltinsCallBackIntoScripts() throws {
        let (engine, _) = makeEngine()
        engine.register(Function(name: "twice", parameters: [Parameter("f")], doc: "") { args in
            let f = try args.function("f")
            return try args.context.call(f, [try args.context.call(f, [.number(1)])])
        })
        XCTAssertEqual(try engine.run("twice(fn(x) x * 3)"), .number(9))
        let error = scriptError(engine, "twice(fn(x) x + \"a\")")
        XCTAssertEqual(error?.message, "cannot add number and string")
    }

    func testImportSearchPathsAndBundledModules() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ae-import-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "fn from_path() { \"path\" }".write(to: dir.appendingPathComponent("pathmod.ae"), atomically: true, encoding: .utf8)
        let (engine, sink) = makeEngine { $0.allowFileRead = true }
        engine.searchPaths = [dir.path]
        engine.bundledModules = ["stdmod": "print(\"std loaded\")\nfn from_std() { \"std\" }"]
        XCTAssertEqual(try engine.run("import \"pathmod\"\nimport \"stdmod\"\nimport \"stdmod\"\nfrom_path() + from_std()"),
                       .string("pathstd"))
        XCTAssertEqual(sink.text, "std loaded\n")
    }
}

final class InteractiveTests: XCTestCase {
    func testReplFunctionsMayUseGlobalsDefinedLater() throws {
        let (engine, _) = makeEngine()
        XCTAssertNil(try engine.evaluateInteractive("fn f() { g() + 1 }"))
        XCTAssertThrowsError(try engine.evaluateInteractive("f()")) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "'g' is used before it is assigned")
        }
        XCTAssertNil(try engine.evaluateInteractive("fn g() { 41 }"))
        XCTAssertEqual(try engine.evaluateInteractive("f()"), .number(42))
        XCTAssertThrowsError(try engine.run("fn h() { nowhere() }"), "scripts still reject unknown names") { error in
            XCTAssertEqual((error as? ScriptError)?.kind, .resolve)
        }
    }

    func testCheckLeavesNoTrace() throws {
        let (engine, _) = makeEngine()
        engine.bundledModules = ["m": "fn from_m() { 1 }"]
        try engine.check("import \"m\"\nx = from_m()", file: "c.ae")
        XCTAssertNil(engine.global("from_m"))
        XCTAssertEqual(try engine.run("import \"m\"\nfrom_m() + 1"), .number(2))
    }
}
