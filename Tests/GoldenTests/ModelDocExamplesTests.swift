import XCTest
import AELang
import AEBindings
import Foundation

/// Every example in the model builtins' help text runs without error, so `help` never shows code that
/// does not work.
final class ModelDocExamplesTests: XCTestCase {
    static let names = ["dae", "rcae", "cae", "train", "reconstruct", "encode", "score", "jacobian", "hessian",
                        "energy_diff", "load"]

    func testEveryExampleRuns() throws {
        let folder = NSTemporaryDirectory() + "ae-model-doc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }

        let functions = Dictionary(uniqueKeysWithValues: Builtins.all.map { ($0.name, $0) })
        for name in Self.names {
            let function = try XCTUnwrap(functions[name], "\(name) is not registered")
            XCTAssertTrue(function.doc.hasPrefix("\(name)("), "\(name)'s help starts with its signature")
            let example = function.doc.split(separator: "\n").filter { $0.hasPrefix("    ") }
                .map { $0.dropFirst(4) }.joined(separator: "\n")
            XCTAssertFalse(example.isEmpty, "\(name)'s help has an example")
            var options = EngineOptions()
            options.allowFileRead = true
            options.allowFileWrite = true
            options.quiet = true
            let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
            engine.register(Builtins.all)
            do { try engine.run(example, file: "help(\(name))") }
            catch let error as ScriptError { XCTFail("help(\(name)) example fails:\n\(error.rendered)") }
        }
    }
}
