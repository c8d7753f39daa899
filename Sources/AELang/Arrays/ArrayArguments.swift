/// Reading the arguments of the array builtins: an array (``NumericArray``), an `axis:`, and results
/// of bools or of one number per lane.
extension Arguments {
    /// The argument as an array: a number, a list of numbers, a list of rows of equal length, or a
    /// Dataset (any ``NumericMatrix``).
    public func array(_ name: String) throws -> NumericArray {
        let value = self[name]
        if let array = NumericArray(value) { return array }
        if case .list = value, let problem = NumericArray.shapeProblem(value) {
            throw NativeError("\(function.name)(): \(name) must be a list of numbers or of rows of numbers of one length; \(problem)",
                              argument: name)
        }
        throw mismatch(name, expected: "a number, a list of numbers or of rows, or a Dataset")
    }

    /// The `axis:` argument of a reduction over `array`: nil when left out; 0 (down the columns, one
    /// value per column) or 1 (along the rows, one value per row). A 1-D array has only axis 0.
    public func axis(_ name: String = "axis", of array: NumericArray, arrayName: String) throws -> Int? {
        if isNil(name) { return nil }
        let axis = try int(name)
        guard axis == 0 || axis == 1 else {
            throw NativeError("\(function.name)(): \(name) must be 0 (one value per column) or 1 (one value per row), got \(axis)",
                              argument: name)
        }
        if axis == 1 && array.rank < 2 {
            throw NativeError("\(function.name)(): axis 1 needs rows (a Dataset or a list of rows); \(arrayName) is a \(array.shapeDescription)",
                              argument: name)
        }
        return axis
    }

    /// Refuses, before allocating, a result of more than `maxElements` numbers.
    public func checkElementCount(_ count: Int, argument: String? = nil) throws {
        let limit = context.options.maxElements
        guard count > limit else { return }
        throw NativeError("\(function.name)(): a result of \(count) elements exceeds the size limit (\(limit))",
                          argument: argument, hint: "the engine's element limit (EngineOptions.maxElements) is \(limit)")
    }
}

extension NumericArray {
    /// Bools (`.bool` values), one per element, in this array's shape: a bool for a number, a list for
    /// a list, a list of rows for a list of rows. A Dataset cannot hold bools: an n×1 Dataset gives a
    /// list of n bools (a mask of its rows), a wider one a list of n rows of bools.
    public func bools(_ flags: [Value]) -> Value {
        switch source {
        case .number where flags.count == 1: return flags[0]
        case .number, .list: return .list(flags)
        case .matrix where columns == 1: return .list(flags)
        case .rowList, .matrix:
            return .list((0..<rows).map { i in .list(Array(flags[i * columns ..< (i + 1) * columns])) })
        }
    }

    /// `f` of each element, in this array's shape and kind (a Dataset for a Dataset).
    public func map(_ f: (Double) -> Double) -> Value {
        value(rows: rows, columns: columns, elements: NumericArray.map(elements, f))
    }

    /// `f` of each element of `xs`: one tight loop over contiguous memory.
    @inlinable
    public static func map(_ xs: [Double], _ f: (Double) -> Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: xs.count) { out, count in
            xs.withUnsafeBufferPointer { source in
                for i in 0..<source.count { out[i] = f(source[i]) }
            }
            count = xs.count
        }
    }

    /// `f` of each element of `xs`, four at a time: for functions whose scalar form would branch on
    /// each element (`sign`, `clamp`: a random sign mispredicts half the time). The tail is padded
    /// with zeros.
    @inlinable
    public static func mapSIMD(_ xs: [Double], _ f: (SIMD4<Double>) -> SIMD4<Double>) -> [Double] {
        let n = xs.count
        return [Double](unsafeUninitializedCapacity: n) { out, count in
            xs.withUnsafeBufferPointer { x in
                var i = 0
                while i + 4 <= n {
                    let v = f(UnsafeRawPointer(x.baseAddress! + i).loadUnaligned(as: SIMD4<Double>.self))
                    UnsafeMutableRawPointer(out.baseAddress! + i).storeBytes(of: v, as: SIMD4<Double>.self)
                    i += 4
                }
                if i < n {
                    var v = SIMD4<Double>(repeating: 0)
                    for k in 0..<(n - i) { v[k] = x[i + k] }
                    let r = f(v)
                    for k in 0..<(n - i) { out[i + k] = r[k] }
                }
            }
            count = n
        }
    }
}
