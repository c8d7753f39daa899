/// A value as a set or dictionary key, equal when the language's `==` says so: structurally for
/// data (a nan equals nothing, 0 equals -0), by identity for functions and host objects.
struct HashableValue: Hashable {
    let value: Value

    init(_ value: Value) { self.value = value }

    static func == (a: HashableValue, b: HashableValue) -> Bool { a.value == b.value }

    func hash(into hasher: inout Hasher) { Self.hash(value, into: &hasher) }

    private static func hash(_ value: Value, into hasher: inout Hasher) {
        switch value {
        case .nil:
            hasher.combine(0)
        case .bool(let b):
            hasher.combine(1)
            hasher.combine(b)
        case .number(let x):
            // Double hashes 0 and -0 alike, as they are equal.
            hasher.combine(2)
            hasher.combine(x)
        case .string(let s):
            hasher.combine(3)
            hasher.combine(s)
        case .list(let items):
            hasher.combine(4)
            hasher.combine(items.count)
            for item in items { hash(item, into: &hasher) }
        case .numbers(let xs):
            // As the equal boxed list hashes.
            hasher.combine(4)
            hasher.combine(xs.count)
            for x in xs {
                hasher.combine(2)
                hasher.combine(x)
            }
        case .record(let record):
            hasher.combine(5)
            hasher.combine(record.keys)
            for item in record.values { hash(item, into: &hasher) }
        case .function(let f):
            hasher.combine(6)
            hasher.combine(ObjectIdentifier(f))
        case .object(let object):
            hasher.combine(7)
            hasher.combine(ObjectIdentifier(object))
        }
    }
}
