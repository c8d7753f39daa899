import Foundation

/// An arithmetic operator's action on two numbers; a type per operator so that the generic fast
/// paths below are specialised and the operation inlined.
protocol ArithmeticOperation { static func apply(_ a: Double, _ b: Double) -> Double }
enum AddOperation: ArithmeticOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a + b } }
enum SubtractOperation: ArithmeticOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a - b } }
enum MultiplyOperation: ArithmeticOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a * b } }
enum DivideOperation: ArithmeticOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a / b } }
enum ModuloOperation: ArithmeticOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { floorModulo(a, b) } }
enum PowerOperation: ArithmeticOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { b == 2 ? a * a : Foundation.pow(a, b) } }

protocol ComparisonOperation { static func apply(_ a: Double, _ b: Double) -> Bool }
enum LessOperation: ComparisonOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a < b } }
enum LessEqualOperation: ComparisonOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a <= b } }
enum GreaterOperation: ComparisonOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a > b } }
enum GreaterEqualOperation: ComparisonOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a >= b } }
enum EqualOperation: ComparisonOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a == b } }
enum NotEqualOperation: ComparisonOperation { @inline(__always) static func apply(_ a: Double, _ b: Double) -> Bool { a != b } }

/// An operand as the fast paths see it: a constant, a plain local slot, or general code.
enum Operand {
    case constant(Double)
    case slot(Int)
    case code(Code)
}

extension Compiler {
    func operand(_ node: Node) -> Operand {
        if case .number(let x, _) = node { return .constant(x) }
        if let slot = plainSlot(node) { return .slot(slot) }
        return .code(compile(node))
    }

    func compileBinary(_ op: BinaryOperator, _ left: Node, _ right: Node, _ location: SourceLocation) -> Code {
        let runtime = self.runtime, file = self.file
        switch op {
        case .and:
            let a = compile(left), b = compile(right)
            return { frame in
                let x = try a(frame)
                return x.isTruthy ? try b(frame) : x
            }
        case .or:
            let a = compile(left), b = compile(right)
            return { frame in
                let x = try a(frame)
                return x.isTruthy ? x : try b(frame)
            }
        case .add: return arithmetic(AddOperation.self, op, left, right, location)
        case .subtract: return arithmetic(SubtractOperation.self, op, left, right, location)
        case .multiply: return arithmetic(MultiplyOperation.self, op, left, right, location)
        case .divide: return arithmetic(DivideOperation.self, op, left, right, location)
        case .modulo: return arithmetic(ModuloOperation.self, op, left, right, location)
        case .power: return arithmetic(PowerOperation.self, op, left, right, location)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let condition = compileCondition(.binary(op, left, right, location))
            _ = runtime
            _ = file
            return { frame in .bool(try condition(frame)) }
        }
    }

    /// General code for `left op right`, used by the fast paths when an operand is not a number.
    private func general(_ op: BinaryOperator, _ left: Node, _ right: Node, _ location: SourceLocation) -> Code {
        let runtime = self.runtime, file = self.file
        let a = compile(left), b = compile(right)
        return { frame in
            let x = try a(frame)
            let y = try b(frame)
            return try runtime.binary(op, x, y, file, location)
        }
    }

