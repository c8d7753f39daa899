import XCTest
import AELang
import AEBindings

/// Every example in the plotting builtins' help runs without error, and each help starts with the
/// builtin's signature.
final class PlotDocExamplesTests: XCTestCase {
    static let names = ["scatter", "lines", "curve", "quiver", "pairs", "hist", "trace", "markers", "figure", "add",
                        "panels", "show"]

    func testEveryExampleRuns() throws {
        let functions = Dictionary(uniqueKeysWithValues: Builtins.all.map { ($0.name, $0) })
        for name in Self.names {
            let function = try XCTUnwrap(functions[name], "\(name) is not registered")
            XCTAssertTrue(function.doc.hasPrefix("\(name)("), "\(name)'s help starts with its signature")
            let example = function.doc.split(separator: "\n").filter { $0.hasPrefix("    ") }
                .map { $0.dropFirst(4) }.joined(separator: "\n")
            XCTAssertFalse(example.isEmpty, "\(name)'s help has an example")
            var options = EngineOptions()
            options.quiet = true
            let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
            engine.register(Builtins.all)
            do { try engine.run(example, file: "help(\(name))") }
            catch let error as ScriptError { XCTFail("help(\(name)) example fails:\n\(error.rendered)") }
        }
    }
}
