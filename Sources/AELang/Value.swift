/// A value of the ae language.
///
/// Lists and records are values, not references: assigning one copies it (Swift's copy-on-write makes
/// the copy free until one side changes). Functions and host objects are references.
///
///     3            .number(3)
///     "spiral"     .string("spiral")
///     [1, 2]       .numbers([1, 2])  (or .list([.number(1), .number(2)]): the same list)
///     {a: 1}       .record(Record(["a": .number(1)]))
public enum Value {
    case `nil`
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([Value])
    /// A list that holds only numbers, packed: the same value as `.list` of those numbers (equal to it,
    /// printed alike, `type` "list"), stored as contiguous doubles so that arithmetic on it runs at
    /// the speed of the machine, as V8's packed-double arrays do. Literals, `range`, comprehensions
    /// and array arithmetic make lists of numbers packed; putting anything but a number in one turns
    /// it into a `.list`. Builtins receive `.list` unless they declare that they handle both
    /// (``Function/acceptsPackedLists``); ``asList`` and ``listItems`` read either form.
    case numbers([Double])
    case record(Record)
    case function(Function)
    /// A value owned by the host (a dataset, a model, a figure ...): see ``HostObject``.
    case object(any HostObject)
}

/// A record: named fields in the order they were written.
public struct Record: Equatable {
    public private(set) var keys: [String]
    public private(set) var values: [Value]

    public init() {
        keys = []
        values = []
    }

    /// A record with the fields in the given order.
    public init(_ fields: KeyValuePairs<String, Value>) {
        self.init()
        for (key, value) in fields { self[key] = value }
    }

    /// A record with the fields in the given order.
    public init(fields: [(String, Value)]) {
        self.init()
        for (key, value) in fields { self[key] = value }
    }

    public var count: Int { keys.count }

    /// The field's value, or nil when the record has no such field. Setting a new field appends it.
    public subscript(key: String) -> Value? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }
}

extension Value: Equatable {
    /// Structural equality for data, identity for functions and host objects.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.numbers(a), .numbers(b)): return a == b
        case let (.numbers(a), .list(b)), let (.list(b), .numbers(a)):
            return a.count == b.count && zip(a, b).allSatisfy { x, v in
                if case .number(let y) = v { return x == y }
                return false
            }
        case let (.record(a), .record(b)): return a == b
        case let (.function(a), .function(b)): return a === b
        case let (.object(a), .object(b)): return a === b
        default: return false
        }
    }
}

extension Value {
    /// The type name a user sees in messages and from `type(x)`: "number", "list", "Dataset" ...
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .list, .numbers: return "list"
        case .record: return "record"
        case .function: return "function"
        case .object(let object): return type(of: object).typeName
        }
    }

    /// True for a list or a host matrix (a Dataset): what arithmetic treats element by element.
    var isArray: Bool {
        switch self {
        case .list, .numbers: return true
        case .object(let object): return object is any NumericMatrix
        default: return false
        }
    }

    /// True for a list in either form.
    var isList: Bool {
        switch self {
        case .list, .numbers: return true
        default: return false
        }
    }

    /// The length of a list in either form, nil for any other value.
    var listCount: Int? {
        switch self {
        case .list(let items): return items.count
        case .numbers(let xs): return xs.count
        default: return nil
        }
    }

    /// Appends one element to this list, in place (amortised O(1)), keeping it packed while it holds
    /// only numbers. The list must be uniquely held for that (the caller took it out of its variable).
    /// Each case moves the storage out of `self` before changing it: a copy left behind (in `self`, or
    /// in a tuple switched over) would make every append copy the whole list.
    mutating func appendElement(_ element: Value) {
        if case .numbers(var xs) = self {
            self = .nil
            if case .number(let x) = element {
                xs.append(x)
                self = .numbers(xs)
            } else {
                var items = xs.map(Value.number)
                xs = []
                items.append(element)
                self = .list(items)
            }
        } else if case .list(var items) = self {
            self = .nil
            if items.isEmpty, case .number(let x) = element {
                self = .numbers([x])
            } else {
                items.append(element)
                self = .list(items)
            }
        } else {
            preconditionFailure("appendElement on \(typeName)")
        }
    }

    /// Appends the elements of another list, in place; packed when both are.
    mutating func appendList(_ other: Value) {
        if case .numbers(var xs) = self, case .numbers(let more) = other {
            self = .nil
            xs.append(contentsOf: more)
            self = .numbers(xs)
        } else if case .list(let items) = self, items.isEmpty {
            self = other
        } else if case .list(var items) = self {
            self = .nil
            items.append(contentsOf: other.listItems ?? [])
            self = .list(items)
        } else if let items = listItems, let more = other.listItems {
            self = .list(items + more)
        } else {
            preconditionFailure("appendList on \(typeName) and \(other.typeName)")
        }
    }

    /// The elements of a list in either form, or nil for any other value.
    public var listItems: [Value]? {
        switch self {
        case .list(let items): return items
        case .numbers(let xs): return xs.map(Value.number)
        default: return nil
        }
    }

    /// A list of these items, packed when every one is a number.
    public static func packing(_ items: [Value]) -> Value {
        var numbers: [Double] = []
        numbers.reserveCapacity(items.count)
        for item in items {
            guard case .number(let x) = item else { return .list(items) }
            numbers.append(x)
        }
        return items.isEmpty ? .list([]) : .numbers(numbers)
    }

    /// The same value with every packed list, at any depth, as a `.list` of numbers: what a builtin
    /// that matches `.list` only must receive. Containers are copied only where something changes.
    public var unpacked: Value { unpackedIfChanged ?? self }

    /// `unpacked`, or nil when it would be this value itself: one walk that copies a container only
    /// from its first changed element on.
    private var unpackedIfChanged: Value? {
        switch self {
        case .numbers(let xs): return .list(xs.map(Value.number))
        case .list(let items):
            var copy: [Value]?
            for (i, item) in items.enumerated() {
                guard let changed = item.unpackedIfChanged else { continue }
                if copy == nil { copy = items }
                copy![i] = changed
            }
            return copy.map(Value.list)
        case .record(let record):
            var values: [Value]?
            for (i, value) in record.values.enumerated() {
                guard let changed = value.unpackedIfChanged else { continue }
                if values == nil { values = record.values }
                values![i] = changed
            }
            return values.map { .record(Record(fields: Array(zip(record.keys, $0)))) }
        default: return nil
        }
    }

    /// Only `nil` and `false` are false.
    public var isTruthy: Bool {
        switch self {
        case .nil: return false
        case .bool(let b): return b
        default: return true
        }
    }
}
