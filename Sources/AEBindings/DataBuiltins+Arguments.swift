import AELang
import AENumerics
import AEFiles

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
                    throw NativeError("\(function)(): \(name) must be a number or a list of numbers, found \(withArticle(item.typeName))",
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
