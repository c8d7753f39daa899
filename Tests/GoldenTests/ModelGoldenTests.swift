import XCTest
import AELang
import AEBindings
import Foundation

/// Runs Tests/golden/models/*.ae: each `# expect: text` line is the next line the script must print;
/// `# expect error: message` is the message of the error that must end the script.
final class ModelGoldenTests: XCTestCase {
    func testModelScripts() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../golden/models").standardized.path
        let only = ProcessInfo.processInfo.environment["GOLDEN_ONLY"]
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ae") && (only == nil || only!.split(separator: ",").contains(Substring($0))) }.sorted()
        XCTAssertFalse(files.isEmpty)
        let work = NSTemporaryDirectory() + "ae-models-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(work)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        for file in files {
            let source = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            var expected: [String] = [], expectedError: String? = nil
            for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("# expect: ") { expected.append(String(line.dropFirst(10))) }
                if line.hasPrefix("# expect error: ") { expectedError = String(line.dropFirst(16)) }
            }
            var output = ""
            var options = EngineOptions()
            options.allowFileRead = true
            options.allowFileWrite = true
            options.quiet = true
            let engine = Engine(options: options, output: { output += $0 }, diagnostics: { _ in })
            engine.register(Builtins.all)
            var message: String? = nil
            do { _ = try engine.run(source, file: file) }
            catch let error as ScriptError { message = error.message }
            catch let error as ScriptErrors { message = error.errors.first?.message }
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                // Re-record: drop the old expectations, append the new ones.
                var kept = source.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasPrefix("# expect") }.map(String.init)
                while kept.last == "" { kept.removeLast() }
                kept += lines.map { "# expect: " + $0 }
                if let message { kept.append("# expect error: " + message) }
                try (kept.joined(separator: "\n") + "\n").write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
                continue
            }
            XCTAssertEqual(Array(lines), expected, "\(file): output")
            XCTAssertEqual(message, expectedError, "\(file): error")
        }
    }
}
