import AELang
import AELanguageServer
import Foundation
import XCTest

/// A language server run over a fixed list of messages (a pipe in, a file out), and the messages
/// the tests send it.
enum LSPSession {
    /// Serves `messages` with `engine` (nil: the `ae` program's own engine) until they end; returns
    /// the server's answers and notifications in order. The messages must end with shutdown and exit.
    static func serve(_ engine: Engine?, _ messages: [[String: Any]]) throws -> [[String: Any]] {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        let input = ([initialize] + messages + [shutdown, exitNotification]).map(frame).reduce(Data(), +)
        // A few small messages: they fit in the pipe's buffer, so all are written before the server reads.
        input.withUnsafeBytes { _ = write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("lsp-\(UUID().uuidString)").path
        let output = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { unlink(outputPath) }
        XCTAssertEqual(LanguageServer(engine: engine, version: "test", input: ends[0], output: output).run(), 0)
        close(ends[0])
        close(output)
        var text = try String(contentsOfFile: outputPath, encoding: .utf8)[...]
        var answers: [[String: Any]] = []
        while let header = text.range(of: "\r\n\r\n") {
            let length = Int(text[..<header.lowerBound].dropFirst("Content-Length: ".count))!
            let body = Data(text[header.upperBound...].utf8.prefix(length))
            answers.append(try JSONSerialization.jsonObject(with: body) as! [String: Any])
            text = Substring(String(decoding: text[header.upperBound...].utf8.dropFirst(length), as: UTF8.self))
        }
        return answers
    }

    static func frame(_ message: [String: Any]) -> Data {
        let body = try! JSONSerialization.data(withJSONObject: message)
        return Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    static let initialize: [String: Any] = ["jsonrpc": "2.0", "id": 0, "method": "initialize", "params": [String: Any]()]
    static let shutdown: [String: Any] = ["jsonrpc": "2.0", "id": 999_999, "method": "shutdown"]
    static let exitNotification: [String: Any] = ["jsonrpc": "2.0", "method": "exit"]

    static func didOpen(_ uri: String, _ text: String) -> [String: Any] {
        ["jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": ["textDocument": ["uri": uri, "languageId": "ae", "version": 1, "text": text]]]
    }

    /// Request `id` of `textDocument/method` at a 0-based LSP line and UTF-16 character.
    static func request(_ id: Int, _ method: String, _ uri: String, _ line: Int, _ character: Int) -> [String: Any] {
        ["jsonrpc": "2.0", "id": id, "method": "textDocument/" + method,
         "params": ["textDocument": ["uri": uri], "position": ["line": line, "character": character]]]
    }

    /// The result of request `id` (NSNull when the answer is null; nil when there is no answer).
    static func result(_ id: Int, in answers: [[String: Any]]) -> Any? {
        answers.first { $0["id"] as? Int == id }?["result"]
    }

    /// The markdown of a hover answer.
    static func hoverText(_ id: Int, in answers: [[String: Any]]) -> String? {
        ((result(id, in: answers) as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
    }

    /// The messages of the last diagnostics published for `uri`.
    static func diagnostics(for uri: String, in answers: [[String: Any]]) -> [String]? {
        answers.last { $0["method"] as? String == "textDocument/publishDiagnostics"
            && ($0["params"] as? [String: Any])?["uri"] as? String == uri }
            .flatMap { ($0["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] }?
            .compactMap { $0["message"] as? String }
    }
}
