/// The array builtins of the core library (help topic "arrays"): norms, arg-extremes, running sums,
/// products, transposition, and the element-wise comparisons that make masks.
///
/// An array is a number, a list of numbers (a vector), a list of rows or a Dataset (a matrix). A
/// reduction of a matrix gives one value per column (axis 0), or per row with `axis: 1`, as a list.
/// A result is a Dataset when a Dataset is involved, else a list (or a list of rows).
enum ArrayBuiltins {
    static var functions: [Function] {
        [norm, arg("argmin", largest: false), arg("argmax", largest: true), cumsum, dot, transpose, outer]
            + comparisons
    }

    static let norm = Function(
        name: "norm", parameters: [Parameter("x"), Parameter("axis", default: .nil)],
        doc: """
        norm(x, axis: nil): the Euclidean length of a vector, sqrt(sum of the squares). Of a Dataset or
        a list of rows, the norm of each column, as a list, as every reduction does (axis: 1, of each
        row: the lengths of the points). NumPy's norm of a whole matrix (Frobenius) is norm(norm(d)).

            norm([3, 4])                        # 5
            norm([[3, 4], [6, 8]], axis: 1)     # [5, 10]
        """
    ) { args in
        let x = try args.array("x")
        return x.reduce(axis: try args.axis(of: x, arrayName: "x"), LaneMath.norm)
    }

    static func arg(_ name: String, largest: Bool) -> Function {
        let what = largest ? "largest" : "smallest"
        return Function(
            name: name, parameters: [Parameter("x"), Parameter("axis", default: .nil)],
            doc: """
            \(name)(x, axis: nil): the index (from 0) of the first \(what) element of a list (a nan counts
            as the \(what), as in NumPy). Of a Dataset or a list of rows, the row index of the \(what)
            in each column, as a list (axis: 1, the column index in each row).

                \(name)([3, 1, 4, 1])                    # \(largest ? 2 : 1)
                \(name)([[1, 5], [4, 2]])                # \(largest ? "[1, 0]" : "[0, 1]")
                \(name)([[1, 5], [4, 2]], axis: 1)       # \(largest ? "[1, 0]" : "[0, 1]")
            """
        ) { args in
            let x = try args.array("x")
            let axis = try args.axis(of: x, arrayName: "x")
            try MathBuiltins.requireLanes(args, x, axis: axis, minimum: 1, argument: "x")
            return x.reduce(axis: axis) { Double(LaneMath.argExtreme($0, largest: largest)) }
        }
    }

    static let cumsum = Function(
        name: "cumsum", parameters: [Parameter("x"), Parameter("axis", default: .nil)],
        doc: """
        cumsum(x, axis: nil): the running sums of a list: element i is x[0] + ... + x[i]. Of a Dataset
        or a list of rows, the running sums down each column, of the same kind and shape (axis: 1,
        along each row).

            cumsum([1, 2, 3, 4])                  # [1, 3, 6, 10]
            cumsum([[1, 2], [3, 4]])              # [[1, 2], [4, 6]]
            cumsum([[1, 2], [3, 4]], axis: 1)     # [[1, 3], [3, 7]]
        """
    ) { args in
        let x = try args.array("x")
        let axis = try args.axis(of: x, arrayName: "x")
        var out = x.elements
        if x.rank < 2 {
            for i in out.indices.dropFirst() { out[i] += out[i - 1] }
            return out.isEmpty ? .list([]) : .numbers(out)
        }
        if axis == 1 {
            for i in 0..<x.rows {
                for j in 1..<x.columns { out[i * x.columns + j] += out[i * x.columns + j - 1] }
            }
        } else {
            for k in x.columns..<max(x.columns, out.count) { out[k] += out[k - x.columns] }
        }
        return x.value(rows: x.rows, columns: x.columns, elements: out)
    }

    static let dot = Function(
        name: "dot", parameters: [Parameter("a"), Parameter("b")],
        doc: """
        dot(a, b): the product of vectors and matrices (a vector is a list of numbers, a matrix a list
        of rows or a Dataset): vector · vector is a number (the sum of a[i]·b[i]), matrix · vector a
        vector (one number per row), vector · matrix a vector, matrix · matrix a matrix. a's columns
        must match b's rows. A vector in gives a vector out (a list); two matrices give a Dataset when a
        Dataset is involved, else a list of rows. The same as a @ b.

            dot([1, 2, 3], [4, 5, 6])              # 32
            dot([[1, 2], [3, 4]], [1, 1])          # [3, 7]
            dot([[1, 2], [3, 4]], [[0, 1], [1, 0]])  # [[2, 1], [4, 3]]
        """
    ) { args in
        let a = try args.array("a"), b = try args.array("b")
        for (name, x) in [("a", a), ("b", b)] where x.rank == 0 {
            throw NativeError("dot(): \(name) must be a vector or a matrix, not a number", argument: name,
                              hint: "to scale by a number, multiply with *")
        }
        guard let product = MatrixProduct(a, b) else {
            throw NativeError("dot(): the shapes do not fit: \(MatrixProduct.mismatch(a, b))", argument: "b",
                              hint: "a's columns (its length, for a list) must equal b's rows (its length)")
        }
        try args.checkElementCount(product.count, argument: "b")
        return product.value(try product.elements(check: args.context.checkInterrupt))
    }

