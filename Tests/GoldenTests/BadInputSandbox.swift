import AELang
import Foundation

/// What the bad-input tests share: a scratch folder made the current directory, so that the files
/// their calls save and load by relative paths stay inside it, and sandboxed engine options that may
/// read and write files there.
struct BadInputSandbox {
    let folder: String
    private let previous: String

    init(_ name: String) throws {
        folder = NSTemporaryDirectory() + "\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder)
    }

    /// `EngineOptions.sandbox` with file access, the deadline `seconds` for each run.
    func options(seconds: Double) -> EngineOptions {
        var options = EngineOptions.sandbox(seconds: seconds)
        options.allowFileRead = true
        options.allowFileWrite = true
        return options
    }

    /// Back to the previous directory; the folder and what the calls wrote in it go.
    func close() {
        FileManager.default.changeCurrentDirectoryPath(previous)
        try? FileManager.default.removeItem(atPath: folder)
    }
}
