import XCTest
import AELang
import AEBindings
import Foundation

/// Every example in the data builtins' help text runs without error, so `help` never shows code that
/// does not work.
final class DataDocExamplesTests: XCTestCase {
    static let names = ["seed", "spiral", "circle", "gaussian", "mixture", "manifold10", "grid", "dataset",
                        "rows", "col", "concat", "shuffle", "load_csv", "save_csv", "load_npy", "save_npy"]

    func testEveryExampleRuns() throws {
        let folder = NSTemporaryDirectory() + "ae-data-doc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        // The files the load examples read.
        try "x,y\n0.5,1\n2,3\n".write(toFile: "points.csv", atomically: true, encoding: .utf8)

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
            if name == "load_npy" { _ = try engine.run("save_npy(spiral(10), \"samples.npy\")") }
            do { try engine.run(example, file: "help(\(name))") }
            catch let error as ScriptError { XCTFail("help(\(name)) example fails:\n\(error.rendered)") }
        }
    }
}
