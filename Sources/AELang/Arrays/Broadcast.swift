/// Two arrays combined element by element, with broadcasting: a number goes with every element; arrays
/// of one shape pair up; a list of d numbers goes with every row of a matrix with d columns; a matrix
/// with one column (n×1) goes with every column of an n×d one (and one row, 1×d, with every row).
/// Unlike NumPy, a row and a column never spread into a table: a list of n against an n×1 Dataset is a
/// shape mismatch, not an n×n result; and a list is never stretched: a list of one number does not
/// go with a list of three (`xs + [x]` is no silent `xs + x`; joining is `++`). The result is of the
/// bigger operand's shape.
public struct Broadcast {
    public let a: NumericArray
    public let b: NumericArray
    /// The result's rank (the larger of the two) and extent: a number is 1×1, a list of k one row 1×k.
    public let rank: Int
    public let rows: Int
    public let columns: Int

    /// The pairing of `a` and `b`, or nil when their shapes do not fit (name both in the message, with
    /// ``NumericArray/shapeDescription``).
    public init?(_ a: NumericArray, _ b: NumericArray) {
        // As rows × columns: a number 1×1, a list of k a row 1×k.
        func extent(_ x: NumericArray) -> (Int, Int) { x.rank == 2 ? (x.rows, x.columns) : (1, x.elements.count) }
        let (ra, ca) = extent(a), (rb, cb) = extent(b)
        func fits(_ r: Int, _ c: Int, rank: Int, into bigR: Int, _ bigC: Int) -> Bool {
            (r == bigR || r == 1) && (c == bigC || (c == 1 && rank != 1))
        }
        let rows: Int, columns: Int
        if fits(rb, cb, rank: b.rank, into: ra, ca) {
            (rows, columns) = (ra, ca)
        } else if fits(ra, ca, rank: a.rank, into: rb, cb) {
            (rows, columns) = (rb, cb)
        } else {
            return nil
        }
        let rank = max(a.rank, b.rank)
        self.a = a
        self.b = b
        self.rank = rank
        self.rows = rows
        self.columns = columns
    }

    /// The number of elements of the result.
    public var count: Int { rows * columns }

    /// `f(a[i], b[i])` for each element of the result, row-major.
    public func map<T>(_ f: (Double, Double) -> T) -> [T] {
        let n = count
        let xs = a.elements, ys = b.elements
        return [T](unsafeUninitializedCapacity: n) { out, initialized in
            xs.withUnsafeBufferPointer { x in
                ys.withUnsafeBufferPointer { y in
                    // Each case its own loop, with no test inside: the simple ones vectorise.
                    if x.count == n && y.count == n {
                        for i in 0..<n { (out.baseAddress! + i).initialize(to: f(x[i], y[i])) }
                    } else if y.count == 1 && x.count == n {
                        let y0 = y[0]
                        for i in 0..<n { (out.baseAddress! + i).initialize(to: f(x[i], y0)) }
                    } else if y.count == 1 && x.count == 1 {
                        for i in 0..<n { (out.baseAddress! + i).initialize(to: f(x[0], y[0])) }
                    } else if x.count == 1 {
                        let x0 = x[0]
                        for i in 0..<n { (out.baseAddress! + i).initialize(to: f(x0, y[i])) }
                    } else {
                        // A row or a column spread over the other operand's matrix.
                        let (ra, ca) = a.rank == 2 ? (a.rows, a.columns) : (1, x.count)
                        let (rb, cb) = b.rank == 2 ? (b.rows, b.columns) : (1, y.count)
                        var k = 0
                        for i in 0..<rows {
                            let ia = (ra == 1 ? 0 : i) * ca, ib = (rb == 1 ? 0 : i) * cb
                            for j in 0..<columns {
                                (out.baseAddress! + k).initialize(to: f(x[ia + (ca == 1 ? 0 : j)], y[ib + (cb == 1 ? 0 : j)]))
                                k += 1
                            }
                        }
                    }
                }
            }
            initialized = n
        }
    }

    /// The operand whose kind the result takes: a matrix (a Dataset) when either is one (`a` first),
    /// else the one of higher rank.
    public var kind: NumericArray {
        if a.isMatrix { return a }
        if b.isMatrix { return b }
        return a.rank >= b.rank ? a : b
    }

    /// Numbers as a result: a Dataset when a Dataset is involved, else a list, a list of rows or a number.
    public func value(_ elements: [Double]) -> Value {
        kind.value(rows: rows, columns: columns, elements: elements)
    }

    /// Bools as a result, in the result's shape (see ``NumericArray/bools(_:)``).
    public func bools(_ flags: [Value]) -> Value {
        NumericArray(source: kind.source, rank: rank, rows: rows, columns: columns, elements: []).bools(flags)
    }
}
