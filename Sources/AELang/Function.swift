/// A function value: a builtin written in Swift or a function written in ae.
///
/// Builtins are made by the host and registered with an engine:
///
///     let square = Function(
///         name: "square",
///         parameters: [Parameter("x")],
///         doc: "square(x): x times x.\n\n    square(3)   # 9"
///     ) { args in
///         let x = try args.number("x")
///         return .number(x * x)
///     }
public final class Function {
    /// The body of a builtin. It receives the arguments bound to `parameters` (defaults filled in).
    public typealias NativeBody = (Arguments) throws -> Value

    public let name: String
    public let parameters: [Parameter]
    /// The text `help(name)` prints: a signature line, a paragraph, and an example.
    public let doc: String
    let implementation: Implementation
    /// The same closure as `implementation` holds, for the call fast path (a plain optional reference
    /// is cheaper to test than the enum).
    let closure: Closure?

    enum Implementation {
        case native(NativeBody)
        /// A function written in ae.
        case closure(Closure)
    }

    public init(name: String, parameters: [Parameter], doc: String, body: @escaping NativeBody) {
        self.name = name
        self.parameters = parameters
        self.doc = doc
        self.implementation = .native(body)
        self.closure = nil
    }

    /// A function written in ae (made when a `fn` is evaluated).
    init(closure: Closure, parameters: [Parameter], doc: String) {
        self.name = closure.proto.name
        self.parameters = parameters
        self.doc = doc
        self.implementation = .closure(closure)
        self.closure = closure
    }

    /// True for a builtin written in Swift, false for a function written in ae.
    public var isNative: Bool {
        if case .native = implementation { return true }
        return false
    }

    /// `dae(hidden:, sigma:, tied:)`: how the function is called, as error messages show it.
    public var signature: String {
        let labels = parameters.map { $0.isVariadic ? "\($0.name)..." : "\($0.name):" }
        return "\(name)(\(labels.joined(separator: ", ")))"
    }
}

/// One parameter of a function.
public struct Parameter {
    public let name: String
    /// The value used when the call leaves the parameter out; nil makes the parameter required.
    public let defaultValue: Value?
    /// A variadic parameter takes every remaining positional argument, as a list. At most one, last
    /// among the positional parameters.
    public let isVariadic: Bool

    public init(_ name: String, default defaultValue: Value? = nil, variadic: Bool = false) {
        self.name = name
        self.defaultValue = defaultValue
        self.isVariadic = variadic
    }

    public var isRequired: Bool { defaultValue == nil && !isVariadic }
}
