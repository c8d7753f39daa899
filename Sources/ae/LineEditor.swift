import CReadline
import Glibc

/// Line input for the REPL: GNU readline, driven through its callback interface.
///
/// Readline's blocking `readline()` catches SIGINT itself and then restarts the read, so Ctrl-C could
/// not discard a line. As CPython does, readline's signal handling is switched off
/// (`rl_catch_signals = 0`), characters are fed to `rl_callback_read_char` from a `poll` loop on stdin,
/// and when our SIGINT handler (see ``Interrupts``) wakes the loop with EINTR, readline's line state
/// is thrown away and the terminal restored.
final class LineEditor {
    /// What one call to ``readLine(prompt:)`` got.
    enum Input: Equatable {
        case line(String)
        case endOfFile
        case interrupted
    }

    /// Where the history is kept, or nil to keep none.
    let historyPath: String?
    private static let historyLimit: Int32 = 1000

    /// - Parameters:
    ///   - historyPath: the history file, read now and appended to after every line.
    ///   - completer: the candidates for the word before the cursor, given the line and the cursor
    ///     (in characters).
    init(historyPath: String?, completer: @escaping (_ line: String, _ cursor: Int) -> [String]) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("ae"))
        rl_catch_signals = 0
        Completion.install(completer)
        using_history()
        stifle_history(LineEditor.historyLimit)
        // An entry of several lines (a function) stays one history entry, also in the file: each
        // entry is written after a `#<time>` line, and lines up to the next such line belong to it.
        history_comment_char = CChar(UInt8(ascii: "#"))
        history_write_timestamps = 1
        history_multiline_entries = 1
        if let historyPath { read_history(historyPath) }
    }

    /// Reads one line, showing `prompt`.
    func readLine(prompt: String) -> Input {
        Interrupts.install()
        _ = Interrupts.takePending()
        Received.input = nil
        rl_callback_handler_install(prompt, { text in
            // Remove the handler first, so readline does not print a prompt for the next line.
            rl_callback_handler_remove()
            if let text {
                Received.input = .line(String(cString: text))
                free(text)
            } else {
                Received.input = .endOfFile
                // Readline 8.2 keeps this set after Ctrl-D in callback mode, and then ends every
                // later line with an extra newline.
                rl_eof_found = 0
            }
        })
        var descriptor = pollfd(fd: fileno(rl_instream ?? stdin), events: Int16(POLLIN), revents: 0)
        while Received.input == nil {
            // The signal may come just before `poll` starts, or be handled on another thread; then
            // no EINTR wakes us. So the count is checked on every wake-up, and `poll` wakes up at
            // least every 100 ms.
            if Interrupts.takePending() {
                discardLine()
                Received.input = .interrupted
                break
            }
            descriptor.revents = 0
            let ready = poll(&descriptor, 1, 100)
            if ready > 0 {
                if descriptor.revents & Int16(POLLIN) != 0 {
                    rl_callback_read_char()
                } else {
                    // The terminal went away (POLLHUP, POLLERR): as if Ctrl-D.
                    rl_callback_handler_remove()
                    Received.input = .endOfFile
                }
            } else if ready < 0 && errno == EINTR {
                // Readline's own SIGWINCH handler only notes a resize: act on it now, not at the
                // next key. (SIGINT is taken at the top of the loop.)
                rl_check_signals()
            } else if ready < 0 {
                rl_callback_handler_remove()
                Received.input = .endOfFile
            }
        }
        return Received.input!
    }

    /// True when more input is already waiting: the rest of a paste (no one types that fast).
    var hasPendingInput: Bool {
        var descriptor = pollfd(fd: fileno(rl_instream ?? stdin), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    /// True when readline has already moved to a new line after Ctrl-D: it does so when it leaves
    /// bracketed-paste mode at end of input.
    var movesToNewLineAtEndOfFile: Bool {
        guard let value = rl_variable_value("enable-bracketed-paste") else { return false }
        return String(cString: value) == "on"
    }

    /// Adds an entry (one line or several) to the history and appends it to the history file.
    func addHistory(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        if history_length > 0, let last = history_get(history_base + history_length - 1),
           let text = last.pointee.line, String(cString: text) == line {
            return
        }
        add_history(line)
        guard let historyPath else { return }
        // append_history needs an existing file.
        if access(historyPath, F_OK) != 0 {
            let created = open(historyPath, O_WRONLY | O_CREAT, 0o600)
            if created >= 0 { Glibc.close(created) }
        }
        append_history(1, historyPath)
    }

    /// Trims the history file to its last lines; call once when the session ends.
    func close() {
        if let historyPath { history_truncate_file(historyPath, LineEditor.historyLimit) }
    }

    /// After Ctrl-C at the prompt: mark the line with `^C`, forget it and put the terminal back the
    /// way it was. The mark comes first because restoring the terminal may return the cursor to
    /// the start of the line (readline ends bracketed-paste mode with a carriage return).
    private func discardLine() {
        rl_point = rl_end
        rl_redisplay()
        fputs("^C", rl_outstream ?? stdout)
        fflush(rl_outstream ?? stdout)
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_cleanup_after_signal()
        rl_callback_handler_remove()
    }

    /// The line handler is a C function pointer and cannot capture: it leaves its result here.
    private enum Received {
        nonisolated(unsafe) static var input: Input?
    }
}
