import AELang
import AELanguageServer
import Foundation
import XCTest

/// A host serving its own engine: editors see the host's functions as they see the builtins.
final class HostEngineTests: XCTestCase {
    private func frame(_ message: [String: Any]) -> Data {
        let body = try! JSONSerialization.data(withJSONObject: message)
        return Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    /// Runs a server on `engine` over `messages` (a pipe in, a file out); returns its answers.
    private func serve(_ engine: Engine, _ messages: [[String: Any]]) throws -> [[String: Any]] {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        let input = messages.map(frame).reduce(Data(), +)
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

    func testTheHostsFunctionsAreCheckedCompletedAndDescribed() throws {
        let (engine, ran) = (Engine(output: { _ in }, diagnostics: { _ in }), RunFlag())
        engine.register(Function(name: "discount", parameters: [Parameter("price"), Parameter("rate", default: Value(0.1))],
                                 doc: "discount(price, rate: 0.1): the price after a discount.") { _ in
            ran.value = true
            return .nil
        })
        let uri = "file:///shop/cart.ae"
        let text = "bad = discont(1)\ntotal = discount(100, rate: 0.2)\n"
        func at(_ id: Int, _ method: String, _ line: Int, _ character: Int) -> [String: Any] {
            ["jsonrpc": "2.0", "id": id, "method": "textDocument/" + method,
             "params": ["textDocument": ["uri": uri], "position": ["line": line, "character": character]]]
        }
        let answers = try serve(engine, [
            ["jsonrpc": "2.0", "id": 0, "method": "initialize", "params": [String: Any]()],
            ["jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": ["textDocument": ["uri": uri, "languageId": "ae", "version": 1, "text": text]]],
            at(1, "completion", 1, 24), at(2, "hover", 1, 10), at(3, "signatureHelp", 1, 24),
            ["jsonrpc": "2.0", "id": 9, "method": "shutdown"], ["jsonrpc": "2.0", "method": "exit"],
        ])
        func result(_ id: Int) -> [String: Any]? { answers.first { $0["id"] as? Int == id }?["result"] as? [String: Any] }
        let diagnostics = answers.first { $0["method"] as? String == "textDocument/publishDiagnostics" }
            .flatMap { ($0["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] }
        XCTAssertEqual(diagnostics?.compactMap { $0["message"] as? String }, ["unknown name 'discont'\ndid you mean 'discount'?"])
        let completion = answers.first { $0["id"] as? Int == 1 }?["result"] as? [[String: Any]]
        XCTAssertEqual(completion?.compactMap { $0["label"] as? String }, ["rate:", "range"])
        XCTAssertEqual((result(2)?["contents"] as? [String: Any])?["value"] as? String,
                       "```\ndiscount(price, rate: 0.1): the price after a discount.\n```")
        XCTAssertEqual(result(3)?["activeParameter"] as? Int, 1)
        XCTAssertEqual(((result(3)?["signatures"] as? [[String: Any]])?.first)?["label"] as? String,
                       "discount(price:, rate: 0.1)")
        XCTAssertFalse(ran.value)
    }
}

/// Set when the host's function runs (it must not: the server only analyzes).
private final class RunFlag: @unchecked Sendable {
    var value = false
}
