/// The matrix product of two arrays (what `dot(a, b)` computes): vector · vector is a number,
/// matrix · vector and vector · matrix a vector, matrix · matrix a matrix. A vector is a list of
/// numbers; a matrix a list of rows or a Dataset.
///
/// A vector in gives a vector out (an r×k Dataset times a list of k is a list of r); two matrices give
/// a Dataset when a Dataset is involved, else a list of rows.
public struct MatrixProduct {
    public let a: NumericArray
    public let b: NumericArray
    /// The result's rows and columns, and the length of each sum.
    public let rows: Int
    public let columns: Int
    public let inner: Int

    /// The product of `a` and `b`, or nil when a is a number or b is one, or when a's columns (its
    /// length, for a vector) differ from b's rows (its length).
    public init?(_ a: NumericArray, _ b: NumericArray) {
        guard a.rank > 0, b.rank > 0 else { return nil }
        let (rows, inner) = a.rank == 2 ? (a.rows, a.columns) : (1, a.elements.count)
        let (innerB, columns) = b.rank == 2 ? (b.rows, b.columns) : (b.elements.count, 1)
        guard inner == innerB else { return nil }
        self.a = a
        self.b = b
        self.rows = rows
        self.columns = columns
        self.inner = inner
    }

    /// The shape mismatch in words, for the error when ``init(_:_:)`` failed on two arrays:
    /// "Dataset 100×2 has 2 columns, list of 3 has 3 numbers".
    public static func mismatch(_ a: NumericArray, _ b: NumericArray) -> String {
        let left = a.rank == 2 ? "\(a.columns) column\(a.columns == 1 ? "" : "s")" : "\(a.elements.count) number\(a.elements.count == 1 ? "" : "s")"
        let right = b.rank == 2 ? "\(b.rows) row\(b.rows == 1 ? "" : "s")" : "\(b.elements.count) number\(b.elements.count == 1 ? "" : "s")"
        return "\(a.shapeDescription) has \(left), \(b.shapeDescription) has \(right)"
    }

    /// The number of elements of the result.
    public var count: Int { rows * columns }

    /// The result's elements, row-major; `check` runs every million or so multiplications (to stop
    /// on Ctrl-C).
    public func elements(check: () throws -> Void = {}) rethrows -> [Double] {
        var out = [Double](repeating: 0, count: rows * columns)
        let rowWork = max(1, inner * columns)
        var work = 0
        try a.elements.withUnsafeBufferPointer { x in
            try b.elements.withUnsafeBufferPointer { y in
                try out.withUnsafeMutableBufferPointer { z in
                    for i in 0..<rows {
                        work += rowWork
                        if work >= 1 << 20 { work = 0; try check() }
                        let zi = i * columns
                        if columns == 1 {
                            var total = 0.0
                            for p in 0..<inner { total += x[i * inner + p] * y[p] }
                            z[zi] = total
                            continue
                        }
                        for p in 0..<inner {
                            let xip = x[i * inner + p]
                            let yp = p * columns
                            for j in 0..<columns { z[zi + j] += xip * y[yp + j] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The result as a value: a number for vector · vector, a vector (a list) when one side is a
    /// vector, as in NumPy and Julia; for two matrices a Dataset when a Dataset is involved, else a
    /// list of rows.
    public func value(_ elements: [Double]) -> Value {
        if a.rank < 2 && b.rank < 2 { return .number(elements[0]) }
        if a.rank < 2 || b.rank < 2 { return elements.isEmpty ? .list([]) : .numbers(elements) }
        let kind = a.isMatrix ? a : (b.isMatrix ? b : nil)
        if let kind { return kind.value(rows: rows, columns: columns, elements: elements) }
        return NumericArray.rowList(rows: rows, columns: columns, elements: elements)
    }
}
