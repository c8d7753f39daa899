import XCTest
import AELang
import AEBindings
import Foundation

/// Runs every script in Tests/golden/sampling: its printed lines must equal its `# expect: ...`
/// comments (in order), and a script with `# expect error: message` must stop with that message.
final class SamplingGoldenTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("golden/sampling")

    func testGoldenScripts() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".ae") }.sorted()
        XCTAssertGreaterThan(files.count, 10)
        for file in files {
            let source = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            var expected = [String](), expectedError: String?
            for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
                if let r = line.range(of: "# expect error: ") { expectedError = String(line[r.upperBound...]) }
                else if let r = line.range(of: "# expect: ") { expected.append(String(line[r.upperBound...])) }
            }
            var output = ""
            var options = EngineOptions()
            options.quiet = true
            let engine = Engine(options: options, output: { output += $0 }, diagnostics: { _ in })
            engine.register(Builtins.all)
            var message: String?
            do { _ = try engine.run(source, file: file) }
            catch let error as ScriptError { message = error.message }
            catch let errors as ScriptErrors { message = errors.errors.first?.message }
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            XCTAssertEqual(lines, expected, "\(file): output")
            XCTAssertEqual(message, expectedError, "\(file): error")
        }
    }

    /// Every sampling builtin's help starts with its signature and its example runs.
    func testHelpExamplesRun() throws {
        let functions = Dictionary(Builtins.all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let names = ["mh", "langevin", "mala", "sample", "summary", "autocorr", "mmd", "energy_distance",
                     "manifold_distance", "coverage", "attractors"]
        for name in names {
            let function = try XCTUnwrap(functions[name], "\(name) is not registered")
            XCTAssertTrue(function.doc.hasPrefix("\(name)("), "\(name)'s help starts with its signature")
            XCTAssertTrue(function.doc.contains("\n    "), "\(name)'s help has an example")
        }
    }
}
