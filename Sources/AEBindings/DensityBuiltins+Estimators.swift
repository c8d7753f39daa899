import AELang
import AENumerics

/// The non-parametric optimal auto-encoders of §3.3, the exact optimal DAE, and score_error.
extension DensityBuiltins {
    static var estimatorFunctions: [Function] { [rcae1d, dae1d, optimalDAE, scoreError] }

    static let nonParametricParameters = [
        Parameter("density"), Parameter("sigma"), Parameter("m", default: .number(1000)),
        Parameter("range", default: .list([.number(-1.5), .number(1.5)])),
    ]

    /// Runs a non-parametric fit and returns its record {grid, r, score, true_score, error}.
    static func nonParametric(_ args: Arguments,
                              _ fit: (any Density, Double, Int, ClosedRange<Double>) throws -> NonParametricResult) throws -> Value {
        let value = try args.densityValue("density")
        guard value.density.dim == 1 else {
            throw NativeError("\(args.function.name)(): density must be 1-D, got a \(value.density.dim)-D density",
                              argument: "density")
        }
        let sigma = try args.positive("sigma")
        let m = try args.int("m", in: 3...1_000_000)
        if args.function.name == "dae1d" && m > 20_000 {
            throw NativeError("dae1d(): m must be <= 20000 (the discrete DAE costs m² operations), got \(m)", argument: "m")
        }
        let range = try args.interval("range")
        let result: NonParametricResult
        do {
            result = try value.checked { try fit(value.density, sigma, m, range) }
        } catch let error as DensityError {
            throw NativeError("\(args.function.name)(): \(error.message)", argument: "range")
        }
        func list(_ xs: [Double]) -> Value { .list(xs.map(Value.number)) }
        return .record(Record([
            "grid": list(result.grid), "r": list(result.r), "score": list(result.score),
            "true_score": list(result.trueScore), "error": .number(result.error),
        ]))
    }

    static let rcae1d = Function(
        name: "rcae1d",
        parameters: nonParametricParameters,
        doc: """
        rcae1d(density, sigma, m: 1000, range: [-1.5, 1.5]): the non-parametric RCAE of §3.3 on a 1-D density.

        Every r̂(x_i) on m evenly spaced points is free; the discretised loss (10) is minimised exactly
        (tridiagonal normal equations, O(m)). Returns {grid, r, score, true_score, error}: score is
        (r̂ − x)/σ², error = sqrt(Σ p_i e_i² / Σ p_i) with e the score minus the true score.

            fit = rcae1d(energy1d(), 0.31)
            fit.error                        # 2.6688192345736974
        """
    ) { args in
        try nonParametric(args) { try NonParametric1D.rcae(density: $0, sigma: $1, m: $2, range: $3) }
    }

    static let dae1d = Function(
        name: "dae1d",
        parameters: nonParametricParameters,
        doc: """
        dae1d(density, sigma, m: 1000, range: [-1.5, 1.5]): the discrete optimal DAE of eq. (3) on a 1-D grid.

        r_i = Σ_j p_j φ_σ(x_i − x_j) x_j / Σ_j p_j φ_σ(x_i − x_j) over the grid (O(m²), m ≤ 20000).
        Returns {grid, r, score, true_score, error} as rcae1d does.

            dae1d(energy1d(), 0.31).error    # 2.7777531670738322
        """
    ) { args in
        try nonParametric(args) { try NonParametric1D.dae(density: $0, sigma: $1, m: $2, range: $3) }
    }

    static let optimalDAE = Function(
        name: "optimal_dae",
        parameters: [Parameter("density"), Parameter("sigma"), Parameter("x", default: .nil)],
        doc: """
        optimal_dae(density, sigma, x: nil): the exact optimal DAE r*_σ(x) = E[p(x−ε)(x−ε)]/E[p(x−ε)] of eq. (3).

        With x, the reconstruction at a point or at each point; without, the field itself, which
        directions, asymmetry and score_error accept like a trained auto-encoder. Exact by Tweedie's
        formula for normals, mixtures of them and the spiral; by quadrature for other 1-D/2-D densities
        (then sigma must be at least twice the quadrature grid's spacing).

            optimal_dae(normal(sd: 0.7), 0.4, x: 1)        # 0.7538461538461538 = 0.49/0.65
            f = optimal_dae(spiral_density(), 0.01)
        """
    ) { args in
        let value = try args.densityValue("density")
        let sigma = try args.positive("sigma")
        let field: OptimalReconstruction
        do {
            field = try value.checked { try OptimalReconstruction(density: value.density, sigma: sigma) }
        } catch let error as DensityError {
            throw NativeError("optimal_dae(): \(error.message)", argument: "sigma",
                              hint: "a density made by density(fn) can use more steps: for a finer grid")
        }
        if args.isNil("x") { return .object(OptimalDAEValue(field, density: value)) }
        let points = try args.points("x", dim: value.density.dim)
        return points.vectors(try value.checked { field.reconstruct(points.data, threads: args.context.options.threads) })
    }

