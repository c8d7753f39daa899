import Foundation
import Glibc

/// The base protocol of LSP on stdin and stdout: each message is a header block (`Content-Length: N`
/// and any other headers, each ending in CRLF, then an empty line) followed by N bytes of JSON.
final class LSPTransport {
    enum Incoming {
        case message(Data)
        /// The client closed its end (between messages or in the middle of one).
        case end
        /// A header block this side cannot find the message's end from: the stream cannot continue.
        case badFrame(String)
    }

    /// Larger messages are refused rather than buffered: no editor sends a 64 MiB script.
    static let maxContentLength = 64 << 20
    private static let maxHeaderLine = 8192

    private let input: Int32
    private let output: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    /// True once a header of the message being read has been seen: blank lines before the first
    /// header are skipped, the first one after it ends the header block.
    private var sawHeader = false

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
        // A client that goes away must end the server through a failed write, not SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    func read() -> Incoming {
        var contentLength: Int?
        while true {
            guard let line = readHeaderLine() else { return .end }
            guard let text = line.text else { return .badFrame(line.problem ?? "unreadable header") }
            if text.isEmpty {
                if contentLength == nil && !sawHeader { continue }
                break
            }
            sawHeader = true
            let parts = text.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return .badFrame("malformed header line '\(text.prefix(80))'") }
            if parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                guard let length = Int(parts[1].trimmingCharacters(in: .whitespaces)), length >= 0 else {
                    return .badFrame("Content-Length is not a number: '\(parts[1].prefix(40))'")
                }
                guard length <= LSPTransport.maxContentLength else {
                    return .badFrame("Content-Length \(length) exceeds the limit of \(LSPTransport.maxContentLength) bytes")
                }
                contentLength = length
            }
        }
        sawHeader = false
        guard let length = contentLength else { return .badFrame("a message without a Content-Length header") }
        guard let body = readBytes(length) else { return .end }
        return .message(Data(body))
    }

    /// Writes one message; false when the client is gone.
    @discardableResult
    func write(_ body: Data) -> Bool {
        var bytes = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        bytes += body
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(output, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// One header line without its CRLF (a bare LF is accepted); nil at the end of input.
    private func readHeaderLine() -> (text: String?, problem: String?)? {
        var line: [UInt8] = []
        while true {
            guard let byte = nextByte() else { return line.isEmpty ? nil : (nil, "the input ended inside a header") }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
            if line.count > LSPTransport.maxHeaderLine { return (nil, "a header line longer than \(LSPTransport.maxHeaderLine) bytes") }
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        guard let text = String(bytes: line, encoding: .utf8) else { return (nil, "a header that is not text") }
        return (text, nil)
    }

    private func readBytes(_ count: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            if position == buffer.count, !fill() { return nil }
            let take = min(count - bytes.count, buffer.count - position)
            bytes += buffer[position..<(position + take)]
            position += take
        }
        return bytes
    }

    private func nextByte() -> UInt8? {
        if position == buffer.count, !fill() { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer = Array(chunk[..<count])
            position = 0
            return true
        }
    }
}
