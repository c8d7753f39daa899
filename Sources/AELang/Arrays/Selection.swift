/// One entry inside brackets, evaluated: an index value (a number, a list of indices, a mask) or a
/// slice with its optional bounds.
enum SubscriptValue {
    case index(Value)
    case slice(start: Value, stop: Value, step: Value)
}

/// The positions of a sequence that one subscript picks: one element, an evenly spaced run (a slice),
/// or a list of positions (from a list of indices or a mask).
enum Selection {
    case one(Int)
    case strided(start: Int, step: Int, count: Int)
    case positions([Int])

    var count: Int {
        switch self {
        case .one: return 1
        case .strided(_, _, let count): return count
        case .positions(let p): return p.count
        }
    }

    /// True for `.one`: the result drops this dimension (`d[0, :]` is a list, not a Dataset).
    var isOne: Bool {
        if case .one = self { return true }
        return false
    }

    @inline(__always)
    func position(_ k: Int) -> Int {
        switch self {
        case .one(let i): return i
        case .strided(let start, let step, _): return start + k * step
        case .positions(let p): return p[k]
        }
    }

    /// Calls `body` with each picked position, in order.
    @inline(__always)
    func forEach(_ body: (Int) throws -> Void) rethrows {
        switch self {
        case .one(let i): try body(i)
        case .strided(let start, let step, let count):
            var i = start
            for _ in 0..<count { try body(i); i += step }
        case .positions(let p): for i in p { try body(i) }
        }
    }

    /// `entry` over `count` elements of the kind `indexing` names in messages.
    static func of(_ entry: SubscriptValue, count: Int, _ indexing: Indexing) throws -> Selection {
        switch entry {
        case .slice(let start, let stop, let step):
            return try slice(start, stop, step, count: count)
        case .index(.number(let x)):
            return .one(try indexing.position(x, count: count))
        case .index(.numbers(let xs)):
            return .positions(try xs.map { try indexing.position($0, count: count) })
        case .index(.list(let items)):
            if case .bool? = items.first {
                guard items.count == count else {
                    throw NativeError("a mask of \(items.count) bools for \(indexing.described(count))",
                                      hint: "a mask has one true or false per element")
                }
                var picked: [Int] = []
                for (i, item) in items.enumerated() {
                    guard case .bool(let keep) = item else {
                        throw NativeError("a mask must hold only bools; element \(i) is \(withArticle(item.typeName))")
                    }
                    if keep { picked.append(i) }
                }
                return .positions(picked)
            }
            return .positions(try items.enumerated().map { i, item in
                guard case .number(let x) = item else {
                    throw NativeError("a list of indices must hold only numbers; element \(i) is \(withArticle(item.typeName))")
                }
                return try indexing.position(x, count: count)
            })
        case .index(let other):
            throw NativeError("\(withArticle(indexing.container)) index must be a number, a slice a:b, a list of indices or a mask, not \(other.typeName)")
        }
    }

    /// Python's slice rules: bounds may be negative (from the end) or past the ends (clamped); a
    /// negative step walks backwards, from the end by default.
    static func slice(_ start: Value, _ stop: Value, _ step: Value, count n: Int) throws -> Selection {
        func bound(_ value: Value, _ name: String) throws -> Int? {
            switch value {
            case .nil: return nil
            case .number(let x) where x == x.rounded() && abs(x) < 1e15: return Int(x)
            // Past any length either way (xs[:1e300], xs[-inf:]): clamped like any bound beyond the ends.
            case .number(let x) where x.isInfinite || (x == x.rounded() && abs(x) >= 1e15): return x > 0 ? 1 << 60 : -(1 << 60)
            case .number(let x): throw NativeError("a slice's \(name) must be a whole number, got \(formatNumber(x))")
            default: throw NativeError("a slice's \(name) must be a number, not \(value.typeName)")
            }
        }
        let step = try bound(step, "step") ?? 1
        guard step != 0 else { throw NativeError("a slice's step cannot be 0") }
        func clamp(_ i: Int?, _ byDefault: Int, _ low: Int, _ high: Int) -> Int {
            guard var i else { return byDefault }
            if i < 0 { i += n }
            return Swift.min(Swift.max(i, low), high)
        }
        let first: Int, end: Int, count: Int
        if step > 0 {
            first = clamp(try bound(start, "start"), 0, 0, n)
            end = clamp(try bound(stop, "stop"), n, 0, n)
            count = end > first ? (end - first + step - 1) / step : 0
        } else {
            first = clamp(try bound(start, "start"), n - 1, -1, n - 1)
            end = clamp(try bound(stop, "stop"), -1, -1, n - 1)
            count = first > end ? (first - end - step - 1) / -step : 0
        }
        return .strided(start: first, step: step, count: count)
    }
}

