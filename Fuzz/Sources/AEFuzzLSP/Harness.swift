import AELanguageServer
import Glibc

/// libFuzzer's entry point for the language server: the bytes reach `ae --lsp`'s server as its input
/// stream. An even first byte sends the rest as it is (fuzzing the Content-Length framing); an odd
/// one frames each NUL-separated piece as a message after an `initialize` (fuzzing the JSON-RPC
/// handling and the requests). Answers go to /dev/null. A JSON-RPC error or an exit status is a
/// correct outcome; a crash, a hang (libFuzzer's -timeout) or a leak is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = bytes.first else { return 0 }
    var stream: [UInt8]
    if mode & 1 == 0 {
        stream = Array(bytes.dropFirst())
    } else {
        stream = frame(Array(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{}}"#.utf8))
        for piece in bytes.dropFirst().split(separator: 0, omittingEmptySubsequences: false) {
            stream += frame(Array(piece))
        }
    }
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { return 0 }
    // With -max_len=4096 the stream fits in the pipe's buffer (64 KiB): write it all, then serve.
    stream.withUnsafeBytes { _ = write(pipeEnds[1], $0.baseAddress, $0.count) }
    close(pipeEnds[1])
    let sink = open("/dev/null", O_WRONLY)
    _ = LanguageServer(version: "fuzz", input: pipeEnds[0], output: sink).run()
    close(pipeEnds[0])
    close(sink)
    return 0
}

private func frame(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
}
