import AELang
import AEStdlib
import Foundation

/// The answers of the language server, each from the engine's analysis of the open document and its
/// registered builtins.
extension LanguageServer {
    /// Each error as an LSP diagnostic: the message, then the hint on a line of its own. An error in
    /// an imported module is shown on the `import` that loads it (else the first line), naming the
    /// module's file and position.
    func diagnostics(_ analysis: ScriptAnalysis, _ document: TextDocument) -> [[String: Any]] {
        analysis.errors.map { error in
            var message = error.message
            if let hint = error.hint { message += "\n" + hint }
            let range: [String: Any]
            if error.file == document.path && error.line > 0 {
                range = document.lspRange(line: error.line, column: error.column, length: error.length)
            } else {
                message = "\(error.file):\(error.line):\(error.column): \(message)"
                let module = ((error.file as NSString).lastPathComponent as NSString).deletingPathExtension
                let line = document.lines.firstIndex { $0.contains("import \"\(module)\"") }
                let column = line.flatMap { document.lines[$0].range(of: "import") }
                    .map { document.lines[line!].distance(from: document.lines[line!].startIndex, to: $0.lowerBound) + 1 }
                range = document.lspRange(line: (line ?? 0) + 1, column: column ?? 1,
                                          length: column == nil ? 0 : "import \"\(module)\"".count)
            }
            return ["range": range, "severity": 1, "source": "ae", "message": message]
        }
    }

    /// The document and the ae position a request names.
    private func target(_ params: [String: Any]) throws -> (TextDocument, ScriptAnalysis, (line: Int, column: Int))? {
        guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String,
              let position = params["position"] as? [String: Any] else {
            throw RequestError(code: .invalidParams, message: "expected textDocument.uri and position")
        }
        guard let document = documents[uri], let analysis = analyses[uri],
              let place = document.aePosition(position) else { return nil }
        return (document, analysis, place)
    }

    /// The declaration a name refers to at a line, and the imported module that holds it (nil: the
    /// document). A name of the innermost function around the line (the last declared whose scope
    /// holds it), else a top-level one of the document, else a top-level one of an imported module
    /// (the first, in ``ScriptAnalysis/imports`` order, that declares it).
    private func declaration(of name: String, at line: Int, in analysis: ScriptAnalysis)
        -> (symbol: ScriptSymbol, module: ImportedModule?)? {
        let local = analysis.symbols.last { $0.container != nil && $0.name == name && $0.line <= line && line <= $0.scopeEnd }
        if let own = local ?? analysis.symbols.first(where: { $0.container == nil && $0.name == name }) { return (own, nil) }
        for module in analysis.imports {
            if let symbol = module.symbols.first(where: { $0.name == name }) { return (symbol, module) }
        }
        return nil
    }

    func hover(_ params: [String: Any]) throws -> Any {
        guard let (document, analysis, place) = try target(params),
              let (name, _) = document.name(at: place) else { return NSNull() }
        let text: String
        if let (symbol, module) = declaration(of: name, at: place.line, in: analysis) {
            switch symbol.kind {
            case .function:
                text = "```ae\n\(symbol.declaration)\n```" + (symbol.doc.map { "\n\n" + $0 } ?? "")
                    + (module.map { "\n\nfrom module `\($0.name)`" } ?? "")
            case .variable:
                text = "global variable `\(name)`" + (module.map { " of module `\($0.name)`" } ?? "") + " (line \(symbol.line))"
            case .parameter:
                text = "parameter `\(name)` of `\(symbol.container ?? "fn")`"
            case .local:
                text = "local variable `\(name)` of `\(symbol.container ?? "fn")` (line \(symbol.line))"
            }
        } else if let help = engine.help(name) {
            text = "```\n\(help)\n```"
        } else {
            return NSNull()
        }
        return ["contents": ["kind": "markdown", "value": text]]
    }