extension Runtime {
    /// `base[s]` or `base[s, t]` for anything but one plain index (which `index` handles).
    func select(_ base: Value, _ subscripts: [SubscriptValue], _ file: SourceFile, _ location: SourceLocation) throws -> Value {
        do {
            switch base {
            case .list(let items):
                let rows = try Selection.of(subscripts[0], count: items.count, Indexing.listElements)
                guard subscripts.count == 2 else { return gather(items, rows) }
                if case .one(let i) = rows { return try select(items[i], [subscripts[1]], file, location) }
                var picked: [Value] = []
                picked.reserveCapacity(rows.count)
                try rows.forEach { picked.append(try select(items[$0], [subscripts[1]], file, location)) }
                return .list(picked)
            case .numbers(let xs) where subscripts.count == 1:
                let picked = try Selection.of(subscripts[0], count: xs.count, Indexing.listElements)
                if case .one(let i) = picked { return .number(xs[i]) }
                var out: [Double] = []
                out.reserveCapacity(picked.count)
                xs.withUnsafeBufferPointer { xs in picked.forEach { out.append(xs[$0]) } }
                return out.isEmpty ? .list([]) : .numbers(out)
            case .numbers(let xs):
                return try select(.list(xs.map(Value.number)), subscripts, file, location)
            case .string(let s):
                guard subscripts.count == 1 else { throw NativeError("a string takes one index, not two") }
                let characters = Array(s)
                let picked = try Selection.of(subscripts[0], count: characters.count, Indexing.characters)
                var text = ""
                picked.forEach { text.append(characters[$0]) }
                return .string(text)
            case .object(let matrix as any NumericMatrix):
                return try select(matrix, subscripts)
            default:
                if subscripts.count == 2 { throw NativeError("cannot index \(base.typeName.withArticle) with two indices") }
                throw NativeError("cannot slice \(base.typeName.withArticle)")
            }
        } catch let error as NativeError {
            throw typeError(error.message, file, location, hint: error.hint)
        }
    }

    private func gather(_ items: [Value], _ selection: Selection) -> Value {
        if case .one(let i) = selection { return items[i] }
        var picked: [Value] = []
        picked.reserveCapacity(selection.count)
        selection.forEach { picked.append(items[$0]) }
        return .list(picked)
    }

    /// Rows (and columns) of a host matrix: a number, a row or column as a list, or a matrix.
    private func select(_ matrix: any NumericMatrix, _ subscripts: [SubscriptValue]) throws -> Value {
        let kind = type(of: matrix).typeName
        let rows = try Selection.of(subscripts[0], count: matrix.rows, Indexing(kind, of: "row"))
        let columns = subscripts.count == 2
            ? try Selection.of(subscripts[1], count: matrix.columns, Indexing(kind, of: "column"))
            : .strided(start: 0, step: 1, count: matrix.columns)
        let width = matrix.columns
        let elements = matrix.elements
        let picked = uninitialized(rows.count * columns.count) { out in
            elements.withUnsafeBufferPointer { source in
                var k = 0
                if case .strided(let start, let step, let count) = rows, width == 1, columns.count == 1 {
                    // A column's elements are evenly spaced in memory too: one strided loop.
                    for r in 0..<count { out[r] = source[start + r * step] }
                } else if case .strided(let first, 1, let count) = columns {
                    rows.forEach { i in
                        let row = i * width + first
                        for j in 0..<count { out[k + j] = source[row + j] }
                        k += count
                    }
                } else {
                    rows.forEach { i in columns.forEach { j in out[k] = source[i * width + j]; k += 1 } }
                }
            }
        }
        switch (rows.isOne, columns.isOne) {
        case (true, true): return .number(picked[0])
        case (true, false), (false, true): return picked.isEmpty ? .list([]) : .numbers(picked)
        case (false, false):
            guard columns.count > 0 else {
                throw NativeError("no columns selected: a \(kind) has at least one column")
            }
            return matrix.make(rows: rows.count, columns: columns.count, elements: picked)
        }
    }
}

