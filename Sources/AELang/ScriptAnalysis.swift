/// What an editor needs to know about a script without running it: its errors, the functions and
/// top-level variables it declares, and those of the modules it imports. Made by ``Engine/analyze(_:file:)``.
///
/// Positions are 1-based lines and columns counted in characters, as in ``ScriptError``.
public struct ScriptAnalysis {
    /// Syntax errors (every one the parser recovered from), or, when there are none, the resolver's
    /// errors (unknown names, bad imports, `return` outside a function).
    public let errors: [ScriptError]
    /// Top-level functions and variables in source order, each once (at its first assignment);
    /// then what each named function declares (parameters, locals, local functions), which have a
    /// `container`.
    public let symbols: [ScriptSymbol]
    /// The modules its imports load, found as running it would find them: its own imports in order,
    /// then theirs (whose names it sees too). A module that cannot be found or has errors is left out.
    public let imports: [ImportedModule]
}

/// A name a script declares.
public struct ScriptSymbol: Equatable {
    public enum Kind: Equatable {
        case function
        /// A top-level variable: a global of the script.
        case variable
        /// A parameter of the function named `container`.
        case parameter
        /// A local variable of the function named `container`.
        case local
    }

    public let name: String
    public let kind: Kind
    /// Where the name is written in its declaration.
    public let line: Int
    public let column: Int
    /// The function that declares the name; nil at the top level.
    public let container: String?
    /// The last line of that function: the name is in scope from `line` to here.
    public let scopeEnd: Int
    /// A function's parameters with their defaults as written (`sigma: 0.1` gives "0.1").
    public let parameters: [(name: String, defaultText: String?)]
    /// The comment block above a function's `fn`, or nil.
    public let doc: String?

    /// `fn name(a, b: 2)`, as hover shows a user function.
    public var declaration: String {
        let list = parameters.map { parameter in parameter.defaultText.map { "\(parameter.name): \($0)" } ?? parameter.name }
        return "fn \(name)(\(list.joined(separator: ", ")))"
    }

    public static func == (a: ScriptSymbol, b: ScriptSymbol) -> Bool {
        a.name == b.name && a.kind == b.kind && a.line == b.line && a.column == b.column
            && a.container == b.container && a.scopeEnd == b.scopeEnd && a.doc == b.doc
            && a.parameters.map(\.name) == b.parameters.map(\.name)
            && a.parameters.map(\.defaultText) == b.parameters.map(\.defaultText)
    }
}
