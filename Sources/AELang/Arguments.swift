/// The arguments of one call to a builtin, bound to its parameters by name, with defaults filled in.
///
/// The typed accessors throw a ``NativeError`` that names the argument, so the caret lands under it:
///
///     let sigma = try args.positive("sigma")      # "dae(): sigma must be > 0, got -1"
///     let data = try args.object("data", as: Dataset.self)
public struct Arguments {
    public let function: Function
    /// One value per parameter, in the order of `function.parameters`. A variadic parameter holds a list.
    public let values: [Value]
    public let context: CallContext

    public init(function: Function, values: [Value], context: CallContext) {
        precondition(values.count == function.parameters.count)
        self.function = function
        self.values = values
        self.context = context
    }

    /// The argument bound to the named parameter.
    public subscript(name: String) -> Value {
        guard let index = function.parameters.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("\(function.name) has no parameter '\(name)'")
        }
        return values[index]
    }

    /// True when the argument is `nil` (left out, with a nil default, or passed as nil).
    public func isNil(_ name: String) -> Bool {
        if case .nil = self[name] { return true }
        return false
    }

    // MARK: Typed access

    /// The error for an argument of the wrong type, naming both types.
    public func mismatch(_ name: String, expected: String) -> NativeError {
        NativeError("\(function.name)(): \(name) must be \(expected), not \(self[name].typeName)",
                    argument: name)
    }

    public func number(_ name: String) throws -> Double {
        guard case .number(let x) = self[name] else { throw mismatch(name, expected: "a number") }
        return x
    }

    /// A finite number.
    public func finite(_ name: String) throws -> Double {
        let x = try number(name)
        guard x.isFinite else {
            throw NativeError("\(function.name)(): \(name) must be finite, got \(formatNumber(x))", argument: name)
        }
        return x
    }

    /// A finite number > 0.
    public func positive(_ name: String) throws -> Double {
        let x = try number(name)
        guard x.isFinite, x > 0 else {
            throw NativeError("\(function.name)(): \(name) must be > 0, got \(formatNumber(x))", argument: name)
        }
        return x
    }

    /// A whole number within `range` (whose bounds the message states).
    public func int(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
        let x = try number(name)
        guard x.isFinite, x == x.rounded(), abs(x) < 9.0e15 else {
            throw NativeError("\(function.name)(): \(name) must be a whole number, got \(formatNumber(x))",
                              argument: name)
        }
        let n = Int(x)
        guard range.contains(n) else {
            let bound: String
            if range.lowerBound == Int.min { bound = "<= \(range.upperBound)" }
            else if range.upperBound == Int.max { bound = ">= \(range.lowerBound)" }
            else { bound = "between \(range.lowerBound) and \(range.upperBound)" }
            throw NativeError("\(function.name)(): \(name) must be \(bound), got \(n)", argument: name)
        }
        return n
    }

    public func string(_ name: String) throws -> String {
        guard case .string(let s) = self[name] else { throw mismatch(name, expected: "a string") }
        return s
    }

    /// A string that is one of `choices`.
    public func choice(_ name: String, _ choices: [String]) throws -> String {
        let s = try string(name)
        guard choices.contains(s) else {
            let list = choices.map { "\"\($0)\"" }.joined(separator: ", ")
            throw NativeError("\(function.name)(): \(name) must be one of \(list), got \"\(s)\"", argument: name)
        }
        return s
    }

    public func bool(_ name: String) throws -> Bool {
        guard case .bool(let b) = self[name] else { throw mismatch(name, expected: "true or false") }
        return b
    }

    public func list(_ name: String) throws -> [Value] {
        guard let items = self[name].listItems else { throw mismatch(name, expected: "a list") }
        return items
    }

    /// A list of numbers (a single number counts as a list of one).
    public func numbers(_ name: String) throws -> [Double] {
        switch self[name] {
        case .number(let x): return [x]
        case .numbers(let xs): return xs
        case .list(let items):
            return try items.map { item in
                guard case .number(let x) = item else {
                    throw NativeError("\(function.name)(): \(name) must be a list of numbers, found \(withArticle(item.typeName))",
                                      argument: name)
                }
                return x
            }
        default: throw mismatch(name, expected: "a number or a list of numbers")
        }
    }

    public func record(_ name: String) throws -> Record {
        guard case .record(let r) = self[name] else { throw mismatch(name, expected: "a record") }
        return r
    }

    public func function(_ name: String) throws -> Function {
        guard case .function(let f) = self[name] else { throw mismatch(name, expected: "a function") }
        return f
    }

    /// A host object of the given type.
    public func object<T: HostObject>(_ name: String, as type: T.Type) throws -> T {
        if case .object(let object) = self[name], let typed = object as? T { return typed }
        throw mismatch(name, expected: withArticle(T.typeName))
    }
}

/// A noun with its indefinite article, for messages: "a Dataset", "an AutoEncoder", "an OptimalDAE".
/// By the first letter only, which is right for the type names values have.
public func withArticle(_ noun: String) -> String {
    guard let first = noun.first else { return noun }
    return ("aeiouAEIOU".contains(first) ? "an " : "a ") + noun
}
