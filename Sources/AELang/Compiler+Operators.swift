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

extension Compiler {
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
        case .concatenate, .matrixProduct, .contains:
            let a = compile(left), b = compile(right)
            return { frame in
                let x = try a(frame)
                return try runtime.binary(op, x, try b(frame), file, location)
            }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let condition = compileCondition(.binary(op, left, right, location))
            _ = runtime
            _ = file
            return { frame in .bool(try condition(frame)) }
        }
    }

    private func arithmetic<Op: ArithmeticOperation>(_: Op.Type, _ op: BinaryOperator, _ left: Node, _ right: Node,
                                                     _ location: SourceLocation) -> Code {
        let site = BinarySite(runtime: runtime, file: file, op: op, location: location)
        return withOperands(left, right, ArithmeticBuilder<Op>(site: site)).run
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
        let site = BinarySite(runtime: runtime, file: file, op: op, location: location)
        return withOperands(left, right, ComparisonBuilder<Op>(site: site)).run
    }
}

/// `left op right` for an arithmetic operator: numbers inline, anything else through `Runtime.binary`.
private struct ArithmeticBuilder<Op: ArithmeticOperation>: OperandPairBuilder {
    let site: BinarySite

    func make<L: FastOperand, R: FastOperand>(_ left: L, _ right: R) -> CodeRef {
        let site = self.site
        return CodeRef { frame in
            let l = try left.read(frame)
            if R.runsCode { try left.check(l, site.file) }
            let r = try right.read(frame)
            if case .number(let x) = l, case .number(let y) = r { return .number(Op.apply(x, y)) }
            return try site.arithmetic(left, l, right, r)
        }
    }
}

/// `left op right` for a comparison, as a Swift Bool (no Value boxing).
private struct ComparisonBuilder<Op: ComparisonOperation>: OperandPairBuilder {
    let site: BinarySite

    func make<L: FastOperand, R: FastOperand>(_ left: L, _ right: R) -> ConditionRef {
        let site = self.site
        return ConditionRef { frame in
            let l = try left.read(frame)
            if R.runsCode { try left.check(l, site.file) }
            let r = try right.read(frame)
            if case .number(let x) = l, case .number(let y) = r { return Op.apply(x, y) }
            return try site.general(left, l, right, r).isTruthy
        }
    }
}
