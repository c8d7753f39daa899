/// Every error a script can raise: thrown by `Engine.run`, `runFile`, `check` and `evaluateInteractive`.
///
/// `rendered` is what the CLI prints:
///
///     spiral.ae:3:24: error: unknown argument 'sigme' for dae(hidden:, sigma:, tied:)
///       3 | ae = dae(hidden: 1000, sigme: 0.01)
///         |                        ^^^^^ did you mean 'sigma'?
public struct ScriptError: Error, CustomStringConvertible {
    public enum Kind: Equatable {
        /// The text is not ae (exit code 65).
        case syntax
        /// A name or module that does not exist (exit code 65).
        case resolve
        /// An error while running (exit code 70).
        case runtime
        /// Ctrl-C or `Engine.cancel()` (exit code 130).
        case interrupted
        /// A limit of `EngineOptions` was exceeded: call depth, steps, time, sizes (exit code 70).
        case limit
    }

    /// One user-function frame of a runtime error's traceback.
    public struct Frame: Equatable {
        /// The function's name (`<fn>` for an anonymous one).
        public let function: String
        public let file: String
        /// Where that frame was when the error happened.
        public let line: Int
        public let column: Int
    }

    public let kind: Kind
    public let message: String
    public let file: String, line: Int, column: Int, length: Int
    public let hint: String?
    /// User-function frames, innermost first.
    public internal(set) var traceback: [Frame]
    /// The offending line, for rendering.
    public let sourceLine: String?
    /// While the error unwinds through calls: where the frame being left was (for the traceback).
    var cursor: (file: String, line: Int, column: Int)

    /// Makes an error positioned in `file` (used by hosts and tests; the engine makes its own).
    public init(kind: Kind, message: String, file: String, line: Int, column: Int, length: Int = 1,
                hint: String? = nil, traceback: [Frame] = [], sourceLine: String? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.hint = hint
        self.traceback = traceback
        self.sourceLine = sourceLine
        self.cursor = (file, line, column)
    }

    init(kind: Kind, message: String, file: SourceFile?, location: SourceLocation, hint: String? = nil) {
        self.init(kind: kind, message: message, file: file?.name ?? "<input>", line: location.line,
                  column: location.column, length: max(location.length, 1), hint: hint,
                  sourceLine: file?.line(location.line))
    }

    /// `file:line:col: error: message`, the source line with carets under the span, the hint,
    /// the traceback. Exactly what the CLI prints to stderr (ends with a newline).
    public var rendered: String {
        var text = line > 0 ? "\(file):\(line):\(column): error: \(message)\n" : "\(file): error: \(message)\n"
        if var sourceLine, line > 0 {
            var column = self.column
            // Long lines show a window around the caret.
            if sourceLine.count > 120 {
                let start = max(0, min(column - 60, sourceLine.count - 100))
                let window = sourceLine.dropFirst(start).prefix(100)
                sourceLine = (start > 0 ? "..." : "") + window + (start + 100 < sourceLine.count ? "..." : "")
                column = column - start + (start > 0 ? 3 : 0)
            }
            let number = String(line)
            let gutter = String(repeating: " ", count: number.count)
            text += "  \(number) | \(sourceLine)\n"
            let prefix = String(sourceLine.prefix(max(column - 1, 0)).map { $0 == "\t" ? "\t" : " " })
            let available = max(sourceLine.count - (column - 1), 1)
            let carets = String(repeating: "^", count: max(1, min(length, available)))
            text += "  \(gutter) | \(prefix)\(carets)"
            if let hint { text += " \(hint)" }
            text += "\n"
        } else if let hint {
            text += "  \(hint)\n"
        }
        if !traceback.isEmpty {
            text += "traceback (innermost first):\n"
            var index = 0
            while index < traceback.count {
                let frame = traceback[index]
                var run = 1
                while index + run < traceback.count, traceback[index + run] == frame { run += 1 }
                let shown = run > 3 ? 3 : run
                for _ in 0..<shown {
                    text += "  in \(frame.function) at \(frame.file):\(frame.line):\(frame.column)\n"
                }
                if run > shown { text += "  ... the same \(run - shown) more times\n" }
                index += run
            }
        }
        return text
    }

    public var description: String { rendered }

    /// 65 for syntax/resolve, 70 runtime/limit, 130 interrupted.
    public var exitCode: Int32 {
        switch kind {
        case .syntax, .resolve: return 65
        case .runtime, .limit: return 70
        case .interrupted: return 130
        }
    }
}

/// Several syntax errors of one file (panic-mode recovery reports at most 20).
public struct ScriptErrors: Error, CustomStringConvertible {
    public let errors: [ScriptError]

    public init(errors: [ScriptError]) { self.errors = errors }

    /// Each error rendered, in source order, then a count.
    public var rendered: String {
        errors.map(\.rendered).joined() + "\(errors.count) errors\n"
    }

    public var description: String { rendered }

    public var exitCode: Int32 { errors.first?.exitCode ?? 65 }
}
