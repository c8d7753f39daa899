import XCTest
import AELang
import AEBindings
import Foundation

/// Checks that each named builtin's (or core builtin's) help starts with its signature and that the example in it (the
/// lines indented by four spaces) runs without error, so `help` never shows code that does not work.
///
/// With `files`, each example runs with file access inside a fresh scratch folder, after `prepare`
/// has run there (to write the files a `load_*` example reads).
func assertHelpExamplesRun(_ names: [String], files: Bool = false, prepare: () throws -> Void = {},
                           file: StaticString = #filePath, line: UInt = #line) throws {
    let previous = FileManager.default.currentDirectoryPath
    var folder: String?
    if files {
        let scratch = NSTemporaryDirectory() + "ae-help-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        FileManager.default.changeCurrentDirectoryPath(scratch)
        folder = scratch
    }
    defer {
        FileManager.default.changeCurrentDirectoryPath(previous)
        if let folder { try? FileManager.default.removeItem(atPath: folder) }
    }
    try prepare()

    // The builtins in scope of an engine: the host's (Builtins.all) and the language's own.
    let probe = Engine(options: EngineOptions(), output: { _ in }, diagnostics: { _ in })
    probe.register(Builtins.all)
    for name in names {
        guard case .function(let function)? = probe.global(name), function.isNative else {
            XCTFail("\(name) is not registered", file: file, line: line)
            continue
        }
        XCTAssertTrue(function.doc.hasPrefix("\(name)("), "\(name)'s help starts with its signature",
                      file: file, line: line)
        let example = function.doc.split(separator: "\n").filter { $0.hasPrefix("    ") }
            .map { $0.dropFirst(4) }.joined(separator: "\n")
        XCTAssertFalse(example.isEmpty, "\(name)'s help has an example", file: file, line: line)
        var options = EngineOptions()
        options.allowFileRead = files
        options.allowFileWrite = files
        options.quiet = true
        let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
        engine.register(Builtins.all)
        do { try engine.run(example, file: "help(\(name))") }
        catch let error as ScriptError {
            XCTFail("help(\(name)) example fails:\n\(error.rendered)", file: file, line: line)
        }
    }
}