    func completion(_ params: [String: Any]) throws -> Any {
        guard let (document, analysis, place) = try target(params) else { return [Any]() }
        let before = document.characters(before: place)
        var start = before.count
        while start > 0, before[start - 1].isLetter || before[start - 1].isNumber || before[start - 1] == "_" { start -= 1 }
        let word = String(before[start...])
        var labels = Set<String>()
        var names = engine.completions(line: String(before), cursor: before.count)
        if start == 0 || before[start - 1] != "." {
            names += analysis.symbols.filter { symbol in
                symbol.name.hasPrefix(word)
                    && (symbol.container == nil || (symbol.line <= place.line && place.line <= symbol.scopeEnd))
            }.map(\.name)
            names += analysis.imports.flatMap(\.symbols).filter { $0.name.hasPrefix(word) }.map(\.name)
            if let call = Engine.openCall(in: Array(before[..<start])),
               let function = declaration(of: call.name, at: place.line, in: analysis)?.symbol, function.kind == .function {
                for parameter in function.parameters where parameter.name.hasPrefix(word) { labels.insert(parameter.name + ":") }
            }
        }
        var seen = Set<String>()
        // Labels first: inside a call they are what is most likely meant.
        labels.formUnion(names.filter { $0.hasSuffix(":") })
        return (labels.sorted() + names.sorted()).filter { seen.insert($0).inserted }.map { name -> [String: Any] in
            var item: [String: Any] = ["label": name]
            if name.hasSuffix(":") {
                item["kind"] = 5  // Field: an argument label
                item["insertText"] = name + " "
            } else if ["and", "or", "not", "if", "else", "for", "in", "while", "break", "continue", "return",
                       "fn", "true", "false", "nil", "import"].contains(name) {
                item["kind"] = 14
            } else if case .function(let function)? = engine.global(name) {
                item["kind"] = 3
                item["detail"] = function.signature
            } else if let symbol = (analysis.symbols + analysis.imports.flatMap(\.symbols))
                        .first(where: { $0.name == name && $0.kind == .function }) {
                item["kind"] = 3
                item["detail"] = symbol.declaration
            } else {
                item["kind"] = 6
            }
            return item
        }
    }

    func signatureHelp(_ params: [String: Any]) throws -> Any {
        guard let (document, analysis, place) = try target(params),
              let call = Engine.openCall(in: document.characters(before: place)) else { return NSNull() }
        let parameters: [(name: String, defaultText: String?, variadic: Bool)]
        let documentation: String?
        if let symbol = declaration(of: call.name, at: place.line, in: analysis)?.symbol, symbol.kind == .function {
            parameters = symbol.parameters.map { ($0.name, $0.defaultText, false) }
            documentation = symbol.doc
        } else if case .function(let function)? = engine.global(call.name) {
            parameters = function.parameters.map { ($0.name, $0.defaultValue.map { engine.describe($0) }, $0.isVariadic) }
            documentation = engine.help(call.name)
        } else {
            return NSNull()
        }
        // The label shows each parameter as it is passed: `name:` with its default, or `name...`.
        var label = call.name + "("
        var offsets: [[Int]] = []
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { label += ", " }
            let text = parameter.variadic ? "\(parameter.name)..."
                : "\(parameter.name):" + (parameter.defaultText.map { " \($0)" } ?? "")
            let start = label.utf16.count
            label += text
            offsets.append([start, label.utf16.count])
        }
        label += ")"
        var active = call.label.flatMap { label in parameters.firstIndex { $0.name == label } } ?? call.argumentIndex
        if let variadic = parameters.firstIndex(where: \.variadic), active > variadic, call.label == nil { active = variadic }
        var signature: [String: Any] = ["label": label, "parameters": offsets.map { ["label": $0] }]
        if let documentation { signature["documentation"] = ["kind": "plaintext", "value": documentation] }
        return ["signatures": [signature], "activeSignature": 0, "activeParameter": active]
    }

    func definition(_ params: [String: Any]) throws -> Any {
        guard let (document, analysis, place) = try target(params),
              let (name, _) = document.name(at: place),
              let (symbol, module) = declaration(of: name, at: place.line, in: analysis) else { return NSNull() }
        guard let module else {
            return ["uri": document.uri, "range": document.lspRange(line: symbol.line, column: symbol.column, length: name.count)]
        }
        guard let uri = fileURI(of: module) else { return NSNull() }
        let file = TextDocument(uri: uri, text: module.text)
        return ["uri": uri, "range": file.lspRange(line: symbol.line, column: symbol.column, length: name.count)]
    }

    /// The `file:` URI of an imported module, or nil when it has no file an editor could open: one the
    /// host supplied, or a bundled module other than a stdlib module whose file is in the source tree
    /// `ae` was built from (``Stdlib/file(of:)``; hover still describes its names).
    private func fileURI(of module: ImportedModule) -> String? {
        switch module.origin {
        case .file:
            return URL(fileURLWithPath: module.file).absoluteString
        case .bundled:
            guard Stdlib.modules[module.name] == module.text, let path = Stdlib.file(of: module.name) else { return nil }
            return URL(fileURLWithPath: path).absoluteString
        case .host:
            return nil
        }
    }

    func documentSymbols(_ params: [String: Any]) throws -> Any {
        guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String else {
            throw RequestError(code: .invalidParams, message: "expected textDocument.uri")
        }
        guard let document = documents[uri], let analysis = analyses[uri] else { return [Any]() }
        return analysis.symbols.filter { $0.container == nil }.map { symbol -> [String: Any] in
            let range = document.lspRange(line: symbol.line, column: symbol.column, length: symbol.name.count)
            var item: [String: Any] = ["name": symbol.name, "kind": symbol.kind == .function ? 12 : 13,
                                       "range": range, "selectionRange": range]
            if symbol.kind == .function { item["detail"] = symbol.declaration }
            return item
        }
    }
}
