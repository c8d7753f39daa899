/// Arithmetic written over a temporary: `2 * x + 1` on a list of 10^6 numbers makes one array, not
/// two, as NumPy's temporary elision does. A packed list that nothing else holds (the result of
/// `2 * x`, not a variable's list) takes the result of `+ 1` in its own storage: no allocation, no
/// fresh pages to fault in, one pass over memory that is already in the cache's reach.
extension Runtime {
    /// `a op b` written over `a`'s numbers (or `b`'s) when that operand is a packed list that nothing
    /// else holds and the other is a number or a list of the same length. nil when neither operand
    /// qualifies; both are then as they were.
    static func arithmeticInPlace(_ op: BinaryOperator, _ a: inout Value, _ b: inout Value) -> Value? {
        switch op {
        case .add: return inPlace(AddOperation.self, &a, &b)
        case .subtract: return inPlace(SubtractOperation.self, &a, &b)
        case .multiply: return inPlace(MultiplyOperation.self, &a, &b)
        case .divide: return inPlace(DivideOperation.self, &a, &b)
        case .modulo: return inPlace(ModuloOperation.self, &a, &b)
        case .power: return inPlace(PowerOperation.self, &a, &b)
        default: return nil
        }
    }

    private static func inPlace<Op: ArithmeticOperation>(_: Op.Type, _ a: inout Value, _ b: inout Value) -> Value? {
        // A temporary matrix with a number or with a matrix of its own shape.
        if case .number(let y) = b, var taken = a.takeUniqueMatrix() {
            taken.elements.withUnsafeMutableBufferPointer { x in
                for i in x.indices { x[i] = Op.apply(x[i], y) }
            }
            return taken.matrix.make(rows: taken.rows, columns: taken.columns, elements: taken.elements)
        }
        if case .number(let x0) = a, var taken = b.takeUniqueMatrix() {
            taken.elements.withUnsafeMutableBufferPointer { y in
                for i in y.indices { y[i] = Op.apply(x0, y[i]) }
            }
            return taken.matrix.make(rows: taken.rows, columns: taken.columns, elements: taken.elements)
        }
        if case .number(let y) = b, var xs = a.takeUniqueNumbers() {
            xs.withUnsafeMutableBufferPointer { x in
                for i in x.indices { x[i] = Op.apply(x[i], y) }
            }
            return .numbers(xs)
        }
        if case .number(let x0) = a, var ys = b.takeUniqueNumbers() {
            ys.withUnsafeMutableBufferPointer { y in
                for i in y.indices { y[i] = Op.apply(x0, y[i]) }
            }
            return .numbers(ys)
        }
        guard case .numbers(let left) = a, case .numbers(let right) = b, left.count == right.count else { return nil }
        if var xs = a.takeUniqueNumbers() {
            xs.withUnsafeMutableBufferPointer { x in
                right.withUnsafeBufferPointer { y in
                    for i in x.indices { x[i] = Op.apply(x[i], y[i]) }
                }
            }
            return .numbers(xs)
        }
        if var ys = b.takeUniqueNumbers() {
            ys.withUnsafeMutableBufferPointer { y in
                left.withUnsafeBufferPointer { x in
                    for i in y.indices { y[i] = Op.apply(x[i], y[i]) }
                }
            }
            return .numbers(ys)
        }
        return nil
    }
}

extension Value {
    /// The numbers of a packed list that nothing else holds, taken out of this value (which becomes
    /// nil), so that writing them cannot copy; else nil, and the value stays as it was.
    mutating func takeUniqueNumbers() -> [Double]? {
        guard case .numbers(var numbers) = self else { return nil }
        self = .nil
        if numbers.hasUniqueStorage() { return numbers }
        self = .numbers(numbers)
        return nil
    }
}

extension Value {
    /// A host matrix that nothing else holds, with its elements moved out of it (see
    /// ``NumericMatrix/takeElements()``): this value becomes nil. Else nil, and the value stays.
    mutating func takeUniqueMatrix() -> (matrix: any NumericMatrix, rows: Int, columns: Int, elements: [Double])? {
        guard case .object(let object) = self, object is any NumericMatrix else { return nil }
        self = .nil
        var held: AnyObject = consume object
        guard isKnownUniquelyReferenced(&held), let matrix = held as? any NumericMatrix else {
            self = .object(held as! any HostObject)
            return nil
        }
        // Its shape first: taking the elements leaves it empty.
        let (rows, columns) = (matrix.rows, matrix.columns)
        guard let elements = matrix.takeElements() else {
            self = .object(matrix)
            return nil
        }
        return (matrix, rows, columns, elements)
    }
}

extension Array where Element == Double {
    /// True when no other array shares this one's storage, so that writing to it will not copy it
    /// first. (The standard library keeps its own test internal. An array is one reference to its
    /// storage object, which is what `isKnownUniquelyReferenced` is asked about; an empty array's
    /// shared storage never counts as unique.) Only speed depends on it: were it ever wrong, the
    /// array's own copy-on-write would still copy before the first write.
    mutating func hasUniqueStorage() -> Bool {
        guard MemoryLayout<[Double]>.size == MemoryLayout<AnyObject>.size, !isEmpty else { return false }
        return withUnsafeMutablePointer(to: &self) { array in
            array.withMemoryRebound(to: AnyObject.self, capacity: 1) { isKnownUniquelyReferenced(&$0.pointee) }
        }
    }
}
