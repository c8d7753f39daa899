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

    /// `output` and `diagnostics` receive the program's output and its progress and diagnostics; the
    /// command line writes them to stdout and stderr, the machine mode wraps them in messages.
    init(options: EngineOptions, scriptArguments: [String],
         output: @escaping @Sendable (String) -> Void = Session.writeOutput,
         diagnostics: @escaping @Sendable (String) -> Void = Session.writeError) {
        engine = Engine(options: options, interruptFlag: Interrupts.flag, output: output, diagnostics: diagnostics)
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

    /// Writes the script at `path` as a notebook to stdout (`ae --notebook`).
    func writeNotebook(_ path: String) -> Int32 {
        guard checkReadable(path), let source = readSource(path) else { return 64 }
        let engine = self.engine
        Session.writeOutput(Notebook(script: source, isIncomplete: { engine.isIncomplete($0) }).json())
        return 0
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
        let (text, status) = rendering(error)
        Session.writeError(text)
        return status
    }

    /// The text the CLI shows for an error (ending with a newline) and the exit status it stands for.
    func rendering(_ error: Error) -> (text: String, status: Int32) {
        switch error {
        case let error as ScriptError where error.kind == .interrupted && briefInterrupts:
            return ("interrupted\n", error.exitCode)
        case let error as ScriptError:
            return (Session.terminated(error.rendered), error.exitCode)
        case let errors as ScriptErrors:
            return (Session.terminated(errors.rendered), errors.errors.map(\.exitCode).max() ?? 65)
        default:
            return ("ae: error: \(error)\n", 70)
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
