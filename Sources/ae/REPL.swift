import AELang
import Foundation

/// The interactive loop: read an entry (one line, or several while the input is incomplete), run it,
/// echo its value. Commands start with `:`; `?name` prints documentation.
final class REPL {
    private let session: Session
    private var engine: Engine { session.engine }

    static let prompt = "ae> "
    static let continuationPrompt = "..> "

    static let helpText = """
        Enter code to run it; the value of an expression is printed and kept in `ans`.
          help()         the builtins, grouped by area (language, data, models, densities, ...)
          ?name          the documentation of a builtin or of your own function (also help(name))
          :load FILE     run a script in this session
          :help          this text
          :quit          leave (Ctrl-D on an empty line does too)
        Keys (GNU readline, Emacs bindings):
          Tab            complete a name; inside a call's parentheses, its argument labels
          Up, Down       walk the history (kept in ~/.ae_history; AE_HISTORY overrides)
          Ctrl-R         search the history backwards
          Ctrl-C         discard the line; while code runs, interrupt it (variables are kept)
          Ctrl-D         leave, on an empty line

        """

    init(session: Session) {
        self.session = session
        session.briefInterrupts = true
    }

    /// Runs until Ctrl-D or `:quit`; returns the exit status (always 0: errors were shown already).
    func run() -> Int32 {
        Session.writeOutput("ae \(AEVersion.string) · :help for help, Ctrl-D to leave\n")
        let engine = self.engine
        let editor = LineEditor(historyPath: REPL.historyPath()) { line, cursor in
            engine.completions(line: line, cursor: cursor)
        }
        defer { editor.close() }
        while let entry = readEntry(editor) {
            if !handle(entry) { break }
        }
        fflush(stdout)
        return 0
    }

    /// `AE_HISTORY`, else `~/.ae_history`; an empty `AE_HISTORY` keeps no history.
    static func historyPath() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["AE_HISTORY"] { return path.isEmpty ? nil : path }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.ae_history"
    }

    /// One entry: lines are gathered under the continuation prompt while the engine says the input
    /// is incomplete. Returns nil when the user leaves with Ctrl-D.
    private func readEntry(_ editor: LineEditor) -> String? {
        var lines: [String] = []
        while true {
            switch editor.readLine(prompt: lines.isEmpty ? REPL.prompt : REPL.continuationPrompt) {
            case .line(let line):
                lines.append(line)
                let source = lines.joined(separator: "\n")
                if (lines.count == 1 && REPL.isCommand(line)) || !engine.isIncomplete(source) {
                    // The whole entry is one history item: Up brings back a whole function.
                    editor.addHistory(source)
                    return source
                }
            case .interrupted:
                Session.writeOutput("\n")
                lines = []
            case .endOfFile:
                if !editor.movesToNewLineAtEndOfFile { Session.writeOutput("\n") }
                // Ctrl-D inside an unfinished entry drops the entry, not the session.
                if lines.isEmpty { return nil }
                lines = []
            }
            fflush(stdout)
        }
    }

    private static func isCommand(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix(":") || trimmed.hasPrefix("?")
    }

    /// The echo of a value: a host object's rich display when it has one (a figure is drawn), else
    /// its round-trippable text.
    static func echo(_ value: Value, engine: Engine) -> String {
        if case .object(let object) = value,
           let text = object.display(width: terminalWidth(), color: engine.options.colorOutput) {
            return text
        }
        return engine.describe(value)
    }

    /// The terminal's columns (80 when unknown).
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// ANSI colours when stdout is a terminal, TERM is not dumb and NO_COLOR (no-color.org) is unset.
    static func colorEnabled() -> Bool {
        let env = ProcessInfo.processInfo.environment
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
        guard let term = env["TERM"], !term.isEmpty, term != "dumb" else { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// Runs one entry; false when the session should end.
    private func handle(_ entry: String) -> Bool {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix(":") { return command(trimmed) }
        if trimmed.hasPrefix("?") {
            showHelp(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces))
            return true
        }
        guard !trimmed.isEmpty else { return true }
        let engine = self.engine
        _ = session.evaluate {
            if let value = try engine.evaluateInteractive(entry, file: "<repl>") {
                Session.writeOutput(REPL.echo(value, engine: engine) + "\n")
            }
        }
        return true
    }

    /// `:quit`, `:load FILE`, `:help`.
    private func command(_ text: String) -> Bool {
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1)
        let name = parts.first.map(String.init) ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "quit", "q", "exit":
            return false
        case "help", "h":
            Session.writeOutput(REPL.helpText)
        case "load", "l":
            if argument.isEmpty {
                Session.writeError("usage: :load FILE\n")
            } else {
                _ = session.runFile(argument)
            }
        default:
            Session.writeError("unknown command ':\(name)' (:help lists the commands)\n")
        }
        return true
    }

    private func showHelp(_ name: String) {
        if name.isEmpty {
            Session.writeOutput(REPL.helpText)
        } else if let doc = engine.help(name) {
            Session.writeOutput(Session.terminated(doc))
        } else {
            Session.writeError("no documentation for '\(name)'\n")
        }
    }
}
