import AELang
import AENumerics

/// The data builtins: seeded generators, files (CSV and NumPy .npy), and dataset helpers.
///
/// Every generator takes a fresh seed from the engine's generator (`context.numerics.nextSeed()`), so
/// after `seed(n)` a script produces the same data, bit for bit, on any machine and thread count.
enum DataBuiltins {
    static var functions: [Function] {
        [seed, spiral, circle, gaussian, mixture, manifold10, grid, dataset, rows, col, concat, shuffle,
         loadCSV, saveCSV, loadNpy, saveNpy]
    }

    // MARK: Random numbers

    static let seed = Function(
        name: "seed",
        parameters: [Parameter("n")],
        doc: """
        seed(n): restart the random generator (xoshiro256**) from seed n, a whole number >= 0, so that
        everything random after it (data, initial weights, samplers) is reproducible.

            seed(1); a = spiral(5)
            seed(1); b = spiral(5)
            a[0] == b[0]        # true
        """
    ) { args in
        let n = try args.int("n", in: 0...Int.max)
        args.context.numerics.rng = Xoshiro256(seed: UInt64(n))
        // The language's own seed state too, for anything that reads it.
        SeedState.of(args.context).reseed(UInt64(n))
        return .nil
    }

    // MARK: Generators

    static let spiral = Function(
        name: "spiral",
        parameters: [Parameter("n"), Parameter("noise", default: .number(0))],
        doc: """
        spiral(n, noise: 0): n points of the paper's spiral (Figure 5): t ~ U(3, 12),
        (0.04·t·sin t, 0.04·t·cos t), plus Gaussian noise of standard deviation `noise`.

            data = spiral(10000)             # Dataset(10000 × 2)
            noisy = spiral(500, noise: 0.01)
        """
    ) { args in
        let n = try pointCount(args, dim: 2)
        let noise = try nonNegative(args, "noise")
        return try generate(args, n: n, dim: 2) { count, rng in
            DataGenerators.spiral(count, noise: noise, rng: &rng)
        }
    }

    static let circle = Function(
        name: "circle",
        parameters: [Parameter("n"), Parameter("radius", default: .number(1)), Parameter("noise", default: .number(0))],
        doc: """
        circle(n, radius: 1, noise: 0): n points on the circle of the given radius around the origin,
        at uniformly random angles, plus Gaussian noise of standard deviation `noise`.

            ring = circle(1000, radius: 2, noise: 0.05)
        """
    ) { args in
        let n = try pointCount(args, dim: 2)
        let radius = try args.positive("radius")
        let noise = try nonNegative(args, "noise")
        return try generate(args, n: n, dim: 2) { count, rng in
            DataGenerators.circle(count, radius: radius, noise: noise, rng: &rng)
        }
    }

    static let gaussian = Function(
        name: "gaussian",
        parameters: [Parameter("n"), Parameter("mean", default: .number(0)), Parameter("sd", default: .nil),
                     Parameter("cov", default: .nil), Parameter("dim", default: .nil)],
        doc: """
        gaussian(n, mean: 0, sd: 1, cov: nil, dim: nil): n draws from a Gaussian. `mean` and `sd` are
        numbers or lists (one value per dimension); `cov` a full covariance matrix (a list of rows) in
        place of `sd`. The dimension comes from the lists, or from `dim` (default 1).

            gaussian(1000)                               # 1000 × 1, N(0, 1)
            gaussian(1000, mean: [0, 1], sd: [1, 0.1])   # 1000 × 2
            gaussian(500, dim: 10, sd: 0.5)              # 500 × 10
            gaussian(500, cov: [[1, 0.8], [0.8, 1]])     # correlated
        """
    ) { args in
        let n = try args.int("n", in: 1...Int.max)
        let spec = try gaussianSpec(args, n: n)
        return try generate(args, n: n, dim: spec.dimension) { count, rng in spec.draw(count, rng: &rng) }
    }

