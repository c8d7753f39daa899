import AEBindings
import AELang
import AEStdlib
import Foundation
import Glibc

/// `ae --lsp`: a Language Server Protocol server on stdin and stdout (or any pair of descriptors). It parses and resolves the
/// open documents (never runs them) and answers diagnostics, hover, completion, signature help,
/// definition and document symbols from the engine's own analysis and builtin descriptions.
///
/// Every message gets a JSON-RPC answer or is a notification; a stream that cannot be framed any
/// further ends the server with status 1, as does the input ending without `shutdown` (LSP's rule).
public final class LanguageServer {
    /// JSON-RPC 2.0 and LSP error codes.
    enum ErrorCode: Int {
        case parseError = -32700, invalidRequest = -32600, methodNotFound = -32601, invalidParams = -32602
        case serverNotInitialized = -32002
    }

    struct RequestError: Error {
        let code: ErrorCode
        let message: String
    }

    let engine: Engine
    private let transport: LSPTransport
    private let version: String
    var documents: [String: TextDocument] = [:]
    var analyses: [String: ScriptAnalysis] = [:]
    private var initialized = false
    private var shutdownRequested = false

    /// Serves the names of `engine`: a host that registers its own functions passes its engine, and
    /// editors complete, describe and check them too (the server only analyzes, it never runs code).
    /// Without one, the server makes the `ae` program's: every builtin, the bundled library, AE_PATH.
    /// `version` is what `initialize` reports as the server's.
    public init(engine: Engine? = nil, version: String, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.version = version
        transport = LSPTransport(input: input, output: output)
        self.engine = engine ?? LanguageServer.standardEngine()
    }

    private static func standardEngine() -> Engine {
        var options = EngineOptions()
        options.quiet = true
        // Imports read the script's folder and AE_PATH, as running the script would.
        options.allowFileRead = true
        let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
        engine.register(Builtins.all)
        engine.bundledModules = Stdlib.modules
        if let path = ProcessInfo.processInfo.environment["AE_PATH"] {
            engine.searchPaths = path.split(separator: ":").map(String.init)
        }
        return engine
    }

    /// Serves until `exit` or the end of input; returns the process status.
    public func run() -> Int32 {
        while true {
            switch transport.read() {
            case .end:
                return shutdownRequested ? 0 : 1
            case .badFrame(let problem):
                send(["jsonrpc": "2.0", "id": NSNull(),
                      "error": ["code": ErrorCode.parseError.rawValue, "message": problem]])
                return 1
            case .message(let data):
                if let status = handle(data) { return status }
            }
        }
    }

    /// Handles one message; a status when the server must stop.
    private func handle(_ data: Data) -> Int32? {
        guard String(data: data, encoding: .utf8) != nil else {
            reply(id: NSNull(), error: RequestError(code: .parseError, message: "the message is not UTF-8"))
            return nil
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            reply(id: NSNull(), error: RequestError(code: .parseError, message: "the message is not JSON"))
            return nil
        }
        guard let message = object as? [String: Any] else {
            reply(id: NSNull(), error: RequestError(code: .invalidRequest,
                                                    message: "the message is not a JSON object (batches are not supported)"))
            return nil
        }
        let id = message["id"]
        guard let method = message["method"] as? String else {
            // A response to a request of ours (we send none) or garbage.
            if id != nil, message["result"] == nil, message["error"] == nil {
                reply(id: id!, error: RequestError(code: .invalidRequest, message: "a request without a method"))
            }
            return nil
        }
        let params = message["params"] as? [String: Any] ?? [:]
        if method == "exit" { return shutdownRequested ? 0 : 1 }
        guard let requestID = id else {
            notification(method, params)
            return nil
        }
        do {
            let result = try request(method, params)
            send(["jsonrpc": "2.0", "id": requestID, "result": result])
        } catch let error as RequestError {
            reply(id: requestID, error: error)
        } catch {
            reply(id: requestID, error: RequestError(code: .invalidParams, message: "\(error)"))
        }
        return nil
    }

    private func request(_ method: String, _ params: [String: Any]) throws -> Any {
        if method == "initialize" {
            initialized = true
            return ["capabilities": LanguageServer.capabilities,
                    "serverInfo": ["name": "ae", "version": version]]
        }
        guard initialized else { throw RequestError(code: .serverNotInitialized, message: "initialize first") }
        guard !shutdownRequested else { throw RequestError(code: .invalidRequest, message: "the server is shutting down") }
        switch method {
        case "shutdown":
            shutdownRequested = true
            return NSNull()
        case "textDocument/hover": return try hover(params)
        case "textDocument/completion": return try completion(params)
        case "textDocument/signatureHelp": return try signatureHelp(params)
        case "textDocument/definition": return try definition(params)
        case "textDocument/documentSymbol": return try documentSymbols(params)
        default: throw RequestError(code: .methodNotFound, message: "unknown method '\(method)'")
        }
    }

    /// Notifications get no answer, not even for an unknown method (LSP's `$/` ones are optional).
    private func notification(_ method: String, _ params: [String: Any]) {
        guard initialized else { return }
        let document = params["textDocument"] as? [String: Any]
        guard let uri = document?["uri"] as? String else { return }
        switch method {
        case "textDocument/didOpen":
            if let text = document?["text"] as? String { update(uri, text) }
        case "textDocument/didChange":
            // Full sync: the last change holds the whole text.
            if let changes = params["contentChanges"] as? [[String: Any]], let text = changes.last?["text"] as? String {
                update(uri, text)
            }
        case "textDocument/didClose":
            documents[uri] = nil
            analyses[uri] = nil
            send(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                  "params": ["uri": uri, "diagnostics": [Any]()]])
        default:
            break
        }
    }

    private func update(_ uri: String, _ text: String) {
        let document = TextDocument(uri: uri, text: text)
        let analysis = engine.analyze(text, file: document.path)
        documents[uri] = document
        analyses[uri] = analysis
        send(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
              "params": ["uri": uri, "diagnostics": diagnostics(analysis, document)]])
    }

    static let capabilities: [String: Any] = [
        "textDocumentSync": ["openClose": true, "change": 1],
        "hoverProvider": true,
        "completionProvider": ["triggerCharacters": ["(", ",", "."]],
        "signatureHelpProvider": ["triggerCharacters": ["(", ","], "retriggerCharacters": [":"]],
        "definitionProvider": true,
        "documentSymbolProvider": true,
    ]

    private func reply(id: Any, error: RequestError) {
        send(["jsonrpc": "2.0", "id": id, "error": ["code": error.code.rawValue, "message": error.message]])
    }

    private func send(_ message: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys]) else { return }
        if !transport.write(data) {
            // The client is gone: nobody is left to answer.
            exit(shutdownRequested ? 0 : 1)
        }
    }
}
