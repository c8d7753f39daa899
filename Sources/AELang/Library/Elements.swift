/// The elements the list builtins walk: a list's items (of either form), a string's characters
/// (one-character strings), or a Dataset's rows (packed lists of numbers) — what a `for` loop walks,
/// records aside.
struct Elements {
    enum Source {
        case list([Value])
        /// A packed list of numbers.
        case numbers([Double])
        case string([Character])
        /// A host matrix (a Dataset), its row-major numbers and its width.
        case matrix(any NumericMatrix, [Double], columns: Int)
    }

    let source: Source
    let count: Int

    /// nil when `value` is none of a list, a string or a host matrix.
    init?(_ value: Value) {
        switch value {
        case .list(let items):
            source = .list(items)
            count = items.count
        case .numbers(let xs):
            source = .numbers(xs)
            count = xs.count
        case .string(let s):
            let characters = Array(s)
            source = .string(characters)
            count = characters.count
        case .object(let matrix as any NumericMatrix):
            source = .matrix(matrix, matrix.elements, columns: matrix.columns)
            count = matrix.rows
        default:
            return nil
        }
    }

    subscript(i: Int) -> Value {
        switch source {
        case .list(let items): return items[i]
        case .numbers(let xs): return .number(xs[i])
        case .string(let characters): return .string(String(characters[i]))
        case .matrix(_, let numbers, let columns):
            return .numbers(Array(numbers[i * columns ..< (i + 1) * columns]))
        }
    }

    /// The elements at `indices`, in that order, as a value of the same kind: a list (packed if it
    /// was), a string, or a matrix of the same host type (which may have no rows).
    func select(_ indices: [Int]) -> Value {
        switch source {
        case .list(let items):
            return .list(indices.map { items[$0] })
        case .numbers(let xs):
            return indices.isEmpty ? .list([]) : .numbers(indices.map { xs[$0] })
        case .string(let characters):
            return .string(String(indices.map { characters[$0] }))
        case .matrix(let matrix, let numbers, let columns):
            var out = [Double]()
            out.reserveCapacity(indices.count * columns)
            for i in indices { out.append(contentsOf: numbers[i * columns ..< (i + 1) * columns]) }
            return matrix.make(rows: indices.count, columns: columns, elements: out)
        }
    }

    var isMatrix: Bool {
        if case .matrix = source { return true }
        return false
    }
}

extension Arguments {
    /// A list, a string or a Dataset, walked element by element.
    func elements(_ name: String) throws -> Elements {
        guard let elements = Elements(self[name]) else { throw mismatch(name, expected: "a list, string or Dataset") }
        return elements
    }

    /// A list or a Dataset (no string).
    func listOrRows(_ name: String) throws -> Elements {
        if case .string = self[name] { throw mismatch(name, expected: "a list or Dataset") }
        guard let elements = Elements(self[name]) else { throw mismatch(name, expected: "a list or Dataset") }
        return elements
    }

    /// A function argument the builtin calls with `arity` positional arguments, as `calls` says
    /// ("f(x) with each element"); one that cannot take that many is refused before any call.
    func callback(_ name: String, arity: Int, calls: String) throws -> Callback {
        let f = try function(name)
        let positional = f.parameters.filter { !$0.isVariadic }
        let required = positional.filter(\.isRequired).count
        let variadic = positional.count < f.parameters.count
        if required <= arity && (variadic || arity <= positional.count) {
            return Callback(function: f, context: context, arity: arity)
        }
        let takes: String
        if variadic { takes = "at least \(required)" }
        else if positional.isEmpty { takes = "none" }
        else if required == positional.count { takes = "\(required)" }
        else { takes = "\(required) to \(positional.count)" }
        throw NativeError("\(function.name)(): \(name) must take \(arity) argument\(arity == 1 ? "" : "s"), but it takes \(takes)",
                          argument: name, hint: "\(function.name) calls \(calls)")
    }

    /// Refuses, before it is built, a result of more than `EngineOptions.maxElements` elements
    /// (characters for a string): "repeat(): a string of 2000000 characters exceeds the size limit (1000000)".
    func checkSize(_ count: Int, of what: String, argument: String? = nil) throws {
        let limit = context.options.maxElements
        guard count > limit else { return }
        let noun = what == "string" ? "character" : "element"
        throw NativeError("\(function.name)(): a \(what) of \(count) \(noun)s exceeds the size limit (\(limit))",
                          argument: argument, hint: "the engine's element limit (EngineOptions.maxElements) is \(limit)")
    }

    /// Refuses a result that would nest lists and records more than `EngineOptions.maxNesting` levels,
    /// `value` being placed `levels` deep in it (1 for an element of the resulting list).
    func checkNesting(_ value: Value, under levels: Int) throws {
        switch value {
        case .list, .numbers, .record: break
        default: return
        }
        let limit = context.options.maxNesting
        if levels + value.nestingDepth(limit: Swift.max(0, limit - levels)) > limit {
            throw LimitExceeded("value nested too deeply (more than \(limit) levels)",
                                hint: "lists and records nest at most \(limit) levels (EngineOptions.maxNesting)")
        }
    }
}

/// A function a builtin calls once per element, always with the same number of arguments. The
/// argument list is reused from call to call (the callee does not keep it), so a call allocates none.
struct Callback {
    let function: Function
    let context: CallContext
    private var arguments: [Value]

    init(function: Function, context: CallContext, arity: Int) {
        self.function = function
        self.context = context
        arguments = Array(repeating: .nil, count: arity)
    }

    mutating func callAsFunction(_ x: Value) throws -> Value {
        arguments[0] = x
        return try context.call(function, arguments)
    }

    mutating func callAsFunction(_ a: Value, _ b: Value) throws -> Value {
        arguments[0] = a
        arguments[1] = b
        return try context.call(function, arguments)
    }
}

/// Counts the elements a builtin's long loop that calls no ae code has handled, checking for Ctrl-C
/// and the run's time limit every 4096 of them.
struct InterruptCheck {
    let context: CallContext
    private var steps = 0

    init(_ context: CallContext) { self.context = context }

    mutating func step(_ elements: Int = 1) throws {
        let before = steps
        steps &+= elements
        if before >> 12 != steps >> 12 { try context.checkInterrupt() }
    }
}
