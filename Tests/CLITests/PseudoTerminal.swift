import Foundation
import Glibc
import XCTest

/// `ae` running on a pseudo-terminal, as a user at a terminal would run it: stdin, stdout and stderr
/// are the terminal, which is also the process's controlling terminal, so Ctrl-C (byte 0x03) makes
/// the terminal driver send SIGINT, exactly as at a real keyboard.
///
///     let terminal = try PseudoTerminal(environment: ["AE_HISTORY": path])
///     try terminal.expect("ae> ")
///     terminal.send("1 + 1\r")
///     try terminal.expect("\n2\n")
final class PseudoTerminal {
    private let pid: pid_t
    private let master: Int32
    private var exitStatus: Int32?
    /// Everything the program wrote, carriage returns and escape sequences removed.
    private var output: [UInt8] = []
    /// How many bytes of `output` ``expect(_:timeout:)`` has matched: it looks only after them.
    private var consumed = 0

    /// Everything the program wrote, as text.
    var transcript: String { String(decoding: output, as: UTF8.self) }

    /// Starts `ae arguments...` on a new pseudo-terminal, 200 columns wide so that lines never wrap.
    /// The environment is minimal: a dumb terminal (no colour, no bracketed paste) unless the
    /// caller sets TERM, and no inputrc.
    init(arguments: [String] = [], environment: [String: String] = [:]) throws {
        var variables = ["TERM": "dumb", "INPUTRC": "/dev/null", "LANG": "C.UTF-8",
                         "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                         "HOME": FileManager.default.temporaryDirectory.path]
        variables.merge(environment) { _, new in new }
        // Everything the child needs is allocated before fork: between fork and exec it may only
        // make async-signal-safe calls.
        let argv = CStringArray([AEProgram.path] + arguments)
        let envp = CStringArray(variables.map { "\($0.key)=\($0.value)" })
        var size = winsize(ws_row: 40, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
        let program = argv.pointers[0]!
        var master: Int32 = -1
        let pid = forkpty(&master, nil, nil, &size)
        if pid == 0 {
            execve(program, argv.pointers, envp.pointers)
            _exit(127)
        }
        guard pid > 0 else {
            throw TerminalError(message: "forkpty failed: errno \(errno)", transcript: "")
        }
        self.pid = pid
        self.master = master
        withExtendedLifetime((argv, envp)) {}
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        Glibc.close(master)
    }

    /// Types `text` (a string of keys: "\r" is Enter, "\t" Tab, "\u{03}" Ctrl-C, "\u{04}" Ctrl-D).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written <= 0 { break }
            offset += written
        }
    }

    /// Waits until the output after the last match contains `text` and returns what came before
    /// it; throws, with the transcript, when it has not appeared within `timeout` seconds.
    @discardableResult
    func expect(_ text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let unmatched = String(decoding: output[consumed...], as: UTF8.self)
            if let range = unmatched.range(of: text) {
                consumed += unmatched[..<range.upperBound].utf8.count
                return String(unmatched[..<range.lowerBound])
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, readAvailable(waiting: min(remaining, 0.1)) else {
                throw TerminalError(message: "expected \(text.debugDescription)", transcript: transcript)
            }
        }
    }

    /// Waits for the program to end and returns its exit status (128 + n for a signal n).
    func waitForExit(timeout: TimeInterval = 15) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !readAvailable(waiting: 0.05) { usleep(10_000) }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus = code
                return code
            }
        }
        throw TerminalError(message: "the program did not exit", transcript: transcript)
    }

    private enum EscapeState { case text, escape, controlSequence }
    private var escapeState = EscapeState.text

    /// Keeps the text of the output: drops carriage returns and terminal escape sequences
    /// (`ESC [ ... final-byte`, and `ESC x`), which a terminal other than "dumb" gets.
    private func filter(_ byte: UInt8) {
        switch escapeState {
        case .text:
            if byte == 0x1b {
                escapeState = .escape
            } else if byte != 13 {
                output.append(byte)
            }
        case .escape:
            escapeState = byte == UInt8(ascii: "[") ? .controlSequence : .text
        case .controlSequence:
            if (0x40...0x7e).contains(byte) { escapeState = .text }
        }
    }

    /// Reads what the program wrote, waiting up to `seconds` for something; false at end of output.
    private func readAvailable(waiting seconds: TimeInterval) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(seconds * 1000))
        guard ready > 0 else { return ready == 0 || errno == EINTR }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        // On Linux, reading a pseudo-terminal whose other side has closed fails with EIO.
        guard count > 0 else { return false }
        for byte in buffer[..<count] { filter(byte) }
        return true
    }
}

/// An expectation that failed, with everything the terminal showed.
struct TerminalError: Error, CustomStringConvertible {
    let message: String
    let transcript: String
    var description: String { "\(message); the terminal showed:\n\(transcript)" }
}

/// A NULL-terminated array of C strings that lives as long as the value.
private final class CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: strings.count + 1)
        for (index, string) in strings.enumerated() { pointers[index] = strdup(string) }
        pointers[strings.count] = nil
    }

    deinit {
        for index in 0..<count { free(pointers[index]) }
        pointers.deallocate()
    }
}

extension PseudoTerminal {
    /// `ae` at its first prompt, with its history in `history` and the terminal type `terminalType`.
    static func startREPL(history: String, terminalType: String = "dumb") throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(environment: ["AE_HISTORY": history, "TERM": terminalType])
        try terminal.expect("ae> ")
        return terminal
    }
}
