/// A Swift type that a native function declared with typed parameters can take: read from the call's
/// arguments by parameter name, with the checks and messages of the ``Arguments`` accessors.
public protocol ScriptArgument {
    static func argument(_ args: Arguments, _ name: String) throws -> Self
}

/// A Swift type that a native function declared with typed parameters can return.
public protocol ScriptResult {
    var scriptValue: Value { get }
}

extension Double: ScriptArgument, ScriptResult {
    public static func argument(_ args: Arguments, _ name: String) throws -> Double { try args.number(name) }
    public var scriptValue: Value { .number(self) }
}

extension Int: ScriptArgument, ScriptResult {
    /// A whole number (3.0 is 3; 3.5 is an error naming the argument).
    public static func argument(_ args: Arguments, _ name: String) throws -> Int { try args.int(name) }
    public var scriptValue: Value { Value(self) }
}

extension String: ScriptArgument, ScriptResult {
    public static func argument(_ args: Arguments, _ name: String) throws -> String { try args.string(name) }
    public var scriptValue: Value { .string(self) }
}

extension Bool: ScriptArgument, ScriptResult {
    public static func argument(_ args: Arguments, _ name: String) throws -> Bool { try args.bool(name) }
    public var scriptValue: Value { .bool(self) }
}

extension Array: ScriptArgument where Element == Double {
    /// A list of numbers (a single number counts as a list of one).
    public static func argument(_ args: Arguments, _ name: String) throws -> [Double] { try args.numbers(name) }
}

extension Array: ScriptResult where Element: ScriptResult {
    public var scriptValue: Value { .list(map(\.scriptValue)) }
}

extension Value: ScriptArgument, ScriptResult {
    /// The argument as it is, of any type.
    public static func argument(_ args: Arguments, _ name: String) throws -> Value { args[name] }
    public var scriptValue: Value { self }
}

extension Function: ScriptArgument {
    public static func argument(_ args: Arguments, _ name: String) throws -> Function { try args.function(name) }
}

extension Optional: ScriptArgument where Wrapped: ScriptArgument {
    /// nil when the argument is nil (e.g. a parameter with a nil default that was left out).
    public static func argument(_ args: Arguments, _ name: String) throws -> Wrapped? {
        args.isNil(name) ? nil : try Wrapped.argument(args, name)
    }
}

extension Optional: ScriptResult where Wrapped: ScriptResult {
    public var scriptValue: Value { map(\.scriptValue) ?? .nil }
}

extension Function {
    /// A native function whose body takes Swift values: one per parameter, in order, converted by
    /// ``ScriptArgument`` (a wrong type is an error placed at the argument, as with the accessors), and
    /// whose result is converted by ``ScriptResult``.
    ///
    ///     engine.register(Function(name: "discount",
    ///                              parameters: [Parameter("price"), Parameter("rate", default: Value(0.1))],
    ///                              doc: "discount(price, rate: 0.1): the price after a discount.") {
    ///         (price: Double, rate: Double) in price * (1 - rate)
    ///     })
    ///
    /// The closure must take exactly one value per parameter (checked when the function is made).
    /// For checks beyond the type (a range, a choice), throw a `NativeError(…, argument:)`, or use the
    /// `Arguments` form of the initialiser.
    public convenience init<each A: ScriptArgument, R: ScriptResult>(
        name: String, parameters: [Parameter], doc: String, _ body: @escaping (repeat each A) throws -> R
    ) {
        var count = 0
        for _ in repeat (each A).self { count += 1 }
        precondition(count == parameters.count,
                     "\(name): the closure takes \(count) values for \(parameters.count) parameters")
        let names = parameters.map(\.name)
        self.init(name: name, parameters: parameters, doc: doc) { args in
            let cursor = ParameterCursor(names)
            return try body(repeat (each A).argument(args, cursor.next())).scriptValue
        }
    }
}

/// Hands out the parameter names in order while a typed function's arguments are converted.
private final class ParameterCursor {
    private let names: [String]
    private var index = 0
    init(_ names: [String]) { self.names = names }
    func next() -> String {
        defer { index += 1 }
        return names[index]
    }
}
