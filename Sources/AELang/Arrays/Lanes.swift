/// `count` numbers of an array, `stride` apart: a column or a row of a row-major matrix, or all the
/// numbers of a list. Reductions (`sum`, `median`, `argmax` ...) run over lanes. A lane points into
/// the array's storage: it is valid only inside the closure ``NumericArray/reduce(axis:_:)`` passes
/// it to.
public struct Lane: RandomAccessCollection {
    /// The first number (nil only for an empty array).
    public let base: UnsafePointer<Double>?
    public let count: Int
    public let stride: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    @inlinable public subscript(i: Int) -> Double { base.unsafelyUnwrapped[i * stride] }
}

extension NumericArray {
    /// A reduction's result: `f` of all the numbers of a number or a list, as a number; for a 2-D
    /// array, a list with `f` of each column (axis 0 or nil, NumPy's default for a matrix here) or
    /// of each row (axis 1).
    public func reduce(axis: Int?, _ f: (Lane) throws -> Double) rethrows -> Value {
        try elements.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress
            if rank < 2 { return .number(try f(Lane(base: base, count: buffer.count, stride: 1))) }
            let (lanes, length, step, stride) = axis == 1 ? (rows, columns, columns, 1) : (columns, rows, 1, columns)
            var out = [Double]()
            out.reserveCapacity(lanes)
            for k in 0..<lanes {
                out.append(try f(Lane(base: base.map { $0 + k * step }, count: length, stride: stride)))
            }
            return .numbers(out)
        }
    }

    /// How many numbers each lane of a reduction has, and what they are, for messages:
    /// (3, "numbers"), (1000, "rows"), (2, "columns").
    public func laneLength(axis: Int?) -> (count: Int, unit: String) {
        if rank < 2 { return (elements.count, "numbers") }
        return axis == 1 ? (columns, "columns") : (rows, "rows")
    }
}

/// The reductions over one lane, shared by the builtins that reduce.
public enum LaneMath {
    /// The sum; of contiguous numbers by NumPy's pairwise summation (so the same to the last bit, and
    /// with an error growing as log n rather than n), else from the first to the last.
    public static func sum(_ xs: Lane) -> Double {
        if xs.count == 0 { return 0 }
        if xs.stride == 1 { return pairwiseSum(xs.base!, xs.count) }
        var total = 0.0
        for x in xs { total += x }
        return total
    }

    /// NumPy's `pairwise_sum`: below 8 numbers a plain sum; up to 128, eight running sums added in a
    /// tree; above, the two halves (split at a multiple of 8) summed alike and added.
    static func pairwiseSum(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
        if n < 8 {
            var total = 0.0
            for i in 0..<n { total += a[i] }
            return total
        }
        if n <= 128 {
            var r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7]
            var i = 8
            while i < n - n % 8 {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3]
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7]
                i += 8
            }
            var total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n { total += a[i]; i += 1 }
            return total
        }
        let half = n / 2 - (n / 2) % 8
        return pairwiseSum(a, half) + pairwiseSum(a + half, n - half)
    }

    public static func mean(_ xs: Lane) -> Double { sum(xs) / Double(xs.count) }

    /// The sample standard deviation (n - 1), in two passes.
    public static func sd(_ xs: Lane) -> Double {
        let m = mean(xs)
        var squares = 0.0
        for x in xs { squares += (x - m) * (x - m) }
        return (squares / Double(xs.count - 1)).squareRoot()
    }

    /// The middle value, or the mean of the two middle values; nan when there is a nan. By selection
    /// (as NumPy's partition), not by sorting.
    public static func median(_ xs: Lane) -> Double {
        if xs.contains(where: \.isNaN) { return .nan }
        var a = Array(xs)
        let n = a.count, k = n / 2
        let upper = select(&a, k)
        if n % 2 == 1 { return upper }
        // After the selection a[0..<k] holds the k smallest numbers: the largest of them is the other middle.
        return (a[0..<k].max()! + upper) / 2
    }

    /// The k-th smallest of `a` (from 0), by Hoare's quickselect with a median-of-three pivot; `a` is
    /// reordered so that a[0..<k] <= a[k] <= a[(k+1)...]. No nan.
    static func select(_ a: inout [Double], _ k: Int) -> Double {
        a.withUnsafeMutableBufferPointer { a in
            var lo = 0, hi = a.count - 1
            while hi > lo {
                let mid = lo + (hi - lo) / 2
                if a[mid] < a[lo] { a.swapAt(mid, lo) }
                if a[hi] < a[lo] { a.swapAt(hi, lo) }
                if a[hi] < a[mid] { a.swapAt(hi, mid) }
                let pivot = a[mid]
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while pivot < a[j] { j -= 1 }
                    if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                }
                // a[lo...j] <= pivot <= a[i...hi], and a[j+1..<i] == pivot.
                if k <= j { hi = j } else if k >= i { lo = i } else { break }
            }
            return a[k]
        }
    }

    /// The Euclidean norm: the square root of the sum of squares.
    public static func norm(_ xs: Lane) -> Double {
        var squares = 0.0
        for x in xs { squares += x * x }
        return squares.squareRoot()
    }

    /// The index of the first smallest (`largest: false`) or largest element; a nan counts as the
    /// extreme, as in NumPy. Needs at least one element.
    public static func argExtreme(_ xs: Lane, largest: Bool) -> Int {
        var best = 0
        var value = xs[0]
        if value.isNaN { return 0 }
        for i in 1..<xs.count {
            let x = xs[i]
            if x.isNaN { return i }
            if largest ? x > value : x < value { best = i; value = x }
        }
        return best
    }

    /// The smallest or largest element; nan when there is a nan. Needs at least one element.
    public static func extreme(_ xs: Lane, largest: Bool) -> Double {
        xs[argExtreme(xs, largest: largest)]
    }
}
