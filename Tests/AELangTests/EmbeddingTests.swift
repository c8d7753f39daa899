import AELang
import Foundation
import XCTest

/// The embedding API as a host uses it: engines on threads, conversions, capabilities, limits.
final class EmbeddingTests: XCTestCase {
    func testFourEnginesOnFourThreadsRunConcurrently() {
        let results = ResultBox(count: 4)
        let group = DispatchGroup()
        for k in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                let (engine, sink) = makeEngine()
                engine.setGlobal("k", Value(k))
                let value = try? engine.run("""
                    fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
                    total = 0
                    for i in range(20000) { total = total + i * k }
                    print("engine {k}")
                    [fib(15 + k), total]
                    """)
                results.set(k, (value.flatMap { [Double]($0) } ?? []) + [sink.text == "engine \(k)\n" ? 1 : 0])
                group.leave()
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        let fib = [610.0, 987, 1597, 2584]
        for k in 0..<4 {
            XCTAssertEqual(results.get(k), [fib[k], Double(k) * 199_990_000, 1], "engine \(k)")
        }
    }

    func testConversions() throws {
        let (engine, _) = makeEngine()
        engine.setGlobal("xs", Value([1.5, 2, 3]))
        engine.setGlobal("name", Value("spiral"))
        engine.setGlobal("rows", Value([[1.0, 2], [3, 4]]))
        XCTAssertEqual(try engine.run("sum(xs)").asDouble, 6.5)
        XCTAssertEqual(try engine.run("name + \"!\"").asString, "spiral!")
        XCTAssertEqual([[Double]](try engine.run("rows[1]")), nil, "a row is a list of numbers, not of rows")
        XCTAssertEqual([Double](try engine.run("rows[1]")), [3, 4])
        XCTAssertEqual([[Double]](try engine.run("rows")), [[1, 2], [3, 4]])
        XCTAssertEqual(try engine.run("len(xs)").asInt, 3)
        XCTAssertNil(try engine.run("0.5").asInt)
        XCTAssertEqual(try engine.run("1 < 2").asBool, true)
        XCTAssertNil([Double](try engine.run("[1, \"a\"]")))
        XCTAssertEqual(try engine.run("{a: 1}").asRecord?["a"], Value(1))
    }

    func testFileAccessIsOffByDefault() throws {
        let (engine, _) = makeEngine()
        engine.register(Function(name: "peek", parameters: [Parameter("path")], doc: "reads a file") { args in
            _ = try args.context.readablePath(try args.string("path"))
            return .nil
        })
        XCTAssertEqual(scriptError(engine, "peek(\"/etc/passwd\")")?.message, "reading files is not allowed in this engine")
        // import does not read files either, not even from the working directory.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ae-embed-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "secret = 1".write(to: folder.appendingPathComponent("mod.ae"), atomically: true, encoding: .utf8)
        engine.searchPaths = [folder.path]
        XCTAssertEqual(scriptError(engine, "import \"mod\"")?.message, "cannot find module 'mod'")
        let (reader, _) = makeEngine { $0.allowFileRead = true }
        reader.searchPaths = [folder.path]
        XCTAssertEqual(try reader.run("import \"mod\"\nsecret"), Value(1))
    }

    func testModuleLoaderSuppliesImports() throws {
        let (engine, _) = makeEngine()
        var asked: [String] = []
        engine.moduleLoader = { name in
            asked.append(name)
            return name == "greet" ? "fn greet(who) { \"hello {who}\" }" : nil
        }
        XCTAssertEqual(try engine.run("import \"greet\"\ngreet(\"ae\")"), Value("hello ae"))
        XCTAssertEqual(scriptError(engine, "import \"nope\"")?.message, "cannot find module 'nope'")
        XCTAssertEqual(asked, ["greet", "nope"])
    }

    func testEachLimitHasItsOwnError() {
        let loop = "i = 0\nwhile true { i = i + 1 }"
        let (steps, _) = makeEngine { $0.maxSteps = 10_000 }
        XCTAssertEqual(scriptError(steps, loop)?.message, "step limit exceeded (10000 steps)")
        XCTAssertEqual(scriptError(steps, loop)?.kind, .limit)
        let (deadline, _) = makeEngine { $0.deadline = 0.2 }
        XCTAssertEqual(scriptError(deadline, loop)?.message, "time limit exceeded (0.2 s)")
        let (depth, _) = makeEngine { $0.maxCallDepth = 50 }
        XCTAssertEqual(scriptError(depth, "fn f(n) { f(n + 1) }\nf(0)")?.kind, .limit)
        let (elements, _) = makeEngine { $0.maxElements = 1000 }
        XCTAssertEqual(scriptError(elements, "range(5000)")?.message,
                       "range(): 5000 elements exceed the size limit (1000)")
        XCTAssertEqual(scriptError(elements, "xs = []\nfor i in range(2000) { xs = xs ++ [i] }")?.message,
                       "size limit exceeded: 1001 elements (limit 1000)")
        let (cancelled, _) = makeEngine()
        cancelled.cancel()
        XCTAssertEqual(scriptError(cancelled, loop)?.kind, .interrupted, "a cancel before the run is kept")
    }

    func testStructuredErrorsCarryPositionAndTraceback() {
        let (engine, _) = makeEngine()
        let error = scriptError(engine, "fn inner(x) { x + \"a\" }\nfn outer() { inner(1) }\nouter()", file: "host.ae")
        XCTAssertEqual(error?.kind, .runtime)
        XCTAssertEqual(error?.file, "host.ae")
        XCTAssertEqual(error?.line, 1)
        XCTAssertEqual(error?.traceback.count, 2)
    }
}

/// Results written by several threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[Double]]
    init(count: Int) { values = Array(repeating: [], count: count) }
    func set(_ i: Int, _ value: [Double]) { lock.lock(); values[i] = value; lock.unlock() }
    func get(_ i: Int) -> [Double] { lock.lock(); defer { lock.unlock() }; return values[i] }
}
