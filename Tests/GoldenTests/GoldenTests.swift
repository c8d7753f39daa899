import AEBindings
import AELang
import AEStdlib
import Foundation
import XCTest

/// Runs every `Tests/golden/<feature>/*.ae` in-process through `Engine` and compares its output with
/// the expectations in the file (`# expect: ...`, `# expect error: ...`, `# expect exit: N`) or its
/// sibling `.out` file. `UPDATE_GOLDEN=1 swift test --filter GoldenTests` re-records the `.out` files.
final class GoldenTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("golden").path

    func testGoldenScripts() throws {
        let scripts = try GoldenTests.findScripts()
        XCTAssertFalse(scripts.isEmpty, "no golden scripts under \(GoldenTests.root)")
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        var failures = 0
        for script in scripts {
            let result = GoldenTests.run(script)
            if let message = GoldenTests.check(script, result, update: update) {
                failures += 1
                XCTFail("\(script.relativePath):\n\(message)")
            }
        }
        print("golden: \(scripts.count) scripts, \(failures) failed")
    }

    static func findScripts() throws -> [GoldenScript] {
        let manager = FileManager.default
        var scripts: [GoldenScript] = []
        for folder in try manager.contentsOfDirectory(atPath: root).sorted() {
            let folderPath = root + "/" + folder
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folderPath, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for name in try manager.contentsOfDirectory(atPath: folderPath).sorted() where name.hasSuffix(".ae") {
                // Modules imported by other scripts, not tests themselves.
                if name.hasPrefix("_") { continue }
                let path = folderPath + "/" + name
                let source = try String(contentsOfFile: path, encoding: .utf8)
                scripts.append(GoldenScript(path: path, relativePath: folder + "/" + name, source: source))
            }
        }
        return scripts
    }

    static func run(_ script: GoldenScript) -> GoldenResult {
        var options = EngineOptions()
        options.quiet = true
        options.allowFileRead = true
        options.allowFileWrite = true
        if let n = script.options["maxSteps"] { options.maxSteps = Int(n) }
        if let n = script.options["maxElements"] { options.maxElements = Int(n) }
        if let n = script.options["maxCallDepth"] { options.maxCallDepth = Int(n) }
        if let n = script.options["maxNesting"] { options.maxNesting = Int(n) }
        if let n = script.options["deadline"] { options.deadline = n }
        if let n = script.options["seed"] { options.seed = UInt64(n) }
        final class Sink { var result = GoldenResult() }
        let sink = Sink()
        let engine = Engine(options: options,
                            output: { sink.result.stdout += $0; sink.result.combined += $0 },
                            diagnostics: { sink.result.combined += $0 })
        engine.register(Builtins.all)
        engine.bundledModules = Stdlib.modules
        engine.setGlobal("args", .list([]))
        if let seconds = script.options["cancelAfter"] {
            // Stands in for Ctrl-C: the run must stop with "interrupted".
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak engine] in engine?.cancel() }
        }
        // Each script runs in a fresh, empty working directory, so files it saves never land in the
        // repository; its imports still resolve from its own folder.
        let manager = FileManager.default
        let saved = manager.currentDirectoryPath
        let scratch = manager.temporaryDirectory.appendingPathComponent("ae-golden-\(UUID().uuidString)").path
        try? manager.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        manager.changeCurrentDirectoryPath(scratch)
        defer {
            manager.changeCurrentDirectoryPath(saved)
            try? manager.removeItem(atPath: scratch)
        }
        engine.searchPaths = [(script.path as NSString).deletingLastPathComponent]
        do {
            try engine.run(script.source, file: script.relativePath)
        } catch let error as ScriptError {
            sink.result.error = error.rendered
            sink.result.exitCode = error.exitCode
        } catch let error as ScriptErrors {
            sink.result.error = error.rendered
            sink.result.exitCode = error.exitCode
        } catch {
            sink.result.error = "\(error)\n"
            sink.result.exitCode = 70
        }
        if let error = sink.result.error { sink.result.combined += error }
        return sink.result
    }

    /// nil when the result matches, else what differs.
    static func check(_ script: GoldenScript, _ result: GoldenResult, update: Bool) -> String? {
        let manager = FileManager.default
        var problems: [String] = []
        let hasOut = manager.fileExists(atPath: script.outPath)
        if update && (hasOut || !script.hasInlineExpectations) {
            try? result.combined.write(toFile: script.outPath, atomically: true, encoding: .utf8)
            return nil
        }
        if hasOut {
            let expected = (try? String(contentsOfFile: script.outPath, encoding: .utf8)) ?? ""
            if expected != result.combined {
                problems.append("output differs from \(script.relativePath.dropLast(3)).out:\n"
                                + lineDiff(expected: lines(expected), actual: lines(result.combined)))
            }
        } else if !script.hasInlineExpectations {
            return "no expectations: add '# expect: ...' lines or record a .out file with UPDATE_GOLDEN=1"
        }
        if !script.expectedLines.isEmpty || (!hasOut && script.expectedError == nil) {
            let actual = lines(result.stdout)
            if actual != script.expectedLines {
                problems.append("stdout differs:\n" + lineDiff(expected: script.expectedLines, actual: actual))
            }
        }
        if let expectedError = script.expectedError {
            let first = result.error.map { String($0.prefix { $0 != "\n" }) }
            if first != expectedError {
                problems.append("error differs:\n- \(expectedError)\n+ \(first ?? "(no error)")")
            }
        } else if result.error != nil && script.expectedExit == nil && !hasOut {
            problems.append("unexpected error:\n\(result.error!)")
        }
        let expectedExit = script.expectedExit ?? (script.expectedError != nil ? result.exitCode : (hasOut ? result.exitCode : 0))
        if script.expectedError != nil && script.expectedExit == nil && result.exitCode == 0 {
            problems.append("expected an error exit, got 0")
        } else if result.exitCode != expectedExit {
            problems.append("exit code \(result.exitCode), expected \(expectedExit)")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "\n")
    }

    static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }
}
