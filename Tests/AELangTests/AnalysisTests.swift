import AELang
import XCTest

/// `Engine.analyze` and `Engine.openCall`: what editors learn from a script without running it.
final class AnalysisTests: XCTestCase {
    func testErrorsAndDeclarationsOfAScriptThatIsNotRun() {
        let (engine, sink) = makeEngine()
        let source = """
            # Scales x.
            fn scale(x, by: 2) {
              y = x * by
              y
            }
            print("ran")
            z = scale(1) + scael(2)
            """
        let analysis = engine.analyze(source, file: "s.ae")
        XCTAssertEqual(sink.text, "")
        XCTAssertEqual(analysis.errors.map(\.rendered), ["""
            s.ae:7:16: error: unknown name 'scael'
              7 | z = scale(1) + scael(2)
                |                ^^^^^ did you mean 'scale'?

            """])
        XCTAssertEqual(analysis.symbols.map { "\($0.name) \($0.kind) \($0.line):\($0.column) \($0.container ?? "-") \($0.scopeEnd)" }, [
            "scale function 2:4 - \(Int.max)", "z variable 7:1 - \(Int.max)",
            "x parameter 2:10 scale 5", "by parameter 2:13 scale 5", "y local 3:3 scale 5",
        ])
        XCTAssertEqual(analysis.symbols[0].declaration, "fn scale(x, by: 2)")
        XCTAssertEqual(analysis.symbols[0].doc, "Scales x.")
        // Nothing of the script stays defined in the engine.
        XCTAssertNil(engine.global("scale"))
        XCTAssertNil(engine.global("z"))
    }

    /// The modules a script imports, then theirs, each with its top-level names; none of them runs.
    func testImportsAreDescribedInTheOrderTheyAreFound() {
        let (engine, sink) = makeEngine()
        engine.bundledModules = ["b": "fn bee() { 1 }\n"]
        engine.moduleLoader = { name in name == "a" ? "import \"b\"\nprint(\"a ran\")\n# Ay.\nfn ay(x) { x }\nk = 3\n" : nil }
        let analysis = engine.analyze("import \"a\"\nprint(ay(bee()) + k)\n", file: "u.ae")
        XCTAssertEqual(sink.text, "")
        XCTAssertEqual(analysis.errors.map(\.message), [])
        XCTAssertEqual(analysis.imports.map { "\($0.name) \($0.origin) \($0.file)" }, ["a host <module>/a.ae", "b bundled <stdlib>/b.ae"])
        XCTAssertEqual(analysis.imports.map { $0.symbols.map { "\($0.name) \($0.kind) \($0.line):\($0.column)" } },
                       [["ay function 4:4", "k variable 5:1"], ["bee function 1:4"]])
        XCTAssertEqual(analysis.imports.first?.symbols.first?.doc, "Ay.")
        XCTAssertEqual(analysis.imports.last?.text, "fn bee() { 1 }\n")
        XCTAssertNil(engine.global("ay"))
        // A module that cannot be found is an error, not an import.
        let missing = engine.analyze("import \"c\"\n", file: "v.ae")
        XCTAssertEqual(missing.errors.map(\.message), ["cannot find module 'c'"])
        XCTAssertEqual(missing.imports.count, 0)
    }

    func testSyntaxErrorsComeAllAndResolveErrorsOnlyWithoutThem() {
        let (engine, _) = makeEngine()
        let analysis = engine.analyze("a = (1 +\nb = nope\nc = ]\n", file: "t.ae")
        XCTAssertEqual(analysis.errors.map { "\($0.line):\($0.column) \($0.kind)" }, ["2:3 syntax", "3:5 syntax"])
    }

    func testOpenCallFindsTheCallAndTheArgumentBeingTyped() {
        func call(_ text: String) -> OpenCall? { Engine.openCall(in: Array(text)) }
        XCTAssertEqual(call("m = dae(hidden: f(1, 2), si"), OpenCall(name: "dae", argumentIndex: 1, label: nil))
        XCTAssertEqual(call("m = dae(hidden: 3, seed: [1, 2"), nil)
        XCTAssertEqual(call("m = dae(hidden: 3, seed: 4"), OpenCall(name: "dae", argumentIndex: 1, label: "seed"))
        XCTAssertEqual(call("m = dae(\n  hidden: {a: 1},\n  "), OpenCall(name: "dae", argumentIndex: 1, label: nil))
        XCTAssertNil(call("m = dae(1) + 2"))
        XCTAssertNil(call("m = (1 + "))
    }
}
