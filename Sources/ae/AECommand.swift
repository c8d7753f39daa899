import AELang
import ArgumentParser
import Glibc

/// The command line of `ae`.
///
///     ae FILE.ae [ARGS...]      run a script; ARGS become the global list `args`
///     ae -e CODE [ARGS...]      run CODE
///     ae --check FILE           parse and resolve only
///     ae                        the REPL on a terminal; otherwise run stdin as a script
///
/// Exit codes follow sysexits.h, as jlox and clox do: 0 success, 64 usage, 65 syntax or resolve error,
/// 70 runtime error, 130 interrupted (128 + SIGINT, as shells report it).
struct AECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ae",
        abstract: "The ae language: explore what regularized auto-encoders learn.",
        discussion: """
            With no FILE and no -e, ae starts the REPL when stdin is a terminal and otherwise runs \
            stdin as a script. Modules for `import` are searched in the script's directory, then in \
            the colon-separated directories of AE_PATH, then in the bundled library. The REPL keeps \
            its history in ~/.ae_history (AE_HISTORY overrides).

            Exit codes: 0 success, 64 usage, 65 syntax or resolve error, 70 runtime error, \
            130 interrupted.
            """,
        version: "ae \(AEVersion.string)"
    )

    @Option(name: [.customShort("e"), .customLong("eval")], help: ArgumentHelp(
        "Run CODE instead of a file.", valueName: "CODE"))
    var code: String?

    @Flag(help: "Parse and resolve only: report syntax and name errors without running.")
    var check = false

    @Option(help: ArgumentHelp("Seed of the random generator (default 42).", valueName: "N"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Worker threads for numerical builtins; 0 means one per core.",
                               valueName: "N"))
    var threads: Int?

    @Flag(help: "No progress output.")
    var quiet = false

    /// The script and its arguments. Everything after the script's name belongs to the script, so
    /// `ae train.ae --epochs 3` hands `["--epochs", "3"]` to it.
    @Argument(help: ArgumentHelp(
        "The script to run, then the arguments it sees as the list `args`.",
        valueName: "FILE.ae"))
    var scriptAndArguments: [String] = []

    func validate() throws {
        if let threads, threads < 0 {
            throw ValidationError("--threads must be 0 or more, got \(threads)")
        }
        if check && code == nil && scriptAndArguments.isEmpty && isatty(STDIN_FILENO) == 1 {
            throw ValidationError("--check needs a FILE (or -e CODE, or a script on stdin)")
        }
    }

    /// Options that take a value, so that value is not mistaken for the script.
    private static let optionsWithValues: Set<String> = ["-e", "--eval", "--seed", "--threads"]

    /// Puts `--` before the script's name, so that the script's own arguments are never read as
    /// options of ae: `ae --quiet train.ae --epochs 3` gives the script `["--epochs", "3"]`.
    static func separatingScriptArguments(_ arguments: [String]) -> [String] {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return arguments }
            if argument == "-" || !argument.hasPrefix("-") {
                return Array(arguments[..<index]) + ["--"] + Array(arguments[index...])
            }
            index += optionsWithValues.contains(argument) ? 2 : 1
        }
        return arguments
    }

    func run() throws {
        let session = Session(options: engineOptions(), scriptArguments: scriptArguments)
        let status: Int32
        if let code {
            status = check ? session.check(source: code, file: "<-e>") : session.run(source: code, file: "<-e>")
        } else if let path = scriptAndArguments.first, path != "-" {
            status = check ? session.checkFile(path) : session.runFile(path)
        } else if isatty(STDIN_FILENO) == 1 && !check && scriptAndArguments.first != "-" {
            status = REPL(session: session).run()
        } else {
            status = session.runStandardInput(checkOnly: check)
        }
        fflush(stdout)
        if status != 0 { throw ExitCode(status) }
    }

    /// What the script sees as `args`: everything after the script's name (or after `-e CODE`).
    private var scriptArguments: [String] {
        code == nil ? Array(scriptAndArguments.dropFirst()) : scriptAndArguments
    }

    private func engineOptions() -> EngineOptions {
        var options = EngineOptions()
        if let seed { options.seed = seed }
        if let threads { options.threads = threads }
        options.quiet = quiet
        options.showProgress = isatty(STDERR_FILENO) == 1
        options.colorOutput = REPL.colorEnabled()
        // The command line is the user's own program: it may read and write their files.
        options.allowFileRead = true
        options.allowFileWrite = true
        return options
    }
}
