import AEFiles
import Foundation

/// Parsing and resolving for editors: the language server's diagnostics and outline. Nothing runs.
extension Engine {
    /// The errors and declarations of `source`. `file` is the script's path: its imports resolve from
    /// its folder first, as `runFile` would, then `searchPaths` and the bundled modules.
    public func analyze(_ source: String, file: String) -> ScriptAnalysis {
        let saved = runtime.globals.snapshot()
        let savedModules = modules
        let savedDirectory = directory
        directory = containingFolder(of: file)
        defer {
            runtime.globals.restore(saved)
            modules = savedModules
            directory = savedDirectory
        }
        let sourceFile = SourceFile(name: file, text: source)
        let outcome = try? largeStack.run { [self] () -> ScriptAnalysis in
            let (nodes, parseErrors) = parseRecovering(source, sourceFile)
            let symbols = Engine.symbols(of: nodes, in: sourceFile)
            guard parseErrors.isEmpty else { return ScriptAnalysis(errors: parseErrors, symbols: symbols) }
            var resolver = Resolver(globals: runtime.globals, file: sourceFile, importer: { [unowned self] in try load($0) })
            let savedFile = currentFile
            currentFile = sourceFile
            defer { currentFile = savedFile }
            resolver.resolveProgram(nodes)
            return ScriptAnalysis(errors: resolver.errors, symbols: symbols)
        }
        return outcome ?? ScriptAnalysis(errors: [], symbols: [])
    }

    private static func symbols(of nodes: [Node], in file: SourceFile) -> [ScriptSymbol] {
        var symbols: [ScriptSymbol] = []
        var parameters: [ScriptSymbol] = []
        var seen = Set<String>()
        func add(_ ref: NameRef, _ kind: ScriptSymbol.Kind, _ function: FunctionNode?) {
            guard seen.insert(ref.name).inserted else { return }
            let list = function?.parameters.map { ($0.name, defaultText(of: $0, in: file)) } ?? []
            symbols.append(ScriptSymbol(name: ref.name, kind: kind, line: ref.location.line,
                                        column: ref.location.column, container: nil, scopeEnd: Int.max, parameters: list,
                                        doc: function?.doc))
        }
        func addParameters(of function: FunctionNode, named name: String) {
            for parameter in function.parameters {
                parameters.append(ScriptSymbol(name: parameter.name, kind: .parameter, line: parameter.location.line,
                                               column: parameter.location.column, container: name,
                                               scopeEnd: function.endLine,
                                               parameters: [], doc: nil))
            }
            for node in function.body { visitNested(node) }
        }
        func visitNested(_ node: Node) {
            switch node {
            case .functionDeclaration(let ref, let function): addParameters(of: function, named: ref.name)
            case .assign(_, .function(let function), _) where function.name != nil:
                addParameters(of: function, named: function.name!)
            default: break
            }
        }
        for node in nodes {
            switch node {
            case .functionDeclaration(let ref, let function):
                add(ref, .function, function)
                addParameters(of: function, named: ref.name)
            case .assign(.name(let ref), .function(let function), _):
                add(ref, .function, function)
                addParameters(of: function, named: ref.name)
            case .assign(.name(let ref), _, _), .forIn(let ref, _, _, _):
                add(ref, .variable, nil)
            default:
                break
            }
        }
        return symbols + parameters
    }

    /// The default of a parameter as written: the text after its `:`, up to the `,` or `)` that ends it.
    private static func defaultText(of parameter: ParameterNode, in file: SourceFile) -> String? {
        guard parameter.defaultValue != nil, let line = file.line(parameter.location.line) else { return nil }
        let characters = Array(line)
        var index = parameter.location.column - 1 + parameter.name.count
        while index < characters.count, characters[index] == " " || characters[index] == ":" { index += 1 }
        var depth = 0
        var text = ""
        var inString = false
        while index < characters.count {
            let c = characters[index]
            if c == "\"" { inString.toggle() }
            if !inString {
                if c == "(" || c == "[" || c == "{" { depth += 1 }
                if c == ")" || c == "]" || c == "}" { if depth == 0 { break }; depth -= 1 }
                if c == "," && depth == 0 { break }
            }
            text.append(c)
            index += 1
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "…" : trimmed
    }
}