    static let mixture = Function(
        name: "mixture",
        parameters: [Parameter("n"), Parameter("components"), Parameter("weights", default: .nil)],
        doc: """
        mixture(n, components, weights: nil): n draws from a mixture of Gaussians. Each component is a
        record {mean:, sd:} or {mean:, cov:}; `weights` (default equal) need not sum to one.

            two = mixture(1000, [{mean: [-1, 0], sd: 0.2}, {mean: [1, 0], sd: 0.2}], weights: [1, 3])
        """
    ) { args in
        let components = try mixtureComponents(args)
        let d = components[0].dimension
        let weights: [Double]
        if args.isNil("weights") {
            weights = [Double](repeating: 1, count: components.count)
        } else {
            weights = try args.numbers("weights")
            guard weights.count == components.count else {
                throw NativeError("mixture(): \(weights.count) weight\(weights.count == 1 ? "" : "s") for \(components.count) components",
                                  argument: "weights")
            }
            guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.contains(where: { $0 > 0 }) else {
                throw NativeError("mixture(): weights must be finite and >= 0, and not all 0", argument: "weights")
            }
        }
        let n = try pointCount(args, dim: d)
        return try generate(args, n: n, dim: d) { count, rng in
            DataGenerators.mixture(count, components: components, weights: weights, rng: &rng)
        }
    }

    static let manifold10 = Function(
        name: "manifold10",
        parameters: [Parameter("n")],
        doc: """
        manifold10(n): n points of the paper's 10-D data (Figure 6): a chain of 25 elongated Gaussians
        along the curve (sin(2π·f_i·t)^e_i), values within [-1.5, 1.5]. The curve is the same in
        every run; only the points depend on the seed.

            data = manifold10(10000)      # Dataset(10000 × 10)
        """
    ) { args in
        let n = try pointCount(args, dim: 10)
        return try generate(args, n: n, dim: 10) { count, rng in DataGenerators.manifold10(count, rng: &rng) }
    }

    static let grid = Function(
        name: "grid",
        parameters: [Parameter("xmin"), Parameter("xmax"), Parameter("ymin", default: .nil),
                     Parameter("ymax", default: .nil), Parameter("steps", default: .nil)],
        doc: """
        grid(xmin, xmax, ymin, ymax, steps: 20): the points of a regular 2-D grid, steps × steps of them
        (or steps: [nx, ny]), x varying fastest, both ends included. With only xmin, xmax and a number
        of steps it is 1-D: grid(xmin, xmax, steps) (default 100 steps).

            g = grid(-1, 1, -1, 1, 30)     # Dataset(900 × 2), for quiver plots
            xs = grid(-1.5, 1.5, 1000)     # Dataset(1000 × 1)
        """
    ) { args in
        let xmin = try args.finite("xmin"), xmax = try args.finite("xmax")
        guard xmax > xmin else {
            throw NativeError("grid(): xmax must be > xmin, got \(formatNumber(xmax)) <= \(formatNumber(xmin))",
                              argument: "xmax")
        }
        if args.isNil("ymax") {
            guard args.isNil("ymin") || args.isNil("steps") else {
                throw NativeError("grid(): ymax is missing", hint: "a 2-D grid is grid(xmin, xmax, ymin, ymax, steps)")
            }
            let stepsName = args.isNil("ymin") ? "steps" : "ymin"
            let steps = args.isNil(stepsName) ? 100 : try gridSteps(args, stepsName)
            try checkSize(args, n: steps, dim: 1, argument: stepsName)
            return .dataset(DataGenerators.grid(xmin...xmax, steps: steps))
        }
        guard !args.isNil("ymin") else { throw NativeError("grid(): ymin is missing", argument: "ymax") }
        let ymin = try args.finite("ymin"), ymax = try args.finite("ymax")
        guard ymax > ymin else {
            throw NativeError("grid(): ymax must be > ymin, got \(formatNumber(ymax)) <= \(formatNumber(ymin))",
                              argument: "ymax")
        }
        var nx = 20, ny = 20
        if case .list(let items) = args["steps"] {
            guard items.count == 2, case .number(let a) = items[0], case .number(let b) = items[1] else {
                throw NativeError("grid(): steps must be a number or a list [nx, ny]", argument: "steps")
            }
            nx = try wholeSteps(a, "steps"); ny = try wholeSteps(b, "steps")
        } else if !args.isNil("steps") {
            nx = try gridSteps(args, "steps"); ny = nx
        }
        let (count, overflow) = nx.multipliedReportingOverflow(by: ny)
        try checkSize(args, n: overflow ? Int.max : count, dim: 2, argument: "steps")
        return .dataset(DataGenerators.grid(x: xmin...xmax, y: ymin...ymax, xSteps: nx, ySteps: ny))
    }

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

    // MARK: Files