    static let transpose = Function(
        name: "transpose", parameters: [Parameter("m")],
        doc: """
        transpose(m): the rows of a matrix as its columns: an r×c list of rows or Dataset becomes a
        c×r one of the same kind. A list of numbers has no rows to turn: make it a column with
        dataset(xs) (n×1) first.

            transpose([[1, 2, 3], [4, 5, 6]])      # [[1, 4], [2, 5], [3, 6]]
        """
    ) { args in
        let m = try args.array("m")
        guard m.rank == 2 else {
            throw NativeError("transpose(): m must be a matrix (a list of rows or a Dataset), not a \(m.shapeDescription)",
                              argument: "m", hint: m.rank == 1 ? "dataset(xs) makes an n×1 Dataset of a list" : nil)
        }
        let (r, c) = (m.rows, m.columns)
        let out = [Double](unsafeUninitializedCapacity: r * c) { buffer, count in
            m.elements.withUnsafeBufferPointer { x in
                for i in 0..<r {
                    for j in 0..<c { buffer[j * r + i] = x[i * c + j] }
                }
            }
            count = r * c
        }
        return m.value(rows: c, columns: r, elements: out)
    }

    static let outer = Function(
        name: "outer", parameters: [Parameter("a"), Parameter("b")],
        doc: """
        outer(a, b): the table of products a[i]·b[j]: row i is a[i] times b. a and b are vectors (a
        matrix counts by all its numbers, row by row, as in NumPy). The result has len(a) rows and
        len(b) columns: a Dataset when a or b is a Dataset, else a list of rows.

            outer([1, 2], [1, 10, 100])            # [[1, 10, 100], [2, 20, 200]]
        """
    ) { args in
        let a = try args.array("a"), b = try args.array("b")
        let xs = a.elements, ys = b.elements
        let (count, overflow) = xs.count.multipliedReportingOverflow(by: ys.count)
        try args.checkElementCount(overflow ? Int.max : count, argument: "b")
        guard count > 0 else {
            throw NativeError("outer(): \(xs.isEmpty ? "a" : "b") is empty; a table needs at least one row and one column",
                              argument: xs.isEmpty ? "a" : "b")
        }
        var out = [Double]()
        out.reserveCapacity(count)
        for x in xs { for y in ys { out.append(x * y) } }
        let kind = a.isMatrix ? a : (b.isMatrix ? b : nil)
        if let kind { return kind.value(rows: xs.count, columns: ys.count, elements: out) }
        return NumericArray.rowList(rows: xs.count, columns: ys.count, elements: out)
    }

    // MARK: Comparisons

    /// less, greater, less_equal, greater_equal, equal, not_equal: element-wise, with broadcasting.
    static var comparisons: [Function] {
        [
            comparison("less", "<", "a < b", example: "less([1, 5, 3], 3)    # [true, false, false]", <),
            comparison("greater", ">", "a > b", example: "greater([1, 5, 3], [0, 5, 4])    # [true, false, false]", >),
            comparison("less_equal", "<=", "a <= b", example: "less_equal([1, 5, 3], 3)    # [true, false, true]", <=),
            comparison("greater_equal", ">=", "a >= b", example: "greater_equal(3, [1, 5, 3])    # [true, false, true]", >=),
            comparison("equal", "==", "a == b", example: "equal([1, 2, 0 / 0], [1, 3, 0 / 0])    # [true, false, false]", ==),
            comparison("not_equal", "!=", "a != b", example: "not_equal([1, 2], 1)    # [false, true]", !=),
        ]
    }

    static func comparison(_ name: String, _ symbol: String, _ what: String, example: String,
                           _ test: @escaping (Double, Double) -> Bool) -> Function {
        let wholeValues = symbol == "==" || symbol == "!="
            ? "`\(symbol)` compares whole values instead."
            : "`\(symbol)` compares two numbers or two strings only."
        return Function(
            name: name, parameters: [Parameter("a"), Parameter("b")],
            doc: """
            \(name)(a, b): \(what), element by element, as bools: a mask. a and b are numbers, lists, lists
            of rows or Datasets of one shape, or a number with any of them, or a list of d numbers with
            the rows of a d-column matrix. Of an n×1 Dataset the result is a list of n bools, one per row,
            which d[mask] uses to select rows; of a wider one, a list of n rows of bools. As in IEEE 754,
            a comparison with nan is false (not_equal: true). \(wholeValues)

                \(example)
            """
        ) { args in
            let a = try args.array("a"), b = try args.array("b")
            guard let pairs = Broadcast(a, b) else {
                throw NativeError("\(name)(): cannot compare \(a.shapeDescription) and \(b.shapeDescription)",
                                  argument: "b", hint: broadcastHint(a, b))
            }
            return pairs.bools(pairs.map { .bool(test($0, $1)) })
        }
    }

    /// Advice for two shapes that do not broadcast.
    static func broadcastHint(_ a: NumericArray, _ b: NumericArray) -> String? {
        let (matrix, list) = a.rank == 2 && b.rank == 1 ? (a, b) : (b.rank == 2 && a.rank == 1 ? (b, a) : (a, a))
        if matrix.rank == 2 && list.rank == 1 {
            return "a list goes with every row, so it needs one number per column (\(matrix.columns)); for one number per row, use an n×1 Dataset: dataset(xs)"
        }
        return "the shapes must be equal, or one a number, or one a row or column of the other"
    }
}
