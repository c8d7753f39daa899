import AELang
import AENumerics

/// Building, slicing and combining datasets in scripts: `dataset`, `rows`, `col`, `concat`, `shuffle`.
extension DataBuiltins {
    // MARK: Building and slicing datasets

    static let dataset = Function(
        name: "dataset",
        parameters: [Parameter("rows")],
        doc: """
        dataset(rows): a Dataset from a list of rows of equal length (or a list of numbers: 1-D points).

            d = dataset([[0, 1], [2, 3], [4, 5]])    # Dataset(3 × 2)
            d.mean                                    # [2, 3]
        """
    ) { args in
        let data = try args.dataset("rows")
        try checkFinite(data, args, "rows")
        return .dataset(data)
    }

    static let rows = Function(
        name: "rows",
        parameters: [Parameter("data"), Parameter("from"), Parameter("to", default: .nil)],
        doc: """
        rows(data, from, to: nil): rows from..to-1 of a dataset (to defaults to the end; negative
        indices count from the end), or, when `from` is a list, the rows at those indices in that order.

            d = spiral(1000)
            train = rows(d, 0, 800); test = rows(d, 800)
            last = rows(d, -10)                      # the last 10 rows
            picked = rows(d, [5, 2, 9])
        """
    ) { args in
        let data = try args.dataset("data")
        func resolve(_ name: String, _ x: Double, allowEnd: Bool) throws -> Int {
            guard x.isFinite, x == x.rounded(), abs(x) < 9e15 else {
                throw NativeError("rows(): \(name) must be a whole number, got \(formatNumber(x))", argument: name)
            }
            var i = Int(x)
            if i < 0 { i += data.n }
            guard i >= 0 && (i < data.n || (allowEnd && i == data.n)) else {
                throw NativeError("rows(): index \(Int(x)) is out of range for a Dataset of \(data.n) rows",
                                  argument: name)
            }
            return i
        }
        if case .list = args["from"] {
            guard args.isNil("to") else {
                throw NativeError("rows(): to cannot be used with a list of indices", argument: "to")
            }
            let indices = try args.numbers("from").map { try resolve("from", $0, allowEnd: false) }
            guard !indices.isEmpty else { throw NativeError("rows(): the list of indices is empty", argument: "from") }
            return .dataset(data.rows(indices))
        }
        let from = try resolve("from", try args.number("from"), allowEnd: false)
        let to = args.isNil("to") ? data.n : try resolve("to", try args.number("to"), allowEnd: true)
        guard to > from else {
            throw NativeError("rows(): the range \(from)..<\(to) is empty; to must be > from", argument: "to")
        }
        return .dataset(data.rows(from..<to))
    }

    static let col = Function(
        name: "col",
        parameters: [Parameter("data"), Parameter("j")],
        doc: """
        col(data, j): column j of a dataset (from 0; negative counts from the end) as a list of numbers.

            d = spiral(100)
            xs = col(d, 0); ys = col(d, 1)
            mean(xs)
        """
    ) { args in
        let data = try args.dataset("data")
        var j = try args.int("j")
        let given = j
        if j < 0 { j += data.dim }
        guard j >= 0 && j < data.dim else {
            throw NativeError("col(): column \(given) is out of range for a Dataset of \(data.dim) column\(data.dim == 1 ? "" : "s")",
                              argument: "j")
        }
        return .list(data.column(j).map(Value.number))
    }

    static let concat = Function(
        name: "concat",
        parameters: [Parameter("a"), Parameter("b")],
        doc: """
        concat(a, b): the rows of a followed by the rows of b (same number of columns).

            both = concat(spiral(500), spiral(500, noise: 0.05))    # Dataset(1000 × 2)
        """
    ) { args in
        let a = try args.dataset("a"), b = try args.dataset("b")
        guard a.dim == b.dim else {
            throw NativeError("concat(): b has \(b.dim) column\(b.dim == 1 ? "" : "s") but a has \(a.dim)", argument: "b")
        }
        try checkSize(args, n: a.n + b.n, dim: a.dim, argument: "b")
        return .dataset(Dataset(rows: a.n + b.n, dim: a.dim, values: a.values + b.values))
    }

    static let shuffle = Function(
        name: "shuffle",
        parameters: [Parameter("data")],
        doc: """
        shuffle(data): the rows of a dataset in a random order (seeded, like every random builtin).

            d = shuffle(concat(spiral(500), circle(500)))
            train = rows(d, 0, 800); test = rows(d, 800)
        """
    ) { args in
        let data = try args.dataset("data")
        var rng = Xoshiro256(seed: args.context.numerics.nextSeed())
        var order = Array(0..<data.n)
        // Fisher–Yates, from the last position down.
        for i in stride(from: data.n - 1, to: 0, by: -1) { order.swapAt(i, rng.index(i + 1)) }
        return .dataset(data.rows(order))
    }
}