    static let scoreError = Function(
        name: "score_error",
        parameters: [Parameter("estimator"), Parameter("density"), Parameter("points")],
        doc: """
        score_error(estimator, density, points): how far an estimated score is from a density's true score.

        estimator is a trained auto-encoder or an optimal_dae field (score (r(x) − x)/σ²), a result of
        rcae1d or dae1d (its score, interpolated linearly; points must lie on its grid's interval), or
        another density. Returns {rms, relative, cosine}: sqrt(mean ‖ŝ − s‖²), that over sqrt(mean ‖s‖²),
        and the mean cosine between ŝ and s.

            p = energy1d()
            score_error(rcae1d(p, 0.06), p, [-1, 0, 1]).rms
            score_error(optimal_dae(p, 0.1), p, draw(p, 100))
        """
    ) { args in
        let value = try args.densityValue("density")
        let p = value.density
        let points = try args.points("points", dim: p.dim)
        let estimate: Dataset
        if let field = try args.scoreField("estimator") {
            guard field.dim == p.dim else {
                throw NativeError("score_error(): the estimator has dimension \(field.dim), the density \(p.dim)",
                                  argument: "estimator")
            }
            estimate = try value.checked { field.score(points.data, threads: args.context.options.threads) }
        } else if case .object(let object) = args["estimator"], let other = object as? DensityValue {
            guard other.density.dim == p.dim else {
                throw NativeError("score_error(): the estimator has dimension \(other.density.dim), the density \(p.dim)",
                                  argument: "estimator")
            }
            estimate = try other.checked { other.density.score(points.data, threads: args.context.options.threads) }
        } else if case .record(let record) = args["estimator"], let grid = record["grid"], let score = record["score"] {
            estimate = try gridScore(grid: grid, score: score, at: points.data, args: args)
        } else {
            throw NativeError("score_error(): estimator must be an auto-encoder, an optimal_dae field, a result of rcae1d or dae1d, or a Density, not \(args["estimator"].typeName)",
                              argument: "estimator")
        }
        let truth = try value.checked { p.score(points.data, threads: args.context.options.threads) }
        let e = ScoreError(estimate: estimate, truth: truth)
        return .record(Record(["rms": .number(e.rms), "relative": .number(e.relative), "cosine": .number(e.cosine)]))
    }

    /// A non-parametric result's score at `points` by linear interpolation on its grid.
    static func gridScore(grid: Value, score: Value, at points: Dataset, args: Arguments) throws -> Dataset {
        func numbers(_ v: Value) -> [Double]? {
            guard case .list(let items) = v else { return nil }
            let xs = items.compactMap { item -> Double? in if case .number(let x) = item { return x }; return nil }
            return xs.count == items.count ? xs : nil
        }
        guard points.dim == 1, let xs = numbers(grid), let ss = numbers(score), xs.count == ss.count, xs.count >= 2 else {
            throw NativeError("score_error(): estimator must be a 1-D result of rcae1d or dae1d (with grid and score)",
                              argument: "estimator")
        }
        let a = xs[0], b = xs[xs.count - 1], delta = (b - a) / Double(xs.count - 1)
        var out = [Double]()
        for x in points.values {
            guard x >= a && x <= b else {
                throw NativeError("score_error(): point \(formatNumber(x)) is outside the grid [\(formatNumber(a)), \(formatNumber(b))]",
                                  argument: "points", hint: "a non-parametric result is only defined on its grid's interval")
            }
            let i = min(Int((x - a) / delta), xs.count - 2)
            let f = (x - xs[i]) / (xs[i + 1] - xs[i])
            out.append(ss[i] * (1 - f) + ss[i + 1] * f)
        }
        return Dataset(rows: points.n, dim: 1, values: out)
    }
}