    static let loadCSV = Function(
        name: "load_csv",
        parameters: [Parameter("path"), Parameter("header", default: .nil)],
        doc: """
        load_csv(path, header: nil): read a dataset from a CSV file (commas, or the spaces np.savetxt
        writes; lines starting with # are skipped). A first row without any number is a header;
        header: true/false forces it. A bad value is an error naming its line and column.

            d = load_csv("points.csv")
        """
    ) { args in
        let path = try args.context.readablePath(try args.string("path"))
        let header: Bool? = args.isNil("header") ? nil : try args.bool("header")
        let table = try fileOperation { try DatasetCSV.read(path, header: header) }
        try checkSize(args, n: table.data.n, dim: table.data.dim, argument: "path")
        return .dataset(table.data)
    }

    static let saveCSV = Function(
        name: "save_csv",
        parameters: [Parameter("data"), Parameter("path"), Parameter("header", default: .nil)],
        doc: """
        save_csv(data, path, header: nil): write a dataset as CSV (values that read back exactly),
        with an optional header of column names; atomically, so a failed save leaves the old file.

            save_csv(spiral(100), "spiral.csv", header: ["x", "y"])
            # pandas: pd.read_csv("spiral.csv")
        """
    ) { args in
        let data = try args.dataset("data")
        let path = try args.context.writablePath(try args.string("path"))
        var names: [String]? = nil
        if !args.isNil("header") {
            names = try args.list("header").map { item in
                guard case .string(let s) = item else {
                    throw NativeError("save_csv(): header must be a list of strings, found a \(item.typeName)",
                                      argument: "header")
                }
                return s
            }
            guard names!.count == data.dim else {
                throw NativeError("save_csv(): header has \(names!.count) names for \(data.dim) columns", argument: "header")
            }
        }
        try checkFinite(data, args, "data")
        try fileOperation { try DatasetCSV.write(data, columns: names, to: path) }
        return .nil
    }

    static let loadNpy = Function(
        name: "load_npy",
        parameters: [Parameter("path")],
        doc: """
        load_npy(path): read a dataset from a NumPy .npy file (a 1-D array gives one column, a 2-D array
        n × d; float and integer types are converted).

            d = load_npy("samples.npy")      # from np.save("samples.npy", x)
        """
    ) { args in
        let path = try args.context.readablePath(try args.string("path"))
        let data = try fileOperation { try DatasetNpy.read(path) }
        try checkSize(args, n: data.n, dim: data.dim, argument: "path")
        return .dataset(data)
    }

    static let saveNpy = Function(
        name: "save_npy",
        parameters: [Parameter("data"), Parameter("path")],
        doc: """
        save_npy(data, path): write a dataset as a NumPy .npy file (float64, n × d, C order), atomically.

            save_npy(manifold10(1000), "m10.npy")
            # Python: x = np.load("m10.npy")     # shape (1000, 10)
        """
    ) { args in
        let data = try args.dataset("data")
        let path = try args.context.writablePath(try args.string("path"))
        try fileOperation { try DatasetNpy.write(data, to: path) }
        return .nil
    }
}

// MARK: - Argument checks shared by the data builtins

extension DataBuiltins {
    /// The `n` argument: a whole number >= 1 whose n × dim dataset fits `maxElements`.
    static func pointCount(_ args: Arguments, dim: Int) throws -> Int {
        let n = try args.int("n", in: 1...Int.max)
        try checkSize(args, n: n, dim: dim, argument: "n")
        return n
    }

    /// Refuses, before any allocation, a dataset of more than `maxElements` values.
    static func checkSize(_ args: Arguments, n: Int, dim: Int, argument: String) throws {
        let limit = args.context.options.maxElements
        let (count, overflow) = n.multipliedReportingOverflow(by: dim)
        guard overflow || count > limit else { return }
        throw NativeError("\(args.function.name)(): \(n) × \(dim) values is more than the \(limit) one dataset may hold",
                          argument: argument, hint: "the engine's element limit (EngineOptions.maxElements) is \(limit)")
    }

    static func nonNegative(_ args: Arguments, _ name: String) throws -> Double {
        let x = try args.number(name)
        guard x.isFinite, x >= 0 else {
            throw NativeError("\(args.function.name)(): \(name) must be >= 0, got \(formatNumber(x))", argument: name)
        }
        return x
    }

    static func checkFinite(_ data: Dataset, _ args: Arguments, _ name: String) throws {
        if let bad = data.values.firstIndex(where: { !$0.isFinite }) {
            throw NativeError("\(args.function.name)(): \(name) has \(formatNumber(data.values[bad])) at row \(bad / data.dim), column \(bad % data.dim); data must be finite",
                              argument: name)
        }
    }

