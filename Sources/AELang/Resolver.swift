/// A module loaded by `import`: compiled once, run once.
final class Module {
    let name: String
    let file: SourceFile
    let origin: ImportedModule.Origin
    var code: Code?
    var hasRun = false

    init(name: String, file: SourceFile, origin: ImportedModule.Origin) {
        self.name = name
        self.file = file
        self.origin = origin
    }
}

/// The names one function (or the top level) can see.
private final class Scope {
    let function: FunctionNode?
    let parent: Scope?
    var locals: [String: Int] = [:]
    var slotCount = 0
    var captured: [Bool] = []
    var captures: [Capture] = []
    var captureNames: [String] = []
    var captureIndex: [String: Int] = [:]
    var loopDepth = 0
    /// A comprehension's scope: `return` there would leave the comprehension, not the function.
    var isComprehension = false

    init(function: FunctionNode?, parent: Scope?) {
        self.function = function
        self.parent = parent
    }

    func declare(_ name: String) -> Int {
        if let slot = locals[name] { return slot }
        locals[name] = slotCount
        captured.append(false)
        slotCount += 1
        return slotCount - 1
    }

    /// Whether `name` is a local of this function or of an enclosing one (not a global).
    func functionHas(_ name: String) -> Bool {
        var scope: Scope? = self
        while let s = scope, s.function != nil {
            if s.locals[name] != nil { return true }
            scope = s.parent
        }
        return false
    }
}

/// Binds every name to a slot, an upvalue or a global before anything runs, so the evaluator never
/// looks a variable up by name.
///
/// Scoping rule: inside a function, assigning a name that an enclosing function already has rebinds
/// that variable (closures capture variables, not copies); assigning any other name makes a local of
/// the function. Top-level names are globals; functions read them but assigning one inside a function
/// makes a local.
struct Resolver {
    let globals: Globals
    let file: SourceFile
    let importer: (ModuleRef) throws -> Module
    /// In the REPL a function may use a global that a later entry defines: unknown names inside
    /// function bodies then become globals that are checked when read.
    var allowsLaterGlobals = false
    private(set) var errors: [ScriptError] = []

    init(globals: Globals, file: SourceFile, importer: @escaping (ModuleRef) throws -> Module) {
        self.globals = globals
        self.file = file
        self.importer = importer
    }

    mutating func resolveProgram(_ nodes: [Node]) {
        var assigned: [String] = []
        for node in nodes { collectAssigned(node, into: &assigned) }
        for name in assigned { _ = globals.define(name) }
        let top = Scope(function: nil, parent: nil)
        for node in nodes { resolve(node, top) }
    }

    private mutating func error(_ message: String, _ location: SourceLocation, hint: String? = nil) {
        guard errors.count < Parser.maxErrors else { return }
        errors.append(ScriptError(kind: .resolve, message: message, file: file, location: location, hint: hint))
    }

    /// Names assigned in these nodes, outside nested functions.
    private func collectAssigned(_ node: Node, into names: inout [String]) {
        func add(_ name: String) { if !names.contains(name) { names.append(name) } }
        switch node {
        case .assign(let target, let value, _):
            if case .name(let ref) = target { add(ref.name) } else { collectAssigned(target, into: &names) }
            collectAssigned(value, into: &names)
        case .functionDeclaration(let ref, _):
            add(ref.name)
        case .forIn(let ref, let sequence, let body, _):
            add(ref.name)
            collectAssigned(sequence, into: &names)
            for n in body { collectAssigned(n, into: &names) }
        default:
            forEachChild(node) { collectAssigned($0, into: &names) }
        }
    }

    /// The direct sub-nodes of a node, not entering function bodies.
    private func forEachChild(_ node: Node, _ visit: (Node) -> Void) {
        switch node {
        case .number, .bool, .nil, .name, .function, .breakLoop, .continueLoop, .importModule,
             .functionDeclaration, .comprehension:
            break
        case .string(let pieces, _):
            for case .code(let n) in pieces { visit(n) }
        case .list(let items, _): items.forEach(visit)
        case .record(let fields, _): fields.forEach { visit($0.value) }
        case .unary(_, let n, _): visit(n)
        case .binary(_, let a, let b, _): visit(a); visit(b)
        case .call(let callee, let arguments, _): visit(callee); arguments.forEach { visit($0.value) }
        case .index(let a, let b, _): visit(a); visit(b)
        case .subscripts(let a, let subscripts, _): visit(a); subscripts.flatMap(\.nodes).forEach(visit)
        case .attribute(let a, _, _): visit(a)
        case .ifElse(let c, let body, let elseBody, _):
            visit(c); body.forEach(visit); elseBody?.forEach(visit)
        case .assign(let a, let b, _): visit(a); visit(b)
        case .forIn(_, let s, let body, _): visit(s); body.forEach(visit)
        case .whileLoop(let c, let body, _): visit(c); body.forEach(visit)
        case .returnValue(let n, _): if let n { visit(n) }
        }
    }

