import AELang
import Foundation

/// `ae --machine`: the session driven by another program (the Jupyter kernel in jupyter/) through
/// JSON lines, one request a line on stdin, messages for it on stdout. docs/machine-mode.md is the
/// protocol's reference; in short:
///
///     {"id": 1, "type": "execute", "code": "x = 3\nx * 2"}
///     {"id": 1, "type": "result", "data": {"text/plain": "6"}}
///     {"id": 1, "type": "reply", "status": "ok"}
///
/// Like the REPL, it is a thin client of the engine: `evaluateInteractive` (the echo rules),
/// `completions`, `help`, `isIncomplete`; a SIGINT stops the running request and keeps the session.
final class MachineMode {
    private let channel: MachineChannel
    private let session: Session
    private var engine: Engine { session.engine }

    init(options: EngineOptions) {
        let channel = MachineChannel()
        var options = options
        // Progress comes as messages the front end draws in place, whatever stderr is.
        options.showProgress = true
        self.channel = channel
        session = Session(options: options, scriptArguments: [],
                          output: { channel.send(["type": "stream", "name": "stdout", "text": $0]) },
                          diagnostics: { MachineMode.diagnostic($0, to: channel) })
        session.briefInterrupts = true
        // show(fig) in a cell: the figure itself, drawn by the front end.
        session.engine.display = { object in
            guard !object.richDisplay.isEmpty else { return false }
            channel.send(["type": "display", "data": MachineMode.mimeBundle(object.summary, object)])
            return true
        }
    }

