/// Marks a variable that exists but was not assigned yet (a global assigned later in the script, a
/// local assigned only in a branch not taken).
final class Unassigned: HostObject {
    static let typeName = "unassigned"
    static let shared = Unassigned()
    var summary: String { "<unassigned>" }
}

extension Value {
    /// The value of a variable not assigned yet (`runtime.unassigned` on hot paths).
    static let unassigned = Value.object(Unassigned.shared)

    @inline(__always) var isUnassigned: Bool {
        if case .object(let o) = self { return o === Unassigned.shared }
        return false
    }
}
