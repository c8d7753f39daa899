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
        let elements = x.elements
        let negated = uninitialized(elements.count) { out in
            elements.withUnsafeBufferPointer { a in for i in 0..<out.count { out[i] = -a[i] } }
        }
        return x.value(rows: x.rows, columns: x.columns, elements: negated)
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

    /// The operand whose kind a result of rank `rank` takes: a host matrix (the left one first), else
    /// a side of that rank.
    private func resultKind(_ x: NumericArray, _ y: NumericArray, rank: Int) -> NumericArray {
        if x.isMatrix { return x }
        if y.isMatrix { return y }
        return x.rank == rank ? x : y
    }

    private func broadcast<Op: ArithmeticOperation>(_: Op.Type, _ op: BinaryOperator,
                                                    _ x: NumericArray, _ y: NumericArray) throws -> Value {
        let a = x.elements, b = y.elements
        // Same shape, or one side a number: one tight loop over the elements.
        if x.rank == 0 || y.rank == 0 || (x.rank == y.rank && x.rows == y.rows && x.columns == y.columns) {
            let shape = x.rank >= y.rank ? x : y
            let out = uninitialized(shape.elements.count) { out in
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        if x.rank == 0 {
                            let s = a[0]
                            for i in 0..<out.count { out[i] = Op.apply(s, b[i]) }
                        } else if y.rank == 0 {
                            let s = b[0]
                            for i in 0..<out.count { out[i] = Op.apply(a[i], s) }
                        } else {
                            for i in 0..<out.count { out[i] = Op.apply(a[i], b[i]) }
                        }
                    }
                }
            }
            let kind = resultKind(x, y, rank: shape.rank)
            return kind.value(rows: shape.rows, columns: shape.columns, elements: out)
        }
        // Broadcasting: the result is n×d, and each side is read through its strides, which are 0
        // along a dimension it does not have (a row repeats down, a column across).
        guard x.rank == 2 || y.rank == 2 else { throw mismatch(op, x, y) }
        let rows = Swift.max(x.rank == 2 ? x.rows : 1, y.rank == 2 ? y.rows : 1)
        // A list is a row: it must fit the columns, never add them (n×1 and a list of n is no outer sum).
        let columns = Swift.max(x.rank == 2 ? x.columns : 1, y.rank == 2 ? y.columns : 1)
        guard let (xi, xj) = strides(x, rows: rows, columns: columns),
              let (yi, yj) = strides(y, rows: rows, columns: columns) else { throw mismatch(op, x, y) }
        let out = uninitialized(rows * columns) { out in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<rows {
                        for j in 0..<columns {
                            out[i * columns + j] = Op.apply(a[i * xi + j * xj], b[i * yi + j * yj])
                        }
                    }
                }
            }
        }
        return resultKind(x, y, rank: 2).value(rows: rows, columns: columns, elements: out)
    }

    /// How `s` is read at (i, j) of a rows × columns result: its row and column strides, or nil when it
    /// does not broadcast to that shape.
    private func strides(_ s: NumericArray, rows: Int, columns: Int) -> (Int, Int)? {
        if s.rank == 1 { return s.rows == columns ? (0, 1) : nil }
        let i = s.rows == rows ? s.columns : s.rows == 1 ? 0 : -1
        let j = s.columns == columns ? 1 : s.columns == 1 ? 0 : -1
        return i < 0 || j < 0 ? nil : (i, j)
    }

    /// `a @ b`: matrix times matrix, matrix times vector, vector times matrix, vector dot vector.
    private func matrixProduct(_ x: NumericArray, _ y: NumericArray) throws -> Value {
        guard x.rank > 0, y.rank > 0 else {
            throw NativeError("cannot multiply (@) \(x.shapeDescription) and \(y.shapeDescription)",
                              hint: "@ is the matrix product; to scale, write a * b")
        }
        // A vector on the left is a 1×k row; on the right a k×1 column.
        let (m, k) = x.rank == 2 ? (x.rows, x.columns) : (1, x.rows)
        let (k2, n) = y.rank == 2 ? (y.rows, y.columns) : (y.rows, 1)
        guard k == k2 else { throw mismatch(.matrixProduct, x, y) }
        var out = [Double](repeating: 0, count: m * n)
        out.withUnsafeMutableBufferPointer { out in
            x.elements.withUnsafeBufferPointer { a in
                y.elements.withUnsafeBufferPointer { b in
                    for i in 0..<m {
                        for l in 0..<k {
                            let s = a[i * k + l]
                            for j in 0..<n { out[i * n + j] += s * b[l * n + j] }
                        }
                    }
                }
            }
        }
        switch (x.rank, y.rank) {
        case (1, 1): return .number(out[0])
        case (2, 2): return resultKind(x, y, rank: 2).value(rows: m, columns: n, elements: out)
        default: return .list(out.map(Value.number))
        }
    }
}

/// An array of `count` numbers that `fill` writes, every one of them, without zeroing them first
/// (a second pass over memory that would cost as much as the arithmetic).
func uninitialized(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
        fill(buffer)
        initialized = count
    }
}

private extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