    static func gridSteps(_ args: Arguments, _ name: String) throws -> Int {
        try wholeSteps(try args.number(name), name, function: args.function.name)
    }

    static func wholeSteps(_ x: Double, _ name: String, function: String = "grid") throws -> Int {
        guard x.isFinite, x == x.rounded(), x >= 2, x < 9e15 else {
            throw NativeError("\(function)(): steps must be a whole number >= 2, got \(formatNumber(x))", argument: name)
        }
        return Int(x)
    }

    /// Draws n points in chunks from a generator seeded by the engine, checking for Ctrl-C between
    /// chunks. Every generator draws point by point from one stream, so the chunks join into exactly
    /// the data one call would give.
    static func generate(_ args: Arguments, n: Int, dim: Int,
                         _ draw: (Int, inout Xoshiro256) -> Dataset) throws -> Value {
        var rng = Xoshiro256(seed: args.context.numerics.nextSeed())
        let chunk = max(1, (1 << 18) / dim)
        if n <= chunk { return .dataset(draw(n, &rng)) }
        var values = [Double]()
        values.reserveCapacity(n * dim)
        var done = 0
        while done < n {
            try args.context.checkInterrupt()
            let count = min(chunk, n - done)
            values.append(contentsOf: draw(count, &rng).values)
            done += count
        }
        return .dataset(Dataset(rows: n, dim: dim, values: values))
    }

    /// Runs a file operation, turning its ``FileError`` into an error under the `path` argument.
    static func fileOperation<T>(_ body: () throws -> T) throws -> T {
        do { return try body() }
        catch let error as FileError { throw NativeError(error.message, argument: "path") }
    }
}

// MARK: - Gaussian arguments

extension DataBuiltins {
    /// A number or a list of finite numbers; nil for nil.
    static func vector(_ value: Value, _ name: String, _ function: String) throws -> [Double]? {
        let xs: [Double]
        switch value {
        case .nil: return nil
        case .number(let x): xs = [x]
        case .list(let items):
            guard !items.isEmpty else { throw NativeError("\(function)(): \(name) is empty", argument: name) }
            xs = try items.map { item in
                guard case .number(let x) = item else {
                    throw NativeError("\(function)(): \(name) must be a number or a list of numbers, found a \(item.typeName)",
                                      argument: name)
                }
                return x
            }
        default:
            throw NativeError("\(function)(): \(name) must be a number or a list of numbers, not \(value.typeName)",
                              argument: name)
        }
        guard xs.allSatisfy({ $0.isFinite }) else {
            throw NativeError("\(function)(): \(name) must be finite", argument: name)
        }
        return xs
    }

    /// A square matrix given as a list of rows, row-major.
    static func matrix(_ value: Value, _ name: String, _ function: String) throws -> (d: Int, values: [Double]) {
        guard case .list(let rows) = value, !rows.isEmpty else {
            throw NativeError("\(function)(): \(name) must be a matrix (a list of rows)", argument: name)
        }
        var values = [Double]()
        for row in rows {
            guard case .list(let items) = row, items.count == rows.count else {
                throw NativeError("\(function)(): \(name) must be a square matrix (\(rows.count) rows of \(rows.count) numbers)",
                                  argument: name)
            }
            for item in items {
                guard case .number(let x) = item, x.isFinite else {
                    throw NativeError("\(function)(): \(name) must hold finite numbers", argument: name)
                }
                values.append(x)
            }
        }
        return (rows.count, values)
    }

    /// Broadcasts a scalar to d values; a list must have d values already.
    static func broadcast(_ xs: [Double], _ d: Int, _ name: String, _ function: String, what: String) throws -> [Double] {
        if xs.count == d { return xs }
        if xs.count == 1 { return [Double](repeating: xs[0], count: d) }
        throw NativeError("\(function)(): \(name) has \(xs.count) values but \(what)", argument: name)
    }

