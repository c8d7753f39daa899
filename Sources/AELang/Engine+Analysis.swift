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
            let savedFile = currentFile
            currentFile = sourceFile
            defer { currentFile = savedFile }
            var imported: [Module] = []
            guard parseErrors.isEmpty else {
                // While a line is half typed, the imports the parser did read still describe their names.
                Engine.forEachStatement(nodes) { node in
                    if case .importModule(let ref) = node, let module = try? load(ref) { imported.append(module) }
                }
                return ScriptAnalysis(errors: parseErrors, symbols: symbols, imports: importedModules(imported))
            }
            var resolver = Resolver(globals: runtime.globals, file: sourceFile, importer: { [unowned self] ref in
                let module = try load(ref)
                imported.append(module)
                return module
            })
            resolver.resolveProgram(nodes)
            return ScriptAnalysis(errors: resolver.errors, symbols: symbols, imports: importedModules(imported))
        }
        return outcome ?? ScriptAnalysis(errors: [], symbols: [], imports: [])
    }

    /// The modules a script imports and, after them, those they import in turn (each once), with their
    /// top-level declarations. Their text is parsed again here: a loaded module keeps its code, not
    /// its syntax tree.
    private func importedModules(_ imported: [Module]) -> [ImportedModule] {
        var queue = imported
        var seen = Set<String>()
        var result: [ImportedModule] = []
        while !queue.isEmpty {
            let module = queue.removeFirst()
            guard seen.insert(module.name).inserted else { continue }
            let text = module.file.lines.joined(separator: "\n")
            let file = SourceFile(name: module.file.name, text: text)
            let (nodes, _) = parseRecovering(text, file)
            result.append(ImportedModule(name: module.name, origin: module.origin, file: file.name, text: text,
                                         symbols: Engine.symbols(of: nodes, in: file).filter { $0.container == nil }))
            Engine.forEachStatement(nodes) { node in
                if case .importModule(let ref) = node, let inner = modules[ref.name] { queue.append(inner) }
            }
        }
        return result
    }

    /// Top-level functions and variables, then what each function declares: its parameters, its
    /// locals (names it assigns that no enclosing function has: the resolver's rule) and its local
    /// functions, each in scope from its line to the function's end.
    private static func symbols(of nodes: [Node], in file: SourceFile) -> [ScriptSymbol] {
        var topLevel: [ScriptSymbol] = []
        var scoped: [ScriptSymbol] = []
        var seen = Set<String>()
        func symbol(_ name: String, _ kind: ScriptSymbol.Kind, at location: SourceLocation, in container: FunctionNode?,
                    named containerName: String?, function: FunctionNode? = nil) -> ScriptSymbol {
            ScriptSymbol(name: name, kind: kind, line: location.line, column: location.column, container: containerName,
                         scopeEnd: container?.endLine ?? Int.max,
                         parameters: function?.parameters.map { ($0.name, defaultText(of: $0, in: file)) } ?? [],
                         doc: function?.doc)
        }
        func declarations(of function: FunctionNode, named name: String, enclosing: Set<String>) {
            var own = Set<String>()
            for parameter in function.parameters {
                own.insert(parameter.name)
                scoped.append(symbol(parameter.name, .parameter, at: parameter.location, in: function, named: name))
            }
            var inner: [(NameRef, FunctionNode)] = []
            forEachStatement(function.body) { node in
                if let (ref, local) = declaredFunction(node) { inner.append((ref, local)) }
                guard let ref = assignedName(node), !own.contains(ref.name), !enclosing.contains(ref.name) else { return }
                own.insert(ref.name)
                let local = declaredFunction(node)?.1
                scoped.append(symbol(ref.name, local == nil ? .local : .function, at: ref.location, in: function,
                                     named: name, function: local))
            }
            for (ref, local) in inner { declarations(of: local, named: ref.name, enclosing: enclosing.union(own)) }
        }
        forEachStatement(nodes) { node in
            guard let ref = assignedName(node) else { return }
            let function = declaredFunction(node)?.1
            if seen.insert(ref.name).inserted {
                topLevel.append(symbol(ref.name, function == nil ? .variable : .function, at: ref.location, in: nil,
                                       named: nil, function: function))
            }
            if let function { declarations(of: function, named: ref.name, enclosing: []) }
        }
        return topLevel + scoped
    }

    /// The name a statement assigns: `x = ...`, `for x in ...`, `fn x(...)`.
    private static func assignedName(_ node: Node) -> NameRef? {
        switch node {
        case .assign(.name(let ref), _, _), .forIn(let ref, _, _, _), .functionDeclaration(let ref, _): return ref
        default: return nil
        }
    }

    /// The function a statement names: `fn f(...) {...}` or `f = fn(...) ...`.
    private static func declaredFunction(_ node: Node) -> (NameRef, FunctionNode)? {
        switch node {
        case .functionDeclaration(let ref, let function), .assign(.name(let ref), .function(let function), _):
            return (ref, function)
        default:
            return nil
        }
    }

    /// Each statement of a block and of the blocks of its `if`, `for` and `while`, not entering functions.
    private static func forEachStatement(_ nodes: [Node], _ visit: (Node) -> Void) {
        for node in nodes {
            visit(node)
            switch node {
            case .ifElse(_, let body, let elseBody, _):
                forEachStatement(body, visit)
                forEachStatement(elseBody ?? [], visit)
            case .forIn(_, _, let body, _), .whileLoop(_, let body, _):
                forEachStatement(body, visit)
            default:
                break
            }
        }
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
