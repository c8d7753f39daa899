import AEBindings
import AELang
import Foundation
import XCTest

/// Replays every input the fuzzer (Fuzz/) found trouble with, under the harness's limits: each must
/// end with a value or a ScriptError, quickly, never a crash or a hang.
final class FuzzRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz-regressions").path

    func testFuzzRegressions() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: FuzzRegressionTests.folder).sorted()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let data = try XCTUnwrap(FileManager.default.contents(atPath: FuzzRegressionTests.folder + "/" + name))
            let options = EngineOptions.sandbox(steps: 200_000, seconds: 1, elements: 100_000, callDepth: 100)
            let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
            engine.register(Builtins.all)
            let start = Date()
            do {
                _ = try engine.run(String(decoding: data, as: UTF8.self), file: name)
            } catch is ScriptError {
            } catch is ScriptErrors {
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 4, "\(name) ran past its 1 s deadline")
        }
    }
}