    /// Answers requests until stdin ends; returns the exit status (0).
    func run() -> Int32 {
        channel.send(["type": "ready", "language": "ae", "version": AEVersion.string])
        while let line = channel.readLine() {
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                continue
            }
            channel.currentID = NSNull()
            do {
                let request = try MachineRequest(line: line)
                channel.currentID = request.id
                channel.send(try answer(request))
            } catch let error as MachineRequest.Malformed {
                if channel.currentID is NSNull { channel.currentID = error.id }
                channel.send(["type": "reply", "status": "error",
                              "error": ["kind": "request", "message": error.message]])
            } catch {
                channel.send(["type": "reply", "status": "error",
                              "error": ["kind": "request", "message": "\(error)"]])
            }
            channel.currentID = NSNull()
        }
        return 0
    }

    /// The final message of a request; `execute` sends its output, displays and result before it.
    private func answer(_ request: MachineRequest) throws -> [String: Any] {
        switch request.type {
        case "execute":
            return execute(try request.string("code"))
        case "complete":
            let code = try request.string("code")
            let cursor = try request.cursor(in: code)
            let (line, column) = MachineMode.line(of: code, at: cursor)
            let matches = engine.completions(line: line, cursor: column)
            let word = MachineMode.wordLength(before: column, in: line)
            return ["type": "reply", "status": "ok", "matches": matches,
                    "cursor_start": cursor - word, "cursor_end": cursor]
        case "inspect":
            let code = try request.string("code")
            let (line, column) = MachineMode.line(of: code, at: try request.cursor(in: code))
            let name = MachineMode.word(around: column, in: line)
            guard let doc = engine.help(name) else {
                return ["type": "reply", "status": "ok", "found": false, "data": [String: String]()]
            }
            return ["type": "reply", "status": "ok", "found": true, "name": name,
                    "data": ["text/plain": Session.terminated(doc)]]
        case "is_complete":
            let code = try request.string("code")
            let incomplete = !REPL.isCommand(code) && engine.isIncomplete(code)
            return ["type": "reply", "status": "ok",
                    "completeness": incomplete ? "incomplete" : "complete", "indent": incomplete ? "    " : ""]
        default:
            throw MachineRequest.Malformed(
                message: "unknown request type '\(request.type)' (execute, complete, inspect, is_complete)")
        }
    }

    /// Runs a cell as the REPL runs an entry: `?name` prints help; otherwise the value of a final
    /// expression is the result, with a figure's SVG beside its text.
    private func execute(_ code: String) -> [String: Any] {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("?") {
            let name = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
            if let doc = engine.help(name) {
                channel.send(["type": "stream", "name": "stdout", "text": Session.terminated(doc)])
                return ["type": "reply", "status": "ok"]
            }
            return failure(kind: "name", text: "no documentation for '\(name)'\n")
        }
        // A Ctrl-C that came while ae waited for this request was meant for an earlier one.
        _ = Interrupts.takePending()
        let ran: Result<Void, Error>? = Interrupts.whileRunning {
            Result {
                guard let value = try engine.evaluateInteractive(code, file: "<cell>") else { return }
                let object: (any HostObject)? = if case .object(let o) = value { o } else { nil }
                channel.send(["type": "result", "data": MachineMode.mimeBundle(engine.describe(value), object)])
            }
        }
        switch ran {
        case .success?:
            return ["type": "reply", "status": "ok"]
        case .failure(let error)?:
            let (text, _) = session.rendering(error)
            return failure(kind: MachineMode.kind(of: error), text: text)
        case nil:
            return failure(kind: "interrupted", text: "interrupted\n")
        }
    }

    /// What a front end shows for a value: `text` as `text/plain`, and the object's rich forms (a
    /// figure's SVG) beside it.
    static func mimeBundle(_ text: String, _ object: (any HostObject)?) -> [String: String] {
        ["text/plain": text].merging(object?.richDisplay ?? [:]) { _, rich in rich }
    }

    private func failure(kind: String, text: String) -> [String: Any] {
        ["type": "reply", "status": kind == "interrupted" ? "interrupted" : "error",
         "error": ["kind": kind, "text": text]]
    }

    private static func kind(of error: Error) -> String {
        switch error {
        case let error as ScriptError:
            switch error.kind {
            case .syntax: return "syntax"
            case .resolve: return "resolve"
            case .runtime: return "runtime"
            case .interrupted: return "interrupted"
            case .limit: return "limit"
            }
        case is ScriptErrors: return "syntax"
        default: return "runtime"
        }
    }

    /// Progress bars (a line that starts by returning to the line's start) become progress messages;
    /// everything else is stderr text. An empty redraw (the bar cleared) is dropped: the front end
    /// clears its bar when the request ends.
    static func diagnostic(_ text: String, to channel: MachineChannel) {
        let redraw = "\r\u{1B}[2K"
        guard text.hasPrefix(redraw) else {
            channel.send(["type": "stream", "name": "stderr", "text": text])
            return
        }
        let line = String(text.dropFirst(redraw.count))
        if !line.isEmpty { channel.send(["type": "progress", "text": line]) }
    }

    /// The line of `code` that holds character offset `cursor`, and the cursor's column in it.
    static func line(of code: String, at cursor: Int) -> (String, Int) {
        let characters = Array(code)
        var start = cursor
        while start > 0, characters[start - 1] != "\n" { start -= 1 }
        var end = cursor
        while end < characters.count, characters[end] != "\n" { end += 1 }
        return (String(characters[start..<end]), cursor - start)
    }

    private static func isNameCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// How many name characters come just before `column`: the part completion replaces.
    static func wordLength(before column: Int, in line: String) -> Int {
        let characters = Array(line)
        var start = column
        while start > 0, isNameCharacter(characters[start - 1]) { start -= 1 }
        return column - start
    }

    /// The name the cursor is in or just after (`dae` for `ae = da|e(`); inside a call's parentheses
    /// with no name under the cursor, the called function's name.
    static func word(around column: Int, in line: String) -> String {
        let characters = Array(line)
        var start = column, end = column
        while start > 0, isNameCharacter(characters[start - 1]) { start -= 1 }
        while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
        if start < end { return String(characters[start..<end]) }
        var depth = 0, index = column - 1
        while index >= 0 {
            if characters[index] == ")" { depth += 1 }
            if characters[index] == "(" {
                if depth == 0 {
                    var nameEnd = index
                    while nameEnd > 0, characters[nameEnd - 1] == " " { nameEnd -= 1 }
                    var nameStart = nameEnd
                    while nameStart > 0, isNameCharacter(characters[nameStart - 1]) { nameStart -= 1 }
                    return String(characters[nameStart..<nameEnd])
                }
                depth -= 1
            }
            index -= 1
        }
        return ""
    }
}