extension Runtime {
    /// `target[s] = value` or `target[s, t] = value`, in place (the variable's value changes, no other).
    /// A slice of a list with step 1 may be replaced by a list of another length; elsewhere a list
    /// gives one value per picked element and anything else is given to every picked element.
    func assignSelected(_ target: inout Value, _ subscripts: [SubscriptValue], _ value: Value,
                        _ file: SourceFile, _ location: SourceLocation) throws {
        do {
            switch target {
            case .numbers(let xs):
                // Through the general form, packed again when only numbers remain.
                var items = Value.list(xs.map(Value.number))
                target = .nil
                defer { if case .list(let all) = items { target = .packing(all) } else { target = items } }
                try assignSelected(&items, subscripts, value, file, location)
            case .list(var items):
                let rows = try Selection.of(subscripts[0], count: items.count, Indexing.listElements)
                target = .nil
                defer { target = .list(items) }
                if subscripts.count == 2 {
                    if case .one(let i) = rows {
                        return try assignSelected(&items[i], [subscripts[1]], value, file, location)
                    }
                    let parts = try spread(value, over: rows.count)
                    var k = 0
                    try rows.forEach { i in
                        try assignSelected(&items[i], [subscripts[1]], parts(k), file, location)
                        k += 1
                    }
                    return
                }
                switch rows {
                case .one(let i):
                    items[i] = value
                case .strided(let start, 1, let count):
                    if let replacement = value.listItems {
                        try checkSize(items.count - count + replacement.count, file, location)
                        items.replaceSubrange(start ..< start + count, with: replacement)
                    } else {
                        for i in start ..< start + count { items[i] = value }
                    }
                default:
                    let parts = try spread(value, over: rows.count)
                    var k = 0
                    rows.forEach { i in items[i] = parts(k); k += 1 }
                }
            case .object(let matrix as any NumericMatrix):
                target = try assignSelected(matrix, subscripts, value)
            case .string:
                throw NativeError("strings cannot be changed in place", hint: "build a new string, e.g. with ++ or \"{...}\"")
            default:
                throw NativeError("cannot assign into \(target.typeName.withArticle) by index")
            }
        } catch let error as NativeError {
            throw typeError(error.message, file, location, hint: error.hint)
        }
    }

    /// The k-th part of `value` for `count` picked elements: its elements when it is a list of that
    /// length, itself for every k when it is not a list.
    private func spread(_ value: Value, over count: Int) throws -> (Int) -> Value {
        guard let items = value.listItems else { return { _ in value } }
        guard items.count == count else {
            throw NativeError("cannot assign a list of \(items.count) to \(count) selected elements",
                              hint: "give one value per selected element, or a single value for all")
        }
        return { items[$0] }
    }

    /// A copy of `matrix` with the selected elements replaced: numbers, rows, columns or a block.
    private func assignSelected(_ matrix: any NumericMatrix, _ subscripts: [SubscriptValue], _ value: Value) throws -> Value {
        let kind = type(of: matrix).typeName
        let rows = try Selection.of(subscripts[0], count: matrix.rows, Indexing(kind, of: "row"))
        let columns = subscripts.count == 2
            ? try Selection.of(subscripts[1], count: matrix.columns, Indexing(kind, of: "column"))
            : .strided(start: 0, step: 1, count: matrix.columns)
        guard let source = NumericArray(value) else {
            throw NativeError("cannot assign \(value.typeName.withArticle) into a \(kind)",
                              hint: NumericArray.shapeProblem(value).map { "it is not numbers: \($0)" })
        }
        // The shape the selection has as a value: what `d[s, t]` would return.
        let (height, width) = (rows.count, columns.count)
        let fits: Bool
        var rowStride = width
        switch source.rank {
        case 0:
            fits = true
            rowStride = 0
        case 1:
            if rows.isOne || columns.isOne {
                fits = source.rows == height * width
            } else {
                fits = source.rows == width      // one row for every selected row
                rowStride = 0
            }
        default:
            fits = source.rows == height && source.columns == width
        }
        guard fits else {
            let shape = rows.isOne || columns.isOne ? "\(height * width) selected elements"
                                                    : "\(height) rows × \(width) columns"
            throw NativeError("cannot assign \(source.shapeDescription) to \(shape) of a \(kind) \(matrix.rows)×\(matrix.columns)")
        }
        var elements = matrix.elements
        let stride = matrix.columns
        let values = source.elements
        var r = 0
        rows.forEach { i in
            var c = 0
            columns.forEach { j in
                elements[i * stride + j] = values[source.rank == 0 ? 0 : r * rowStride + c]
                c += 1
            }
            r += 1
        }
        return matrix.make(rows: matrix.rows, columns: matrix.columns, elements: elements)
    }
}

/// An array of `count` numbers that `fill` writes, every one of them, without zeroing them first
/// (a second pass over memory that would cost as much as the arithmetic).
private func uninitialized(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
        fill(buffer)
        initialized = count
    }
}
