/// Arithmetic on arrays: `+ - * / % ^` element by element on lists of numbers, lists of rows and host
/// matrices (Datasets), with NumPy's broadcasting of a number, a row or a column; unary minus; and
/// the matrix product `@`.
///
/// Shapes combine when they are equal, when one side is a number, when one side is n×d and the other a
/// row (a list of d numbers, or a 1×d matrix: applied to every row) or a column (n×1: applied to
/// every column). The result is a host matrix when one is involved (the left one's type first), a
/// list of rows when a side is one, else a list.
extension Runtime {
    /// `a op b` for an arithmetic operator when a side is a list or a host matrix.
    func arrayArithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        guard let x = NumericArray(a), let y = NumericArray(b) else {
            throw notNumbers(op, a, b)
        }
        switch op {
        case .add: return try broadcast(AddOperation.self, op, x, y)
        case .subtract: return try broadcast(SubtractOperation.self, op, x, y)
        case .multiply: return try broadcast(MultiplyOperation.self, op, x, y)
        case .divide: return try broadcast(DivideOperation.self, op, x, y)
        case .modulo: return try broadcast(ModuloOperation.self, op, x, y)
        case .power: return try broadcast(PowerOperation.self, op, x, y)
        case .matrixProduct: return try matrixProduct(x, y)
        default: preconditionFailure("not an arithmetic operator: \(op)")
        }
    }

    /// `-a` for a list or a host matrix.
    func arrayNegate(_ a: Value) throws -> Value {
        guard let x = NumericArray(a) else {
            throw NativeError("cannot negate \(a.typeName.withArticle): \(NumericArray.shapeProblem(a) ?? "not numbers")")
        }
        return x.map { -$0 }
    }

    private func notNumbers(_ op: BinaryOperator, _ a: Value, _ b: Value) -> NativeError {
        let verb = op == .add ? "cannot add \(a.typeName) and \(b.typeName)"
                              : "cannot apply '\(op.rawValue)' to \(a.typeName) and \(b.typeName)"
        let problem: String
        if let p = NumericArray.shapeProblem(a) {
            problem = "the left " + (b.typeName == a.typeName ? a.typeName : "operand") + "'s " + p.replacingPrefix("it is ", with: "value is ")
        } else {
            problem = "the right " + (b.typeName == a.typeName ? b.typeName : "operand") + "'s "
                + (NumericArray.shapeProblem(b) ?? "").replacingPrefix("it is ", with: "value is ")
        }
        var hint: String? = nil
        if op == .add, a.isList, b.isList { hint = "'+' adds numbers element by element; to join lists, write a ++ b" }
        if op == .add, a.isList, case .string = b { hint = "to join text, convert with str(xs), or to append, write xs ++ [s]" }
        if op == .add, case .string = a, b.isList { hint = "convert the list with str(xs)" }
        return NativeError("\(verb): \(problem)", hint: hint)
    }

    /// The shapes' mismatch, naming both: "cannot add Dataset 1000×2 and list of 3".
    private func mismatch(_ op: BinaryOperator, _ x: NumericArray, _ y: NumericArray) -> NativeError {
        let verb = op == .add ? "cannot add" : op == .matrixProduct ? "cannot multiply (@)" : "cannot apply '\(op.rawValue)' to"
        let hint: String
        if op == .matrixProduct {
            hint = "a @ b needs as many columns in a as rows (or elements) in b"
        } else if x.rank == 1, y.rank == 1 {
            hint = op == .add ? "'+' adds element by element and needs equal lengths; to join lists, write a ++ b"
                              : "element by element needs equal lengths"
        } else if (x.rank == 1 && y.rank == 2) || (x.rank == 2 && y.rank == 1) {
            let width = x.rank == 2 ? x.columns : y.columns
            hint = "a list is applied to every row and needs \(width) number\(width == 1 ? "" : "s"); for a column, use an n×1 Dataset"
        } else {
            hint = "shapes combine when equal, or when one is a number, a row (1×d) or a column (n×1)"
        }
        return NativeError("\(verb) \(x.shapeDescription) and \(y.shapeDescription)", hint: hint)
    }

    private func broadcast<Op: ArithmeticOperation>(_: Op.Type, _ op: BinaryOperator,
                                                    _ x: NumericArray, _ y: NumericArray) throws -> Value {
        guard let pairing = Broadcast(x, y) else { throw mismatch(op, x, y) }
        return pairing.value(pairing.map { Op.apply($0, $1) })
    }

    /// `a @ b`: matrix times matrix, matrix times vector, vector times matrix, vector dot vector.
    private func matrixProduct(_ x: NumericArray, _ y: NumericArray) throws -> Value {
        guard x.rank > 0, y.rank > 0 else {
            throw NativeError("cannot multiply (@) \(x.shapeDescription) and \(y.shapeDescription)",
                              hint: "@ is the matrix product; to scale, write a * b")
        }
        guard let product = MatrixProduct(x, y) else { throw mismatch(.matrixProduct, x, y) }
        try checkResultSize(product.rows, product.columns)
        return product.value(try product.elements(check: context.checkInterrupt))
    }
}

extension Runtime {
    /// A product can be far larger than its operands (a column times a row is an n×d table): it is
    /// refused before any memory is taken when it would pass the size limit.
    fileprivate func checkResultSize(_ rows: Int, _ columns: Int) throws {
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard overflow || count > options.maxElements else { return }
        throw LimitExceeded("size limit exceeded: \(overflow ? "more than \(Int.max)" : String(count)) elements (limit \(options.maxElements))",
                            hint: "a @ b has a's rows × b's columns numbers")
    }
}

private extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
