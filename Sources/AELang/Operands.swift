/// Operands of the arithmetic and comparison fast paths.
///
/// A constant or a variable is read in place, not through a call to compiled code: in a loop such as
/// `x = x + i * 0.5` the calls to the closures that read `x` and `i` cost more than the arithmetic.
/// Each fast path is generic over its two operand types, so that every combination is specialised and
/// the reads inlined.
protocol FastOperand {
    /// True for compiled code, which may have effects: an unassigned variable on its left must then
    /// fail before it runs. Known statically, so the test folds away.
    static var runsCode: Bool { get }
    /// The operand's value, as stored: a variable that was never assigned reads as the unassigned
    /// marker, which is not a number, so the number fast path needs no separate test.
    func read(_ frame: Activation) throws -> Value
    /// Throws the general read's error when `value` (from `read`) is the unassigned marker.
    func check(_ value: Value, _ file: SourceFile) throws
}

extension FastOperand {
    static var runsCode: Bool { false }
    func check(_ value: Value, _ file: SourceFile) throws {}
}

/// A number written in the program.
struct ConstantOperand: FastOperand {
    let number: Double
    @inline(__always) func read(_ frame: Activation) throws -> Value { .number(number) }
}

/// A local variable that no closure captured: a slot of the frame.
struct LocalOperand: FastOperand {
    let slot: Int
    let ref: NameRef
    @inline(__always) func read(_ frame: Activation) throws -> Value { frame.slots[slot] }
    func check(_ value: Value, _ file: SourceFile) throws {
        if value.isUnassigned { throw usedBeforeAssigned(ref, file) }
    }
}

/// A global variable.
struct GlobalOperand: FastOperand {
    let globals: Globals
    let index: Int
    let ref: NameRef
    @inline(__always) func read(_ frame: Activation) throws -> Value { globals.storage[index] }
    func check(_ value: Value, _ file: SourceFile) throws {
        if value.isUnassigned { throw usedBeforeAssigned(ref, file) }
    }
}

/// Anything else: compiled code (which reports its own errors).
struct CodeOperand: FastOperand {
    static var runsCode: Bool { true }
    let code: Code
    @inline(__always) func read(_ frame: Activation) throws -> Value { try code(frame) }
}

/// The error of reading a variable before it is assigned (the message `load` gives too).
@inline(never)
func usedBeforeAssigned(_ ref: NameRef, _ file: SourceFile) -> ScriptError {
    ScriptError(kind: .runtime, message: "'\(ref.name)' is used before it is assigned", file: file,
                location: ref.location)
}

/// What the slow path of a binary operator needs, in one object so that the fast path's closure
/// captures few words (each is copied out of the closure's context on every call).
final class BinarySite {
    let runtime: Runtime, file: SourceFile, op: BinaryOperator, location: SourceLocation
    init(runtime: Runtime, file: SourceFile, op: BinaryOperator, location: SourceLocation) {
        self.runtime = runtime
        self.file = file
        self.op = op
        self.location = location
    }

    /// `l op r` when they are not both numbers: the variables' errors first, in order.
    @inline(never)
    func general<L: FastOperand, R: FastOperand>(_ left: L, _ l: Value, _ right: R, _ r: Value) throws -> Value {
        try left.check(l, file)
        try right.check(r, file)
        return try runtime.binary(op, l, r, file, location)
    }

    /// `l op r` for an arithmetic operator when they are not both numbers. The operands are the
    /// call's own, so that a temporary list among them can take the result in place.
    @inline(never)
    func arithmetic<L: FastOperand, R: FastOperand>(_ left: L, _ l: consuming Value, _ right: R,
                                                    _ r: consuming Value) throws -> Value {
        try left.check(l, file)
        try right.check(r, file)
        var a = consume l, b = consume r
        if let result = Runtime.arithmeticInPlace(op, &a, &b) { return result }
        return try runtime.binary(op, a, b, file, location)
    }
}

/// A compiled condition in a struct, like ``CodeRef``: passed through generic code, a bare closure
/// would be wrapped in reabstraction thunks on every call.
struct ConditionRef {
    let run: Condition
    init(_ run: @escaping Condition) { self.run = run }
}

/// Makes a fast path from two operands of statically known types: `make(left, right)`. The result is
/// a struct (``CodeRef``, ``ConditionRef``) for the reason ``ConditionRef`` gives.
protocol OperandPairBuilder {
    associatedtype Result
    func make<L: FastOperand, R: FastOperand>(_ left: L, _ right: R) -> Result
}

extension Compiler {
    /// Calls `builder.make` with the operand types that fit `left` and `right`.
    func withOperands<B: OperandPairBuilder>(_ left: Node, _ right: Node, _ builder: B) -> B.Result {
        switch fastOperand(left) {
        case .constant(let l): return withRight(l, right, builder)
        case .local(let l): return withRight(l, right, builder)
        case .global(let l): return withRight(l, right, builder)
        case .code(let l): return withRight(l, right, builder)
        }
    }

    private func withRight<L: FastOperand, B: OperandPairBuilder>(_ left: L, _ right: Node, _ builder: B) -> B.Result {
        switch fastOperand(right) {
        case .constant(let r): return builder.make(left, r)
        case .local(let r): return builder.make(left, r)
        case .global(let r): return builder.make(left, r)
        case .code(let r): return builder.make(left, r)
        }
    }

    private enum AnyFastOperand {
        case constant(ConstantOperand), local(LocalOperand), global(GlobalOperand), code(CodeOperand)
    }

    private func fastOperand(_ node: Node) -> AnyFastOperand {
        if case .number(let x, _) = node { return .constant(ConstantOperand(number: x)) }
        if case .name(let ref) = node {
            if let slot = plainSlot(node) {
                return .local(LocalOperand(slot: slot, ref: ref))
            }
            if case .global(let index) = ref.binding {
                return .global(GlobalOperand(globals: runtime.globals, index: index, ref: ref))
            }
        }
        return .code(CodeOperand(code: compile(node)))
    }
}