    private mutating func resolve(_ node: Node, _ scope: Scope) {
        switch node {
        case .name(let ref):
            resolveRead(ref, scope)
        case .function(let function):
            resolveFunction(function, scope)
        case .comprehension(let comprehension):
            resolveComprehension(comprehension, scope)
        case .assign(let target, let value, _):
            resolve(value, scope)
            if case .name(let ref) = target {
                resolveWrite(ref, scope)
            } else {
                resolve(target, scope)
            }
        case .functionDeclaration(let ref, let function):
            resolveWrite(ref, scope)
            resolveFunction(function, scope)
        case .forIn(let ref, let sequence, let body, _):
            resolve(sequence, scope)
            resolveWrite(ref, scope)
            scope.loopDepth += 1
            for n in body { resolve(n, scope) }
            scope.loopDepth -= 1
        case .whileLoop(let condition, let body, _):
            resolve(condition, scope)
            scope.loopDepth += 1
            for n in body { resolve(n, scope) }
            scope.loopDepth -= 1
        case .breakLoop(let location):
            if scope.loopDepth == 0 { error("'break' outside a loop", location) }
        case .continueLoop(let location):
            if scope.loopDepth == 0 { error("'continue' outside a loop", location) }
        case .returnValue(let value, let location):
            if scope.function == nil { error("'return' outside a function", location) }
            else if scope.isComprehension { error("'return' inside a comprehension", location) }
            if let value { resolve(value, scope) }
        case .importModule(let ref):
            do {
                ref.module = try importer(ref)
            } catch let e as ScriptError {
                if errors.count < Parser.maxErrors { errors.append(e) }
            } catch let e as ScriptErrors {
                for item in e.errors where errors.count < Parser.maxErrors { errors.append(item) }
            } catch {
                self.error("cannot import \"\(ref.name)\": \(error)", ref.location)
            }
        default:
            forEachChild(node) { resolve($0, scope) }
        }
    }

    private mutating func resolveFunction(_ function: FunctionNode, _ parent: Scope) {
        let scope = Scope(function: function, parent: parent)
        for parameter in function.parameters { _ = scope.declare(parameter.name) }
        var assigned: [String] = []
        for node in function.body { collectAssigned(node, into: &assigned) }
        for name in assigned where scope.locals[name] == nil && !(parent.functionHas(name)) {
            _ = scope.declare(name)
        }
        for parameter in function.parameters {
            if let value = parameter.defaultValue { resolve(value, scope) }
        }
        for node in function.body { resolve(node, scope) }
        function.slotCount = scope.slotCount
        function.captured = scope.captured
        function.captures = scope.captures
        function.captureNames = scope.captureNames
    }

    /// A comprehension's scope is a function's without parameters: its loop variables are its own
    /// locals even where an enclosing function or a global has the same name.
    private mutating func resolveComprehension(_ comprehension: ComprehensionNode, _ parent: Scope) {
        let function = comprehension.function
        let scope = Scope(function: function, parent: parent)
        scope.isComprehension = true
        var nodes = [comprehension.element] + (comprehension.key.map { [$0] } ?? [])
        for clause in comprehension.clauses {
            switch clause {
            case .forIn(_, let sequence, _): nodes.append(sequence)
            case .condition(let condition): nodes.append(condition)
            }
        }
        // Names assigned inside (in an `if` block of the element) follow the rule of functions.
        var assigned: [String] = []
        for node in nodes { collectAssigned(node, into: &assigned) }
        for name in assigned where !parent.functionHas(name) { _ = scope.declare(name) }
        for clause in comprehension.clauses {
            switch clause {
            case .forIn(let ref, let sequence, _):
                resolve(sequence, scope)
                ref.binding = .local(scope.declare(ref.name))
            case .condition(let condition):
                resolve(condition, scope)
            }
        }
        if let key = comprehension.key { resolve(key, scope) }
        resolve(comprehension.element, scope)
        function.slotCount = scope.slotCount
        function.captured = scope.captured
        function.captures = scope.captures
        function.captureNames = scope.captureNames
    }

    private mutating func resolveWrite(_ ref: NameRef, _ scope: Scope) {
        if scope.function == nil {
            ref.binding = .global(globals.define(ref.name))
        } else if let slot = scope.locals[ref.name] {
            ref.binding = .local(slot)
        } else if let index = capture(ref.name, scope) {
            ref.binding = .upvalue(index)
        } else {
            // Unreachable: the pre-scan declared every assigned name.
            ref.binding = .local(scope.declare(ref.name))
        }
    }

    private mutating func resolveRead(_ ref: NameRef, _ scope: Scope) {
        if let slot = scope.locals[ref.name] {
            ref.binding = .local(slot)
        } else if let index = capture(ref.name, scope) {
            ref.binding = .upvalue(index)
        } else if let index = globals.index(of: ref.name) {
            ref.binding = .global(index)
        } else if allowsLaterGlobals && scope.function != nil {
            ref.binding = .global(globals.define(ref.name))
        } else {
            var candidates = globals.names
            var s: Scope? = scope
            while let current = s {
                candidates += current.locals.keys
                s = current.parent
            }
            error("unknown name '\(ref.name)'", ref.location, hint: didYouMean(ref.name, among: candidates))
        }
    }

    /// The upvalue index of an enclosing function's variable, capturing it on first use.
    private func capture(_ name: String, _ scope: Scope) -> Int? {
        guard scope.function != nil, let parent = scope.parent, parent.function != nil else { return nil }
        if let index = scope.captureIndex[name] { return index }
        let source: Capture
        if let slot = parent.locals[name] {
            parent.captured[slot] = true
            source = .local(slot)
        } else if let index = capture(name, parent) {
            source = .upvalue(index)
        } else {
            return nil
        }
        scope.captures.append(source)
        scope.captureNames.append(name)
        scope.captureIndex[name] = scope.captures.count - 1
        return scope.captures.count - 1
    }
}
