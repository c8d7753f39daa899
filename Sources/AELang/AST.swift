/// The syntax tree. Expressions and statements share one type because blocks, `if` and functions
/// yield the value of their last expression. Names are `NameRef` objects so the resolver can annotate
/// them with slots in place.
indirect enum Node {
    case number(Double, SourceLocation)
    case string([Piece], SourceLocation)
    case bool(Bool, SourceLocation)
    case `nil`(SourceLocation)
    case name(NameRef)
    case list([Node], SourceLocation)
    case record([(key: String, value: Node)], SourceLocation)
    case unary(UnaryOperator, Node, SourceLocation)
    case binary(BinaryOperator, Node, Node, SourceLocation)
    case call(Node, [Argument], SourceLocation)
    case index(Node, Node, SourceLocation)
    /// `x[a:b]`, `x[i, j]`, `x[:, 0]`: anything inside brackets but one plain index.
    case subscripts(Node, [SubscriptNode], SourceLocation)
    /// `[f(x) for x in xs if c]`, `{k: v for k in ks}`.
    case comprehension(ComprehensionNode)
    case attribute(Node, String, SourceLocation)
    case function(FunctionNode)
    case ifElse(Node, [Node], [Node]?, SourceLocation)
    // statements
    case assign(Node, Node, SourceLocation)
    case functionDeclaration(NameRef, FunctionNode)
    case forIn(NameRef, Node, [Node], SourceLocation)
    case whileLoop(Node, [Node], SourceLocation)
    case breakLoop(SourceLocation)
    case continueLoop(SourceLocation)
    case returnValue(Node?, SourceLocation)
    case importModule(ModuleRef)

    /// One part of an interpolated string.
    enum Piece {
        case text(String)
        case code(Node)
    }

    /// Where the node is, for error carets: the whole span for simple nodes, the operator for binary ones.
    var location: SourceLocation {
        switch self {
        case .number(_, let l), .string(_, let l), .bool(_, let l), .nil(let l), .list(_, let l),
             .record(_, let l), .unary(_, _, let l), .binary(_, _, _, let l), .call(_, _, let l),
             .index(_, _, let l), .subscripts(_, _, let l), .attribute(_, _, let l), .ifElse(_, _, _, let l), .assign(_, _, let l),
             .forIn(_, _, _, let l), .whileLoop(_, _, let l), .breakLoop(let l), .continueLoop(let l),
             .returnValue(_, let l):
            return l
        case .name(let ref): return ref.location
        case .function(let f): return f.location
        case .comprehension(let c): return c.location
        case .functionDeclaration(_, let f): return f.location
        case .importModule(let m): return m.location
        }
    }

    /// True for forms whose value a REPL entry should echo.
    var isExpression: Bool {
        switch self {
        case .assign, .functionDeclaration, .forIn, .whileLoop, .breakLoop, .continueLoop, .returnValue,
             .importModule:
            return false
        default:
            return true
        }
    }
}

enum UnaryOperator { case negate, not }

enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^"
    case concatenate = "++", matrixProduct = "@", contains = "in"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and, or
}

/// One entry inside brackets: an index, or a slice `start:stop:step` with each part optional.
enum SubscriptNode {
    case index(Node)
    case slice(start: Node?, stop: Node?, step: Node?)

    var nodes: [Node] {
        switch self {
        case .index(let n): return [n]
        case .slice(let a, let b, let c): return [a, b, c].compactMap { $0 }
        }
    }
}

/// A list or record comprehension. It runs in a scope of its own, as a function without parameters
/// would (`function` holds its slots and captures): its loop variables never change the enclosing
/// function's variables or the globals of the same name.
final class ComprehensionNode {
    enum Clause {
        case forIn(NameRef, Node, SourceLocation)
        case condition(Node)
    }
    /// The element of a list comprehension; the value of a record comprehension.
    let element: Node
    /// The field name of a record comprehension (an expression giving a string), nil for a list.
    let key: Node?
    let clauses: [Clause]
    let location: SourceLocation
    let function: FunctionNode

    init(element: Node, key: Node?, clauses: [Clause], location: SourceLocation) {
        self.element = element
        self.key = key
        self.clauses = clauses
        self.location = location
        self.function = FunctionNode(name: "<comprehension>", parameters: [], body: [], location: location)
    }
}

/// One argument of a call: `value` or `label: value`.
struct Argument {
    var label: String?
    /// The span of the label (or of the value when there is no label): where error carets go.
    var location: SourceLocation
    var value: Node
}

/// How the resolver bound a name.
enum Binding {
    case unresolved
    /// A slot of the current function's frame.
    case local(Int)
    /// A variable of an enclosing function, reached through the closure.
    case upvalue(Int)
    /// A global (top-level variable or builtin) by index in the engine's global table.
    case global(Int)
}

final class NameRef {
    let name: String
    let location: SourceLocation
    var binding: Binding = .unresolved

    init(_ name: String, _ location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

/// Where an enclosing function's variable lives, seen from a closure being created.
enum Capture {
    /// The creating frame's own local slot (which the resolver turned into a cell).
    case local(Int)
    /// One of the creating frame's own upvalues.
    case upvalue(Int)
}

final class FunctionNode {
    let name: String?
    let parameters: [ParameterNode]
    let body: [Node]
    let location: SourceLocation
    var doc: String?
    /// The line of the body's last token: editors scope parameters by it.
    var endLine = 0
    // Filled in by the resolver.
    var slotCount = 0
    /// Per slot: whether an inner function captures it (then it lives in a cell).
    var captured: [Bool] = []
    var captures: [Capture] = []
    var captureNames: [String] = []

    init(name: String?, parameters: [ParameterNode], body: [Node], location: SourceLocation) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.location = location
    }
}

struct ParameterNode {
    var name: String
    var location: SourceLocation
    var defaultValue: Node?
}

/// An `import "name"` statement, filled in by the resolver with the module it loads.
final class ModuleRef {
    let name: String
    let location: SourceLocation
    var module: Module?

    init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
