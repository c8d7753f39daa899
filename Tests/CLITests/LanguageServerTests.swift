import Foundation
import XCTest

/// `ae --lsp` driven as an editor drives it: framed JSON-RPC messages on stdin, the answers read back
/// from stdout in order. Every answer is checked exactly where the protocol fixes it.
final class LanguageServerTests: XCTestCase {
    private var scratch: TemporaryDirectory!

    override func setUpWithError() throws { scratch = try TemporaryDirectory() }
    override func tearDown() { scratch = nil }

    // MARK: A small client

    private static func frame(_ body: Data) -> Data {
        Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    private static func frame(_ message: [String: Any]) -> Data {
        frame(try! JSONSerialization.data(withJSONObject: message))
    }

    private static let initialize = frame(["jsonrpc": "2.0", "id": 0, "method": "initialize",
                                           "params": ["capabilities": [String: Any]()]])
                                    + frame(["jsonrpc": "2.0", "method": "initialized", "params": [String: Any]()])
    private static let shutdownAndExit = frame(["jsonrpc": "2.0", "id": 999, "method": "shutdown"])
                                         + frame(["jsonrpc": "2.0", "method": "exit"])

    private func uri(_ name: String) -> String { scratch.url.appendingPathComponent(name).absoluteString }

    private func open(_ name: String, _ text: String) -> Data {
        Self.frame(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                    "params": ["textDocument": ["uri": uri(name), "languageId": "ae", "version": 1, "text": text]]])
    }

    private func request(_ id: Int, _ method: String, _ name: String, line: Int, character: Int) -> Data {
        Self.frame(["jsonrpc": "2.0", "id": id, "method": method,
                    "params": ["textDocument": ["uri": uri(name)], "position": ["line": line, "character": character]]])
    }

