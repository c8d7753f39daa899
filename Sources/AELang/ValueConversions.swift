/// Conversions between ae values and Swift values, for hosts:
///
///     engine.setGlobal("xs", Value([1, 2, 3]))
///     let total = try engine.run("sum(xs)").asDouble        // 6
///     let ys = [Double](try engine.run("xs ++ [4]"))          // [1, 2, 3, 4]
extension Value {
    /// A number.
    public init(_ x: Double) { self = .number(x) }
    /// A whole number (stored as a Double, like every ae number).
    public init(_ x: Int) { self = .number(Double(x)) }
    /// A boolean.
    public init(_ b: Bool) { self = .bool(b) }
    /// A string.
    public init(_ s: String) { self = .string(s) }
    /// A list of numbers.
    public init(_ xs: [Double]) { self = xs.isEmpty ? .list([]) : .numbers(xs) }
    /// A list of strings.
    public init(_ xs: [String]) { self = .list(xs.map(Value.string)) }
    /// A list of rows (a matrix as nested lists).
    public init(_ rows: [[Double]]) { self = .list(rows.map { Value($0) }) }
    /// A record with these fields, in this order.
    public init(_ fields: KeyValuePairs<String, Value>) { self = .record(Record(fields)) }

    /// The number, or nil for any other kind of value.
    public var asDouble: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The number when it is a whole number that fits an Int, else nil.
    public var asInt: Int? {
        guard case .number(let x) = self, x == x.rounded(), abs(x) < 9.0e15 else { return nil }
        return Int(x)
    }

    /// The boolean, or nil for any other kind of value.
    public var asBool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The string, or nil for any other kind of value.
    public var asString: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The elements of a list (packed or not), or nil for any other kind of value.
    public var asList: [Value]? { listItems }

    /// The record, or nil for any other kind of value.
    public var asRecord: Record? {
        if case .record(let record) = self { return record }
        return nil
    }

    /// The host object of type `T`, or nil.
    public func asObject<T: HostObject>(_ type: T.Type = T.self) -> T? {
        if case .object(let object as T) = self { return object }
        return nil
    }
}

extension Array where Element == Double {
    /// The numbers of an ae list of numbers; nil when the value is not a list or an element is not
    /// a number.
    public init?(_ value: Value) {
        if case .numbers(let xs) = value { self = xs; return }
        guard case .list(let items) = value else { return nil }
        var numbers: [Double] = []
        numbers.reserveCapacity(items.count)
        for item in items {
            guard case .number(let x) = item else { return nil }
            numbers.append(x)
        }
        self = numbers
    }
}

extension Array where Element == [Double] {
    /// The rows of an ae list of lists of numbers; nil when any element is not a list of numbers.
    public init?(_ value: Value) {
        guard let items = value.listItems else { return nil }
        var rows: [[Double]] = []
        rows.reserveCapacity(items.count)
        for item in items {
            guard let row = [Double](item) else { return nil }
            rows.append(row)
        }
        self = rows
    }
}
