import AEBindings
import AELang
import Foundation
import XCTest
import AEFiles

/// Missing, unreadable, truncated, foreign and corrupt files: each load is a clear, positioned error
/// that names the file; a failed save leaves the old file intact.
final class FileErrorTests: XCTestCase {
    var folder = ""
    var engine: Engine!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "ae-file-errors-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var options = EngineOptions()
        options.quiet = true
        options.allowFileRead = true
        options.allowFileWrite = true
        engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
        engine.register(Builtins.all)
        try engine.run("""
            m = dae(hidden: 3, sigma: 0.1)
            train(m, spiral(20), iters: 2)
            save(m, "\(folder)/m.aemodel")
            save(m, "\(folder)/m.npz")
            save_csv(spiral(4), "\(folder)/d.csv")
            save_npy(spiral(4), "\(folder)/d.npy")
            """)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func message(_ source: String) -> String {
        do {
            try engine.run(source, file: "f.ae")
            return "no error"
        } catch let error as ScriptError {
            XCTAssertEqual(error.kind, .runtime, error.rendered)
            XCTAssertEqual(error.line, 1, error.rendered)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    private func truncate(_ name: String, to count: Int) throws -> String {
        let path = folder + "/" + name
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        let cut = folder + "/cut-" + name
        try bytes.prefix(count).write(to: URL(fileURLWithPath: cut))
        return cut
    }

    func testMissingFilesAndFolders() {
        for call in ["load", "load_csv", "load_npy"] {
            let text = message("\(call)(\"\(folder)/none.x\")")
            XCTAssertTrue(text.contains("cannot read '\(folder)/none.x'") && text.contains("no such file"), text)
            let dir = message("\(call)(\"\(folder)\")")
            XCTAssertTrue(dir.contains("folder") || dir.contains("directory"), dir)
        }
    }

    func testUnreadableFile() throws {
        if getuid() == 0 { throw XCTSkip("permissions do not stop root from reading") }
        let path = folder + "/locked.csv"
        try "1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0)
        XCTAssertTrue(message("load_csv(\"\(path)\")").contains("cannot read"))
    }

    func testTruncatedFiles() throws {
        for (name, call) in [("m.aemodel", "load"), ("m.npz", "load"), ("d.npy", "load_npy")] {
            let size = FileManager.default.contents(atPath: folder + "/" + name)?.count ?? 0
            for count in [0, 5, 60, size - 1] {
                let path = try truncate(name, to: count)
                let text = message("\(call)(\"\(path)\")")
                XCTAssertTrue(text.contains(path), "\(name) cut to \(count): \(text)")
                XCTAssertNotEqual(text, "no error", "\(name) cut to \(count)")
            }
        }
        let csv = try truncate("d.csv", to: 25)
        let text = message("load_csv(\"\(csv)\")")
        XCTAssertTrue(text == "no error" || text.contains("line"), text)
    }

    func testForeignAndCorruptFiles() throws {
        XCTAssertTrue(message("load(\"\(folder)/d.csv\")").contains("not an ae model file"))
        XCTAssertNotEqual(message("load_npy(\"\(folder)/d.csv\")"), "no error")
        XCTAssertNotEqual(message("load_csv(\"\(folder)/d.npy\")"), "no error")
        var bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: folder + "/m.aemodel")))
        bytes[bytes.count - 9] ^= 0x55
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/bad.aemodel"))
        XCTAssertTrue(message("load(\"\(folder)/bad.aemodel\")").contains("bad.aemodel"))
    }

    func testFailedSaveKeepsTheOldFile() throws {
        let path = folder + "/m.aemodel"
        let before = FileManager.default.contents(atPath: path)
        // A target that is a folder: the temporary file is written, the rename fails.
        try FileManager.default.createDirectory(atPath: folder + "/taken.aemodel", withIntermediateDirectories: false)
        XCTAssertTrue(message("save(m, \"\(folder)/taken.aemodel\")").contains("cannot write"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/taken.aemodel"), [])
        // A folder that does not exist: nothing is written anywhere.
        XCTAssertTrue(message("save(m, \"\(folder)/no/m.aemodel\")").contains("does not exist"))
        XCTAssertEqual(FileManager.default.contents(atPath: path), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary files are left behind")
    }
}
