import AEBindings
import AELang
import AEStdlib
import Foundation

/// One engine, set up the way the command line wants it, and the batch ways of running code in it.
///
/// Every entry point returns the process exit status; errors are printed here, to stderr, exactly as
/// `ScriptError.rendered` has them.
final class Session {
    let engine: Engine
    /// The REPL prints a bare "interrupted" for Ctrl-C; scripts show where they stopped.
    var briefInterrupts = false

    init(options: EngineOptions, scriptArguments: [String]) {
        engine = Engine(options: options, interruptFlag: Interrupts.flag,
                        output: Session.writeOutput, diagnostics: Session.writeError)
        engine.register(Builtins.all)
        engine.bundledModules = Stdlib.modules
        engine.setGlobal("args", .list(scriptArguments.map { .string($0) }))
        if let path = ProcessInfo.processInfo.environment["AE_PATH"] {
            engine.searchPaths = path.split(separator: ":").map(String.init)
        }
    }

    /// Runs a script file.
    func runFile(_ path: String) -> Int32 {
        guard checkReadable(path) else { return 64 }
        return evaluate { _ = try self.engine.runFile(path) }
    }

    /// Runs source text, e.g. the code of `ae -e CODE`.
    func run(source: String, file: String) -> Int32 {
        evaluate { _ = try self.engine.run(source, file: file) }
    }

    /// Parses and resolves a file without running it (`ae --check FILE`); imports resolve relative to it.
    func checkFile(_ path: String) -> Int32 {
        guard checkReadable(path), readSource(path) != nil else { return 64 }
        return evaluate { try self.engine.checkFile(path) }
    }

    /// Parses and resolves source text without running it.
    func check(source: String, file: String) -> Int32 {
        evaluate { try self.engine.check(source, file: file) }
    }

    /// Runs (or checks) all of stdin as one script: no prompts, no line editing.
    func runStandardInput(checkOnly: Bool) -> Int32 {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let source = String(data: data, encoding: .utf8) else {
            Session.writeError("ae: stdin is not UTF-8 text\n")
            return 65
        }
        return checkOnly ? check(source: source, file: "<stdin>") : run(source: source, file: "<stdin>")
    }

    /// Runs `body` with Ctrl-C wired to the engine; prints any error and returns the exit status it
    /// stands for. (The engine runs scripts on its own large stack; what the CLI does around them,
    /// such as describing a value, is bounded by the value nesting limit and needs no more stack.)
    func evaluate(_ body: () throws -> Void) -> Int32 {
        let ran: Result<Void, Error>? = Interrupts.whileRunning { Result { try body() } }
        fflush(stdout)
        guard let outcome = ran else {
            Session.writeError("interrupted\n")
            return 130
        }
        switch outcome {
        case .success:
            return 0
        case .failure(let error):
            return report(error)
        }
    }

    /// Prints an error the way the CLI shows it and returns its exit status.
    func report(_ error: Error) -> Int32 {
        fflush(stdout)
        switch error {
        case let error as ScriptError where error.kind == .interrupted && briefInterrupts:
            Session.writeError("interrupted\n")
            return error.exitCode
        case let error as ScriptError:
            Session.writeError(Session.terminated(error.rendered))
            return error.exitCode
        case let errors as ScriptErrors:
            Session.writeError(Session.terminated(errors.rendered))
            return errors.errors.map(\.exitCode).max() ?? 65
        default:
            Session.writeError("ae: error: \(error)\n")
            return 70
        }
    }

    private func checkReadable(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            Session.writeError("ae: cannot open '\(path)': no such file\n")
            return false
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
            Session.writeError("ae: cannot read '\(path)'\n")
            return false
        }
        return true
    }

    private func readSource(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let source = String(data: data, encoding: .utf8) else {
            Session.writeError("ae: cannot read '\(path)' as UTF-8 text\n")
            return nil
        }
        return source
    }

    static func terminated(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Program output: through C's stdout, which readline also writes its prompts to, so the two
    /// never overtake each other.
    @Sendable static func writeOutput(_ text: String) {
        fputs(text, stdout)
    }

    /// Diagnostics and progress: stderr, after flushing what the program printed before.
    @Sendable static func writeError(_ text: String) {
        fflush(stdout)
        fputs(text, stderr)
    }
}
