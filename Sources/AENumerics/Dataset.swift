/// N points in d dimensions, stored row by row in one contiguous buffer of Doubles.
///
///     var data = Dataset(rows: 3, dim: 2)
///     data[0, 1] = 0.5
///     data.row(0)        // [0.0, 0.5]
public struct Dataset: Equatable {
    public let n: Int
    public let dim: Int
    /// Row-major: element (i, j) is `values[i * dim + j]`.
    public var values: [Double]

    public init(rows n: Int, dim: Int, repeating value: Double = 0) {
        precondition(n >= 0 && dim >= 1)
        self.n = n
        self.dim = dim
        self.values = [Double](repeating: value, count: n * dim)
    }

    public init(rows n: Int, dim: Int, values: [Double]) {
        precondition(n >= 0 && dim >= 1 && values.count == n * dim)
        self.n = n
        self.dim = dim
        self.values = values
    }

    /// A dataset from a list of rows of equal length (at least one row).
    public init(rows: [[Double]]) {
        precondition(!rows.isEmpty && rows.allSatisfy { $0.count == rows[0].count })
        self.init(rows: rows.count, dim: rows[0].count, values: rows.flatMap { $0 })
    }

    public subscript(i: Int, j: Int) -> Double {
        get { values[i * dim + j] }
        set { values[i * dim + j] = newValue }
    }

    public func row(_ i: Int) -> [Double] {
        Array(values[i * dim ..< (i + 1) * dim])
    }

    public mutating func setRow(_ i: Int, _ row: [Double]) {
        precondition(row.count == dim)
        values.replaceSubrange(i * dim ..< (i + 1) * dim, with: row)
    }

    /// Rows `range` as a new dataset.
    public func rows(_ range: Range<Int>) -> Dataset {
        Dataset(rows: range.count, dim: dim, values: Array(values[range.lowerBound * dim ..< range.upperBound * dim]))
    }

    /// The given rows, in the given order.
    public func rows(_ indices: [Int]) -> Dataset {
        var out = [Double]()
        out.reserveCapacity(indices.count * dim)
        for i in indices { out.append(contentsOf: values[i * dim ..< (i + 1) * dim]) }
        return Dataset(rows: indices.count, dim: dim, values: out)
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] {
        (0..<n).map { values[$0 * dim + j] }
    }

    /// The mean of each column.
    public var mean: [Double] {
        var m = [Double](repeating: 0, count: dim)
        for i in 0..<n { for j in 0..<dim { m[j] += values[i * dim + j] } }
        return m.map { $0 / Double(max(n, 1)) }
    }

    /// The sample covariance (divisor n − 1), d × d, row-major.
    public var covariance: [[Double]] {
        let m = mean
        var c = [[Double]](repeating: [Double](repeating: 0, count: dim), count: dim)
        for i in 0..<n {
            for a in 0..<dim {
                let da = values[i * dim + a] - m[a]
                for b in a..<dim { c[a][b] += da * (values[i * dim + b] - m[b]) }
            }
        }
        let denominator = Double(max(n - 1, 1))
        for a in 0..<dim { for b in a..<dim { c[a][b] /= denominator; c[b][a] = c[a][b] } }
        return c
    }

    /// True when every value is finite.
    public var isFinite: Bool { values.allSatisfy { $0.isFinite } }
}
