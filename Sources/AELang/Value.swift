/// A value of the ae language.
///
/// Lists and records are values, not references: assigning one copies it (Swift's copy-on-write makes
/// the copy free until one side changes). Functions and host objects are references.
///
///     3            .number(3)
///     "spiral"     .string("spiral")
///     [1, 2]       .list([.number(1), .number(2)])
///     {a: 1}       .record(Record(["a": .number(1)]))
public enum Value {
    case `nil`
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([Value])
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
        case .list: return "list"
        case .record: return "record"
        case .function: return "function"
        case .object(let object): return type(of: object).typeName
        }
    }

    /// True for a list or a host matrix (a Dataset): what arithmetic treats element by element.
    var isArray: Bool {
        switch self {
        case .list: return true
        case .object(let object): return object is any NumericMatrix
        default: return false
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
