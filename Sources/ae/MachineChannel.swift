import Foundation
import Glibc

/// The two ends of the machine mode (`ae --machine`): JSON lines in on stdin, JSON lines out on stdout.
///
/// Reads and writes go straight to the file descriptors and retry on EINTR, because the Ctrl-C that
/// interrupts a running cell may land while ae waits for the next request or writes a message; a
/// buffered stdio stream would take the interrupted read for the end of its input.
final class MachineChannel {
    private var buffer: [UInt8] = []
    private var atEnd = false
    private let lock = NSLock()

    /// The request whose messages are being written (JSON null between requests).
    var currentID: Any = NSNull()

    /// The next line of stdin without its newline, or nil at the end of the input.
    func readLine() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return buffer
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer += chunk[..<count]
            } else if count == 0 || errno != EINTR {
                atEnd = true
            }
        }
    }

    /// Writes one message, `fields` plus the current request's id, as one line of JSON with sorted keys.
    /// Safe from any thread: a builtin's progress may come from a worker.
    func send(_ fields: [String: Any]) {
        lock.lock()
        defer { lock.unlock() }
        var message = fields
        if message["id"] == nil { message["id"] = currentID }
        // Every value is a string, number, bool, null, array or dictionary, so encoding cannot fail; a
        // string that is not valid Unicode was already repaired when it was made.
        guard var data = try? JSONSerialization.data(withJSONObject: message,
                                                     options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(UInt8(ascii: "\n"))
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno != EINTR {
                    return
                }
            }
        }
    }
}
