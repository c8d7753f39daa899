/// Compiled code: a Swift closure over slot indices, run against the current frame.
typealias Code = (Activation) throws -> Value
typealias Condition = (Activation) throws -> Bool

/// Compiled code kept in an array. The struct keeps the closure in its natural representation, so
/// calling it needs no reabstraction thunks (which closures stored directly in generic containers do).
struct CodeRef {
    let run: Code
    init(_ run: @escaping Code) { self.run = run }
}
