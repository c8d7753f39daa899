/// The engine's global variables, builtins included, by index (the resolver hands out the indices).
/// The values live in a manually grown buffer so that compiled code reads a global with one load and
/// no bounds check (indices come from the resolver, so they are always valid).
final class Globals {
    private(set) var storage: UnsafeMutablePointer<Value>
    private var capacity: Int
    private(set) var count = 0
    var names: [String] = []
    var indices: [String: Int] = [:]

    init() {
        capacity = 256
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func index(of name: String) -> Int? { indices[name] }

    /// The index of `name`, creating an unassigned global when it does not exist yet.
    func define(_ name: String) -> Int {
        if let index = indices[name] { return index }
        if count == capacity {
            let bigger = UnsafeMutablePointer<Value>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        (storage + count).initialize(to: Value.unassigned)
        indices[name] = count
        names.append(name)
        count += 1
        return count - 1
    }

    /// A copy of the table (names and values), to restore after a `check` that defined names.
    func snapshot() -> (names: [String], values: [Value]) {
        (names, (0..<count).map { storage[$0] })
    }

    func restore(_ snapshot: (names: [String], values: [Value])) {
        storage.deinitialize(count: count)
        count = 0
        names = []
        indices = [:]
        for (name, value) in zip(snapshot.names, snapshot.values) {
            storage[define(name)] = value
        }
    }
}
