import Foundation
import XCTest

/// The built `ae` executable, found next to the test bundle in the build products directory
/// (`.build/<configuration>/`), so `swift test` and `swift test -c release` each test their own build.
enum AEProgram {
    static let path: String = {
        var directories = [Bundle.main.bundleURL,
                           URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        directories += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        // Last resort: the package's own debug build.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in directories {
            let candidate = directory.appendingPathComponent("ae").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
               !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return packageRoot.appendingPathComponent(".build/debug/ae").path
    }()

    /// What one run printed and how it ended.
    struct Outcome {
        var stdout: String
        var stderr: String
        var status: Int32
        /// False when the run was killed for taking longer than its time limit.
        var finished: Bool
    }

    /// Runs `ae` with `arguments`, feeding it `input` (or `inputBytes`) on stdin (an empty file when nil), in
    /// `directory`. Output goes to files, not pipes, so a chatty run can never block on a full pipe.
    /// `whileRunning` is called once the process has started (e.g. to send it a signal).
    static func run(_ arguments: [String], input: String? = nil, inputBytes: Data? = nil, directory: URL? = nil,
                    environment: [String: String] = [:], timeout: TimeInterval = 30,
                    whileRunning: ((Process) -> Void)? = nil) throws -> Outcome {
        let scratch = try TemporaryDirectory()
        let stdinURL = scratch.url.appendingPathComponent("stdin")
        let stdoutURL = scratch.url.appendingPathComponent("stdout")
        let stderrURL = scratch.url.appendingPathComponent("stderr")
        try (inputBytes ?? Data((input ?? "").utf8)).write(to: stdinURL)
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? scratch.url
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment["AE_HISTORY"] = scratch.url.appendingPathComponent("history").path
        processEnvironment.merge(environment) { _, new in new }
        process.environment = processEnvironment
        let stdinHandle = try FileHandle(forReadingFrom: stdinURL)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = stdinHandle
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try process.run()
        whileRunning?(process)

        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        let finished = !process.isRunning
        if !finished {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try? stdinHandle.close()
        try? stdoutHandle.close()
        try? stderrHandle.close()
        return Outcome(stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
                       stderr: try String(contentsOf: stderrURL, encoding: .utf8),
                       status: process.terminationStatus, finished: finished)
    }
}

/// A directory removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ae-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to a file in the directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let fileURL = url.appendingPathComponent(name)
        try text.write(to: fileURL, atomically: true, encoding: .utf8)
        return fileURL.path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
