import AEBindings
import AELang
import AEStdlib
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Runs every `samples/NN-name.ae` in-process (Engine + Builtins.all + the bundled stdlib) with
/// `args = [a fresh temporary folder]`, compares its stdout with `Tests/golden/samples/NN-name.out`
/// exactly (`UPDATE_GOLDEN=1` re-records), and checks that every SVG it reports ("saved a.svg and
/// b.svg") exists in the folder and parses as XML. The samples fix their seeds and print no times.
/// They train networks, so they run in release builds only (`swift test -c release`).
final class SamplesTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samplesFolder = repository.appendingPathComponent("samples").path
    static let goldenFolder = repository.appendingPathComponent("Tests/golden/samples").path

    func testSamplesMatchTheirGoldenOutput() throws {
        #if DEBUG
        throw XCTSkip("the samples train auto-encoders: run with swift test -c release")
        #else
        let names = try FileManager.default.contentsOfDirectory(atPath: SamplesTests.samplesFolder)
            .filter { $0.hasSuffix(".ae") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 11, "expected the 11 samples")
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        for name in names {
            let stem = String(name.dropLast(3))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ae-sample-\(stem)-\(getpid())")
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let started = Date()
            let (stdout, failure) = SamplesTests.run(SamplesTests.samplesFolder + "/" + name, output: folder.path)
            print("sample \(name): \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            if let failure {
                XCTFail("\(name) failed:\n\(failure)")
                continue
            }
            let goldenPath = SamplesTests.goldenFolder + "/" + stem + ".out"
            if update {
                try FileManager.default.createDirectory(atPath: SamplesTests.goldenFolder, withIntermediateDirectories: true)
                try stdout.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            } else {
                let expected = (try? String(contentsOfFile: goldenPath, encoding: .utf8)) ?? ""
                if expected != stdout {
                    XCTFail("\(name): output differs from Tests/golden/samples/\(stem).out:\n"
                            + lineDiff(expected: GoldenTests.lines(expected), actual: GoldenTests.lines(stdout)))
                }
            }
            let figures = SamplesTests.reportedFigures(stdout)
            XCTAssertFalse(figures.isEmpty, "\(name) reports no figure")
            for figure in figures {
                let path = folder.appendingPathComponent(figure).path
                guard let data = FileManager.default.contents(atPath: path) else {
                    XCTFail("\(name): \(figure) was not written")
                    continue
                }
                let parser = XMLParser(data: data)
                XCTAssertTrue(parser.parse(), "\(name): \(figure) is not well-formed XML")
                XCTAssertTrue(String(decoding: data.prefix(200), as: UTF8.self).contains("<svg"), "\(name): \(figure) is not an SVG")
            }
        }
        #endif
    }

    /// The file names on the "saved a.svg and b.svg" lines a sample prints.
    static func reportedFigures(_ stdout: String) -> [String] {
        GoldenTests.lines(stdout).filter { $0.hasPrefix("saved ") }.flatMap { line in
            line.dropFirst("saved ".count).split(separator: " ").map(String.init).filter { $0.hasSuffix(".svg") }
        }
    }

    /// Runs one sample; returns its stdout and, if it failed, the rendered error.
    static func run(_ path: String, output: String) -> (String, String?) {
        var options = EngineOptions()
        options.quiet = true
        options.allowFileRead = true
        options.allowFileWrite = true
        final class Sink { var text = "" }
        let sink = Sink()
        let engine = Engine(options: options, output: { sink.text += $0 }, diagnostics: { _ in })
        engine.register(Builtins.all)
        engine.bundledModules = Stdlib.modules
        engine.setGlobal("args", .list([.string(output)]))
        do {
            try engine.runFile(path)
            return (sink.text, nil)
        } catch let error as ScriptError {
            return (sink.text, error.rendered)
        } catch let error as ScriptErrors {
            return (sink.text, error.rendered)
        } catch {
            return (sink.text, "\(error)")
        }
    }
}