    /// Builds a Gaussian from mean, sd or cov, and a dimension; `names` maps roles to argument names
    /// (the same code reads `gaussian(...)`'s arguments and a mixture component's fields).
    /// `checkSize` (when given) sees the dimension before any vector of that size is made.
    static func spec(mean: Value, sd: Value, cov: Value, dim: Int?, function: String,
                     names: (mean: String, sd: String, cov: String),
                     checkSize: (Int) throws -> Void = { _ in }) throws -> GaussianSpec {
        let meanValues = try vector(mean, names.mean, function) ?? [0]
        let sdValues = try vector(sd, names.sd, function)
        if let sdValues {
            guard sdValues.allSatisfy({ $0 > 0 }) else {
                throw NativeError("\(function)(): \(names.sd) must be > 0", argument: names.sd)
            }
        }
        if case .nil = cov {
            let d = dim ?? max(meanValues.count, sdValues?.count ?? 1)
            try checkSize(d)
            let m = try broadcast(meanValues, d, names.mean, function,
                                  what: dim != nil ? "dim is \(d)" : "\(names.sd) has \(d)")
            let s = try broadcast(sdValues ?? [1], d, names.sd, function,
                                  what: dim != nil ? "dim is \(d)" : "\(names.mean) has \(d)")
            return GaussianSpec(mean: m, sd: s)
        }
        guard sdValues == nil else {
            throw NativeError("\(function)(): give either \(names.sd) or \(names.cov), not both", argument: names.cov)
        }
        let (d, values) = try matrix(cov, names.cov, function)
        try checkSize(d)
        if let dim, dim != d {
            throw NativeError("\(function)(): \(names.cov) is \(d) × \(d) but dim is \(dim)", argument: names.cov)
        }
        let m = try broadcast(meanValues, d, names.mean, function, what: "\(names.cov) is \(d) × \(d)")
        do { return try GaussianSpec(mean: m, covariance: values) }
        catch let error as DataError {
            throw NativeError("\(function)(): \(names.cov): \(error.message)", argument: names.cov)
        }
    }

    static func gaussianSpec(_ args: Arguments, n: Int) throws -> GaussianSpec {
        let dim: Int? = args.isNil("dim") ? nil : try args.int("dim", in: 1...Int.max)
        if let dim { try checkSize(args, n: n, dim: dim, argument: "dim") }
        return try spec(mean: args["mean"], sd: args["sd"], cov: args["cov"], dim: dim, function: "gaussian",
                        names: ("mean", "sd", "cov")) { d in try checkSize(args, n: n, dim: d, argument: "n") }
    }

    static func mixtureComponents(_ args: Arguments) throws -> [GaussianSpec] {
        let items = try args.list("components")
        guard !items.isEmpty else { throw NativeError("mixture(): components is empty", argument: "components") }
        var specs = [GaussianSpec]()
        for (k, item) in items.enumerated() {
            guard case .record(let r) = item else {
                throw NativeError("mixture(): component \(k) must be a record {mean:, sd:}, not \(item.typeName)",
                                  argument: "components")
            }
            for key in r.keys where !["mean", "sd", "cov"].contains(key) {
                throw NativeError("mixture(): component \(k) has an unknown field '\(key)'", argument: "components",
                                  hint: "a component is {mean:, sd:} or {mean:, cov:}")
            }
            guard let mean = r["mean"] else {
                throw NativeError("mixture(): component \(k) has no mean", argument: "components")
            }
            do {
                let s = try spec(mean: mean, sd: r["sd"] ?? .nil, cov: r["cov"] ?? .nil, dim: nil, function: "mixture",
                                 names: ("component \(k) mean", "component \(k) sd", "component \(k) cov"))
                if let first = specs.first, first.dimension != s.dimension {
                    throw NativeError("mixture(): component \(k) has dimension \(s.dimension) but component 0 has \(first.dimension)")
                }
                specs.append(s)
            } catch var error as NativeError {
                error.argument = "components"
                throw error
            }
        }
        return specs
    }
}

// MARK: - save(data, path)

extension DatasetValue: Saveable {
    /// `save(data, "x.csv")` or `save(data, "x.npy")`.
    func save(to path: String) throws {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") {
            if let bad = data.values.firstIndex(where: { !$0.isFinite }) {
                throw NativeError("save(): the dataset has \(formatNumber(data.values[bad])) at row \(bad / data.dim), column \(bad % data.dim); data must be finite",
                                  argument: "value")
            }
            try DataBuiltins.fileOperation { try DatasetCSV.write(data, to: path) }
        } else if lower.hasSuffix(".npy") {
            try DataBuiltins.fileOperation { try DatasetNpy.write(data, to: path) }
        } else {
            throw NativeError("save(): a Dataset is saved as .csv or .npy, not '\(path)'", argument: "path")
        }
    }
}