    /// Runs the server on `input` and splits its stdout into messages.
    private func serve(_ input: Data) throws -> (messages: [[String: Any]], status: Int32) {
        let outcome = try AEProgram.run(["--lsp"], inputBytes: input, timeout: 60)
        XCTAssertTrue(outcome.finished, "the server hung")
        var bytes = Array(outcome.stdout.utf8)[...]
        var messages: [[String: Any]] = []
        while let headerEnd = bytes.firstRange(of: Array("\r\n\r\n".utf8)) {
            let header = String(decoding: bytes[..<headerEnd.lowerBound], as: UTF8.self)
            let length = Int(header.replacingOccurrences(of: "Content-Length: ", with: ""))!
            let body = bytes[headerEnd.upperBound..<(headerEnd.upperBound + length)]
            messages.append(try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any])
            bytes = bytes[(headerEnd.upperBound + length)...]
        }
        XCTAssertTrue(bytes.isEmpty, "trailing output: \(String(decoding: bytes, as: UTF8.self))")
        return (messages, outcome.status)
    }

    private func response(_ id: Int, in messages: [[String: Any]]) -> [String: Any]? {
        messages.first { ($0["id"] as? Int) == id }
    }

    /// The text of the hover answering request `id`.
    private func hoverText(_ id: Int, in messages: [[String: Any]]) -> String? {
        ((response(id, in: messages)?["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
    }

    private func diagnostics(in messages: [[String: Any]]) -> [[String: Any]] {
        let published = messages.last { ($0["method"] as? String) == "textDocument/publishDiagnostics" }
        return (published?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
    }

    private func json(_ value: Any?) -> String {
        guard let value, JSONSerialization.isValidJSONObject(value) else { return "\(value ?? "nil")" }
        let data = try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Life cycle and diagnostics

    func testInitializeAnnouncesTheFeaturesAndShutdownExitsCleanly() throws {
        let (messages, status) = try serve(Self.initialize + Self.shutdownAndExit)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(messages.count, 2)
        let result = response(0, in: messages)?["result"] as? [String: Any]
        XCTAssertEqual(json(result?["capabilities"]), """
            {"completionProvider":{"triggerCharacters":["(",",","."]},"definitionProvider":true,\
            "documentSymbolProvider":true,"hoverProvider":true,"signatureHelpProvider":\
            {"retriggerCharacters":[":"],"triggerCharacters":["(",","]},"textDocumentSync":{"change":1,"openClose":true}}
            """)
        XCTAssertEqual(json(response(999, in: messages)), #"{"id":999,"jsonrpc":"2.0","result":null}"#)
    }

    func testAResolveErrorAfterNonASCIITextIsPlacedInUTF16Columns() throws {
        // 🙂 is one character of ae's columns but two UTF-16 code units of LSP's.
        let text = "x = 1\nlabel = \"é🙂\" ++ nope\n"
        let (messages, _) = try serve(Self.initialize + open("a.ae", text) + Self.shutdownAndExit)
        XCTAssertEqual(json(diagnostics(in: messages)), """
            [{"message":"unknown name 'nope'","range":{"end":{"character":21,"line":1},"start":{"character":17,"line":1}},\
            "severity":1,"source":"ae"}]
            """)
    }

    func testEverySyntaxErrorTheParserRecoversFromIsReportedWithItsHint() throws {
        let text = "a = (1 +\nb = 2\nfn f( { }\nc = dae(hidden: 3, sigme: 0.1)\n"
        let (messages, _) = try serve(Self.initialize + open("b.ae", text) + Self.shutdownAndExit)
        let found = diagnostics(in: messages)
        let checked = try XCTUnwrap(AEProgram.run(["--check", "-e", text]).stderr)
        // The same errors `ae --check` prints, one diagnostic each.
        let count = Int(checked.split(separator: "\n").last!.split(separator: " ").first!) ?? 1
        XCTAssertGreaterThanOrEqual(found.count, 2)
        XCTAssertEqual(found.count, count)
        for diagnostic in found {
            let message = (diagnostic["message"] as? String)!.split(separator: "\n").first!
            XCTAssertTrue(checked.contains("error: \(message)"), "\(message) not in \(checked)")
        }
    }

    func testAChangedDocumentIsCheckedAgainAndAClosedOneCleared() throws {
        let change = Self.frame(["jsonrpc": "2.0", "method": "textDocument/didChange",
                                 "params": ["textDocument": ["uri": uri("c.ae"), "version": 2],
                                            "contentChanges": [["text": "y = 2\nprint(y)\n"]]]])
        let close = Self.frame(["jsonrpc": "2.0", "method": "textDocument/didClose",
                                "params": ["textDocument": ["uri": uri("c.ae")]]])
        let (messages, _) = try serve(Self.initialize + open("c.ae", "print(y)\n") + change + close + Self.shutdownAndExit)
        let published = messages.filter { ($0["method"] as? String) == "textDocument/publishDiagnostics" }
            .map { (($0["params"] as! [String: Any])["diagnostics"] as! [Any]).count }
        XCTAssertEqual(published, [1, 0, 0])
    }

    func testImportsResolveFromTheScriptsFolderAndTheBundledLibrary() throws {
        _ = try scratch.file("helpers.ae", "fn twice(x) { 2 * x }\n")
        let good = "import \"helpers\"\nimport \"fmt\"\nprint(twice(2))\n"
        let (fine, _) = try serve(Self.initialize + open("d.ae", good) + Self.shutdownAndExit)
        XCTAssertEqual(json(diagnostics(in: fine)), "[]")
        let (missing, _) = try serve(Self.initialize + open("e.ae", "import \"helperz\"\n") + Self.shutdownAndExit)
        let message = diagnostics(in: missing).first?["message"] as? String
        XCTAssertEqual(message?.split(separator: "\n").first, "cannot find module 'helperz'")
        // An error inside a module is shown on the import that loads it.
        let broken = try scratch.file("broken.ae", "fn f() { nope }\n")
        let (inside, _) = try serve(Self.initialize + open("i.ae", "x = 1\n  import \"broken\"\n") + Self.shutdownAndExit)
        XCTAssertEqual(json(diagnostics(in: inside)), """
            [{"message":"\(broken):1:10: unknown name 'nope'","range":{"end":{"character":17,"line":1},\
            "start":{"character":2,"line":1}},"severity":1,"source":"ae"}]
            """)
    }

    func testNothingRuns() throws {
        let marker = scratch.url.appendingPathComponent("made").path
        let text = "mkdir(\"\(marker)\")\n"
        _ = try serve(Self.initialize + open("f.ae", text) + Self.shutdownAndExit)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
    }

    // MARK: Features

    private let script = """
        # Doubles its argument.
        # Second line of the doc.
        fn twice(x, scale: 2) { scale * x }
        rate = 0.5
        m = dae(hidden: 10, sigma: twice(rate), 
        """

    func testHoverShowsBuiltinHelpDocCommentsAndKinds() throws {
        // dae, twice, rate, scale in the body, and `fn` (a keyword).
        let messages = try session(script, [("hover", 4, 5), ("hover", 4, 29), ("hover", 4, 35), ("hover", 2, 25),
                                            ("hover", 2, 0)])
        func value(_ id: Int) -> String? { hoverText(id, in: messages) }
        let help = try AEProgram.run(["-e", "help(\"dae\")"]).stdout
        XCTAssertEqual(value(1), "```\n" + help.trimmingCharacters(in: .newlines) + "\n```")
        XCTAssertEqual(value(2), "```ae\nfn twice(x, scale: 2)\n```\n\nDoubles its argument.\nSecond line of the doc.")
        XCTAssertEqual(value(3), "global variable `rate` (line 4)")
        XCTAssertEqual(value(4), "parameter `scale` of `twice`")
        XCTAssertTrue(response(5, in: messages)?["result"] is NSNull)
    }

    func testHoverAndDefinitionKnowLocalsByTheResolversRule() throws {
        let text = """
            fn outer(n) {
              total = 0
              fn step(k) { total = total + k }
              for i in range(n) { step(i) }
              total
            }
            total = 5
            """
        // Request 2 is `total` assigned inside step: outer's variable, which step rebinds.
        let messages = try session(text, [("hover", 1, 2), ("hover", 2, 16), ("hover", 3, 6), ("hover", 3, 22),
                                          ("hover", 6, 0), ("definition", 3, 22)])
        func value(_ id: Int) -> String? { hoverText(id, in: messages) }
        XCTAssertEqual(value(1), "local variable `total` of `outer` (line 2)")
        XCTAssertEqual(value(2), "local variable `total` of `outer` (line 2)")
        XCTAssertEqual(value(3), "local variable `i` of `outer` (line 4)")
        XCTAssertEqual(value(4), "```ae\nfn step(k)\n```")
        XCTAssertEqual(value(5), "global variable `total` (line 7)")
        XCTAssertEqual(json(response(6, in: messages)?["result"]), """
            {"range":{"end":{"character":9,"line":2},"start":{"character":5,"line":2}},"uri":"\(uri("r.ae"))"}
            """)
    }

    func testCompletionOffersLabelsNamesAndKeywords() throws {
        let text = "fn twice(x, scale: 2) {\n  sc\n}\nweight = 1\nm = dae(hidden: 10, si\nn = twice(sc\nw\n"
        let messages = try session(text, [("completion", 4, 22), ("completion", 5, 12), ("completion", 6, 1),
                                          ("completion", 1, 4)])
        func labels(_ id: Int) -> [String] {
            (response(id, in: messages)?["result"] as? [[String: Any]] ?? []).map { $0["label"] as! String }
        }
        XCTAssertEqual(labels(1), ["sigma:", "sign", "sin", "sinh"])
        XCTAssertEqual(labels(2), ["scale:", "scatter", "score", "score_error"])
        XCTAssertEqual(labels(3), ["weight", "while"])
        // Inside the function its parameter is a name in scope; outside (request 2) it is not.
        XCTAssertEqual(labels(4), ["scale", "scatter", "score", "score_error"])
        let kinds = (response(2, in: messages)?["result"] as? [[String: Any]] ?? []).map { $0["kind"] as! Int }
        XCTAssertEqual(kinds, [5, 3, 3, 3])
        XCTAssertEqual((response(1, in: messages)?["result"] as? [[String: Any]])?.first?["insertText"] as? String, "sigma: ")
    }

    /// The server's messages after opening `text` and sending each request (ids 1, 2, ...).
    private func session(_ text: String, _ requests: [(method: String, line: Int, character: Int)]) throws -> [[String: Any]] {
        var input = Self.initialize + open("r.ae", text)
        for (index, r) in requests.enumerated() {
            input += request(index + 1, "textDocument/" + r.method, "r.ae", line: r.line, character: r.character)
        }
        return try serve(input + Self.shutdownAndExit).messages
    }

    /// The results of one kind of request at each position of a document.
    private func results(_ method: String, _ text: String, at positions: [(line: Int, character: Int)]) throws -> [[String: Any]] {
        let messages = try session(text, positions.map { (method, $0.line, $0.character) })
        return try positions.indices.map { try XCTUnwrap(response($0 + 1, in: messages)?["result"] as? [String: Any]) }
    }

    func testSignatureHelpNamesTheArgumentBeingTyped() throws {
        let answers = try results("signatureHelp", script, at: [(4, 40), (4, 34)])
        let signature = try XCTUnwrap((answers[0]["signatures"] as? [[String: Any]])?.first)
        let label = try XCTUnwrap(signature["label"] as? String)
        XCTAssertTrue(label.hasPrefix("dae(hidden:, sigma:, tied: false, activation: \"tanh\","), label)
        // The third argument: after `hidden: 10,` and `sigma: twice(rate),`.
        XCTAssertEqual(answers[0]["activeParameter"] as? Int, 2)
        XCTAssertEqual((answers[1]["signatures"] as? [[String: Any]])?.first?["label"] as? String, "twice(x:, scale: 2)")
        XCTAssertEqual(answers[1]["activeParameter"] as? Int, 0)
    }

    func testALabelledArgumentIsTheActiveParameterWhateverItsPosition() throws {
        let answers = try results("signatureHelp", "m = dae(hidden: 10, seed: ", at: [(0, 26), (0, 20)])
        let labelled = answers[0]
        XCTAssertEqual(labelled["activeParameter"] as? Int, 7)
        let signature = try XCTUnwrap((labelled["signatures"] as? [[String: Any]])?.first)
        let label = try XCTUnwrap(signature["label"] as? String)
        // Each parameter's offsets (UTF-16) point at its own text in the label.
        let offsets = try XCTUnwrap(signature["parameters"] as? [[String: Any]]).map { $0["label"] as! [Int] }
        let utf16 = Array(label.utf16)
        let pieces = offsets.map { String(decoding: utf16[$0[0]..<$0[1]], as: UTF16.self) }
        XCTAssertEqual(pieces, ["hidden:", "sigma:", "tied: false", "activation: \"tanh\"", "decoder: \"linear\"",
                                "replicate: 1", "resample: false", "seed: nil", "init: nil"])
        let second = answers[1]
        XCTAssertEqual(second["activeParameter"] as? Int, 1)
    }

    func testDefinitionAndDocumentSymbols() throws {
        let input = Self.initialize + open("g.ae", script)
            + request(1, "textDocument/definition", "g.ae", line: 4, character: 30)
            + Self.frame(["jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol",
                          "params": ["textDocument": ["uri": uri("g.ae")]]])
            + Self.shutdownAndExit
        let (messages, _) = try serve(input)
        XCTAssertEqual(json(response(1, in: messages)?["result"]), """
            {"range":{"end":{"character":8,"line":2},"start":{"character":3,"line":2}},"uri":"\(uri("g.ae"))"}
            """)
        let symbols = (response(2, in: messages)?["result"] as? [[String: Any]] ?? []).map {
            "\($0["name"]!) \($0["kind"]!) \((($0["range"] as! [String: Any])["start"] as! [String: Any])["line"]!)"
        }
        // `m = dae(...` is cut off, a syntax error: it declares nothing.
        XCTAssertEqual(symbols, ["twice 12 2", "rate 13 3"])
    }

    // MARK: Bad input

    func testMalformedMessagesGetJSONRPCErrorsAndTheServerGoesOn() throws {
        let input = Self.initialize
            + Self.frame(Data("{not json".utf8))
            + Self.frame(Data("[]".utf8))
            + Self.frame(Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]))
            + Self.frame(["jsonrpc": "2.0", "id": 7, "method": "textDocument/formatting", "params": [String: Any]()])
            + Self.frame(["jsonrpc": "2.0", "id": 8, "method": "textDocument/hover", "params": [String: Any]()])
            + Self.frame(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": 3]])
            + Self.shutdownAndExit
        let (messages, status) = try serve(input)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(messages.dropFirst().map { json($0) }, [
            #"{"error":{"code":-32700,"message":"the message is not JSON"},"id":null,"jsonrpc":"2.0"}"#,
            #"{"error":{"code":-32600,"message":"the message is not a JSON object (batches are not supported)"},"id":null,"jsonrpc":"2.0"}"#,
            #"{"error":{"code":-32700,"message":"the message is not UTF-8"},"id":null,"jsonrpc":"2.0"}"#,
            #"{"error":{"code":-32601,"message":"unknown method 'textDocument/formatting'"},"id":7,"jsonrpc":"2.0"}"#,
            #"{"error":{"code":-32602,"message":"expected textDocument.uri and position"},"id":8,"jsonrpc":"2.0"}"#,
            #"{"id":999,"jsonrpc":"2.0","result":null}"#,
        ])
    }

    func testRequestsBeforeInitializeAreRefused() throws {
        let input = Self.frame(["jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": [String: Any]()])
        let (messages, status) = try serve(input)
        XCTAssertEqual(json(messages), #"[{"error":{"code":-32002,"message":"initialize first"},"id":1,"jsonrpc":"2.0"}]"#)
        // The input ended without `shutdown`: status 1, as LSP asks.
        XCTAssertEqual(status, 1)
    }

    func testAnUnframedStreamEndsTheServerWithAnError() throws {
        for (input, problem) in [("Content-Type: x\r\n\r\n{}", "a message without a Content-Length header"),
                                 ("Content-Length: 99999999999\r\n\r\n", "Content-Length 99999999999 exceeds the limit of 67108864 bytes"),
                                 ("Content-Length: ten\r\n\r\n", "Content-Length is not a number: ' ten'")] {
            let (messages, status) = try serve(Data(input.utf8))
            XCTAssertEqual(status, 1)
            XCTAssertEqual(json(messages), #"[{"error":{"code":-32700,"message":"\#(problem)"},"id":null,"jsonrpc":"2.0"}]"#)
        }
        // A message cut off by the client going away: a clean end, no answer.
        let (messages, status) = try serve(Self.initialize + Data("Content-Length: 50\r\n\r\n{\"jsonrpc\"".utf8))
        XCTAssertEqual(messages.count, 1)
        XCTAssertEqual(status, 1)
    }
}