    private func arithmetic<Op: ArithmeticOperation>(_: Op.Type, _ op: BinaryOperator, _ left: Node, _ right: Node,
                                                     _ location: SourceLocation) -> Code {
        let slow = general(op, left, right, location)
        switch (operand(left), operand(right)) {
        case let (.slot(a), .constant(c)):
            return { frame in
                if case .number(let x) = frame.slots[a] { return .number(Op.apply(x, c)) }
                return try slow(frame)
            }
        case let (.slot(a), .slot(b)):
            return { frame in
                if case .number(let x) = frame.slots[a], case .number(let y) = frame.slots[b] {
                    return .number(Op.apply(x, y))
                }
                return try slow(frame)
            }
        case let (.code(a), .constant(c)):
            let runtime = self.runtime, file = self.file
            return { frame in
                let l = try a(frame)
                if case .number(let x) = l { return .number(Op.apply(x, c)) }
                return try runtime.binary(op, l, .number(c), file, location)
            }
        case let (.constant(c), .code(b)):
            let runtime = self.runtime, file = self.file
            return { frame in
                let r = try b(frame)
                if case .number(let y) = r { return .number(Op.apply(c, y)) }
                return try runtime.binary(op, .number(c), r, file, location)
            }
        case let (.slot(a), .code(b)):
            let runtime = self.runtime, file = self.file
            return { frame in
                let r = try b(frame)
                let l = frame.slots[a]
                if case .number(let x) = l, case .number(let y) = r { return .number(Op.apply(x, y)) }
                if l.isUnassigned { return try slow(frame) }
                return try runtime.binary(op, l, r, file, location)
            }
        case let (.code(a), .slot(b)):
            let runtime = self.runtime, file = self.file
            return { frame in
                let l = try a(frame)
                if case .number(let x) = l, case .number(let y) = frame.slots[b] { return .number(Op.apply(x, y)) }
                let r = frame.slots[b]
                if r.isUnassigned { return try slow(frame) }
                return try runtime.binary(op, l, r, file, location)
            }
        default:
            let a = compile(left), b = compile(right)
            let runtime = self.runtime, file = self.file
            return { frame in
                let l = try a(frame)
                let r = try b(frame)
                if case .number(let x) = l, case .number(let y) = r { return .number(Op.apply(x, y)) }
                return try runtime.binary(op, l, r, file, location)
            }
        }
    }

    /// A node used as a condition, compiled to return a Swift Bool (no Value boxing for comparisons).
    func compileCondition(_ node: Node) -> Condition {
        switch node {
        case .bool(let b, _):
            return { _ in b }
        case .unary(.not, let operand, _):
            let inner = compileCondition(operand)
            return { frame in !(try inner(frame)) }
        case .binary(.and, let left, let right, _):
            let a = compileCondition(left), b = compileCondition(right)
            return { frame in try a(frame) && b(frame) }
        case .binary(.or, let left, let right, _):
            let a = compileCondition(left), b = compileCondition(right)
            return { frame in try a(frame) || b(frame) }
        case .binary(let op, let left, let right, let location):
            switch op {
            case .less: return comparison(LessOperation.self, op, left, right, location)
            case .lessEqual: return comparison(LessEqualOperation.self, op, left, right, location)
            case .greater: return comparison(GreaterOperation.self, op, left, right, location)
            case .greaterEqual: return comparison(GreaterEqualOperation.self, op, left, right, location)
            case .equal: return comparison(EqualOperation.self, op, left, right, location)
            case .notEqual: return comparison(NotEqualOperation.self, op, left, right, location)
            default: break
            }
        default:
            break
        }
        let code = compile(node)
        return { frame in try code(frame).isTruthy }
    }

    private func comparison<Op: ComparisonOperation>(_: Op.Type, _ op: BinaryOperator, _ left: Node, _ right: Node,
                                                     _ location: SourceLocation) -> Condition {
        let slowCode = general(op, left, right, location)
        let slow: Condition = { frame in try slowCode(frame).isTruthy }
        switch (operand(left), operand(right)) {
        case let (.slot(a), .constant(c)):
            return { frame in
                if case .number(let x) = frame.slots[a] { return Op.apply(x, c) }
                return try slow(frame)
            }
        case let (.slot(a), .slot(b)):
            return { frame in
                if case .number(let x) = frame.slots[a], case .number(let y) = frame.slots[b] { return Op.apply(x, y) }
                return try slow(frame)
            }
        case let (.code(a), .constant(c)):
            let runtime = self.runtime, file = self.file
            return { frame in
                let l = try a(frame)
                if case .number(let x) = l { return Op.apply(x, c) }
                return try runtime.binary(op, l, .number(c), file, location).isTruthy
            }
        default:
            let a = compile(left), b = compile(right)
            let runtime = self.runtime, file = self.file
            return { frame in
                let l = try a(frame)
                let r = try b(frame)
                if case .number(let x) = l, case .number(let y) = r { return Op.apply(x, y) }
                return try runtime.binary(op, l, r, file, location).isTruthy
            }
        }
    }
}
