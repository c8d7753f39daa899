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
    /// The area `help()` lists the function under, e.g. "language", "math", "data", "plots"; nil
    /// for functions written in ae and for builtins the host did not file (listed as "other").
    public var topic: String?
    /// True for a builtin that handles packed lists (``Value/numbers(_:)``) wherever it accepts a
    /// list: its arguments, and the results of the ae functions it calls, reach it as they are.
    /// Otherwise (the default) every packed list in them, at any depth, arrives as a `.list`.
    public var acceptsPackedLists = false
    let implementation: Implementation
    /// The same closure as `implementation` holds, for the call fast path (a plain optional reference
    /// is cheaper to test than the enum).
    let closure: Closure?
    /// The compiled code of `closure`, for the call fast path. Unmanaged: `closure` keeps it alive,
    /// and a caller holds the function for the length of the call, so using it needs no retain.
    let proto: Unmanaged<FunctionProto>?
    /// The number of parameters of a function written in ae, -1 for a builtin: the call fast path
    /// tests it before it touches `proto`.
    let arity: Int
    /// The index of the variadic parameter, or -1.
    let variadicIndex: Int

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
        self.proto = nil
        self.arity = -1
        self.variadicIndex = parameters.firstIndex(where: \.isVariadic) ?? -1
    }

    /// A function written in ae (made when a `fn` is evaluated).
    init(closure: Closure, parameters: [Parameter], doc: String) {
        self.name = closure.proto.name
        self.parameters = parameters
        self.doc = doc
        self.implementation = .closure(closure)
        self.closure = closure
        self.proto = Unmanaged.passUnretained(closure.proto)
        self.arity = closure.proto.parameterCount
        self.variadicIndex = parameters.firstIndex(where: \.isVariadic) ?? -1
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
