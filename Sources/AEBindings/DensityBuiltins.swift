import AELang
import AENumerics

/// Densities with an exact score (normal, mixture, Figure 3's energy1d, the smoothed spiral, densities
/// from a script's energy), the non-parametric optimal auto-encoders of §3.3, and the geometry of score
/// fields (§3.6, §3.8, Theorem 3). The constructors and queries are here; the estimators and the
/// geometry are in the extensions in DensityBuiltins+Estimators.swift and DensityBuiltins+Geometry.swift.
///
/// A density's exact score and Hessian are `score(p, x)` and `hessian(p, x)`, as for every score field
/// (FieldQueries.swift); `true_score` and `true_hessian` are the same for densities only, kept because
/// they say which one is the truth in a comparison.
enum DensityBuiltins {
    static var functions: [Function] {
        [normal, mixture, energy1d, spiralDensity, manifold10Density, density, draw, logp, energy, trueScore, trueHessian]
            + estimatorFunctions + geometryFunctions
    }

    // MARK: Constructors

    static let normal = Function(
        name: "normal",
        parameters: [Parameter("mean", default: .number(0)), Parameter("sd", default: .number(1)),
                     Parameter("cov", default: .nil)],
        doc: """
        normal(mean: 0, sd: 1, cov: nil): the normal density N(mean, sd²) in any dimension.

        mean is a number (1-D) or a list (its length is the dimension); sd is one number (isotropic) or
        one per dimension; cov, a list of rows, gives a full covariance instead of sd.

            p = normal(mean: [0, 0], sd: 0.5)
            true_score(p, [1, 0])                        # [-4, 0]
            normal(mean: [0, 0], cov: [[1, 0.5], [0.5, 2]])
        """
    ) { args in
        let mean = try args.numbers("mean")
        guard !mean.isEmpty, mean.allSatisfy({ $0.isFinite }) else {
            throw NativeError("normal(): mean must be a finite number or a non-empty list of them", argument: "mean")
        }
        let d = mean.count
        if !args.isNil("cov") {
            let rows = try args.list("cov").map { row -> [Double] in
                guard case .list(let items) = row else { throw args.mismatch("cov", expected: "a list of rows") }
                return try items.map { item -> Double in
                    guard case .number(let x) = item else { throw args.mismatch("cov", expected: "a list of rows of numbers") }
                    return x
                }
            }
            guard rows.count == d, rows.allSatisfy({ $0.count == d }) else {
                throw NativeError("normal(): cov must be \(d) × \(d) for a mean of dimension \(d)", argument: "cov")
            }
            guard let p = Normal(mean: mean, covariance: rows.flatMap { $0 }) else {
                throw NativeError("normal(): cov must be symmetric positive definite", argument: "cov")
            }
            return .object(DensityValue(p, label: "normal"))
        }
        let sd = try args.numbers("sd")
        guard sd.count == 1 || sd.count == d else {
            throw NativeError("normal(): sd has \(sd.count) values for a mean of dimension \(d)", argument: "sd",
                              hint: "give one sd (isotropic) or one per dimension")
        }
        if let bad = sd.first(where: { !($0 > 0 && $0.isFinite) }) {
            throw NativeError("normal(): sd must be > 0, got \(formatNumber(bad))", argument: "sd")
        }
        // The variance sd² and its inverse must be finite too (a Cholesky factor of inf or of 0 is none).
        if let bad = sd.first(where: { !($0 * $0).isFinite || !(1 / ($0 * $0)).isFinite }) {
            throw NativeError("normal(): sd must be between 1e-154 and 1e154, got \(formatNumber(bad))", argument: "sd",
                              hint: "its square, the variance, must be a finite number > 0")
        }
        return .object(DensityValue(Normal(mean: mean, sd: sd), label: "normal"))
    }

    static let mixture = Function(
        name: "mixture",
        parameters: [Parameter("n", default: .nil), Parameter("components", default: .nil),
                     Parameter("weights", default: .nil)],
        doc: """
        mixture(densities, weights: nil): the mixture density Σ w_k p_k of densities of one dimension;
        mixture(n, components, weights: nil): n draws from a mixture of Gaussians given as records.

        weights (≥ 0) default to equal and are normalised. The mixture density's score weighs the
        components' scores by their responsibilities. With a number first, mixture draws data: each
        component is a record {mean:, sd:} or {mean:, cov:}.

            p = mixture([normal(mean: -1, sd: 0.3), normal(mean: 1, sd: 0.3)], weights: [1, 3])
            true_score(p, 0)
            data = mixture(1000, [{mean: [-1, 0], sd: 0.2}, {mean: [1, 0], sd: 0.2}])
        """
    ) { args in
        switch (args["n"], args["components"]) {
        case (.number, _):
            return try DataBuiltins.mixtureData(args)
        case (.list(let items), .nil), (.nil, .list(let items)):
            return try mixtureDensity(items, args)
        default:
            throw NativeError("mixture(): give a list of densities (a mixture density) or a number of points and a list of components (data)",
                              argument: args.isNil("n") ? "components" : "n")
        }
    }

    /// The mixture density of `items` (densities), with the `weights` argument.
    static func mixtureDensity(_ items: [Value], _ args: Arguments) throws -> Value {
        let argument = args.isNil("n") ? "components" : "n"
        guard !items.isEmpty else { throw NativeError("mixture(): the list of densities is empty", argument: argument) }
        let parts = try items.map { item -> DensityValue in
            guard case .object(let object) = item, let value = object as? DensityValue else {
                throw NativeError("mixture(): the components must be densities, found \(withArticle(item.typeName))",
                                  argument: argument)
            }
            return value
        }
        let d = parts[0].density.dim
        guard parts.allSatisfy({ $0.density.dim == d }) else {
            throw NativeError("mixture(): the densities have different dimensions", argument: argument)
        }
        var weights: [Double]? = nil
        if !args.isNil("weights") {
            let w = try args.numbers("weights")
            guard w.count == parts.count else {
                throw NativeError("mixture(): \(w.count) weights for \(parts.count) components", argument: "weights")
            }
            guard w.allSatisfy({ $0 >= 0 && $0.isFinite }), w.reduce(0, +) > 0 else {
                throw NativeError("mixture(): weights must be ≥ 0 with a positive sum", argument: "weights")
            }
            weights = w
        }
        let errors = parts.flatMap { $0.callbackErrors }
        let p = Mixture(components: parts.map { $0.density }, weights: weights)
        return .object(DensityValue(p, label: "mixture of \(parts.count)", callbackErrors: errors))
    }

    static let manifold10Density = Function(
        name: "manifold10_density",
        parameters: [],
        doc: """
        manifold10_density(): the exact density of manifold10's data — the mixture of its 25 elongated
        Gaussians along a curve in 10-D (Figure 6), with the same parameters.

            p = manifold10_density()
            x = manifold10(1)[0]
            true_score(p, x)
        """
    ) { _ in .object(DensityValue(Manifold10Density.make(), label: "manifold10")) }

    static let energy1d = Function(
        name: "energy1d",
        parameters: [],
        doc: """
        energy1d(): the 1-D density of the paper's Figure 3, p(x) ∝ exp(−E(x)),
        E(x) = (a(x+1)² + 1)(2a·x² + 1)(3a(x−1)² + 1)/T with a = 10, T = 1000 (Z by quadrature over [−4, 4]).

            p = energy1d()
            true_score(p, 0.5)
            rcae1d(p, 0.31).error
        """
    ) { _ in .object(DensityValue(Energy1D(), label: "energy1d")) }

    static let spiralDensity = Function(
        name: "spiral_density",
        parameters: [Parameter("noise", default: .number(0.01))],
        doc: """
        spiral_density(noise: 0.01): the spiral of Figure 5 (t ~ U(3, 12), x = 0.04·t·sin t, y = 0.04·t·cos t)
        smoothed by isotropic Gaussian noise of sd noise, so that it has an exact score.

            p = spiral_density(noise: 0.05)
            true_score(p, [0.1, 0.1])
        """
    ) { args in
        let noise = try args.positive("noise")
        guard noise >= 1e-4 else {
            throw NativeError("spiral_density(): noise must be at least 0.0001, got \(formatNumber(noise))",
                              argument: "noise", hint: "the quadrature over the curve needs noise ≥ 1e-4")
        }
        return .object(DensityValue(SpiralDensity(noise: noise), label: "spiral, noise \(formatNumber(noise))"))
    }

    static let density = Function(
        name: "density",
        parameters: [Parameter("energy"), Parameter("dim", default: .number(1)),
                     Parameter("range", default: .list([.number(-4), .number(4)])),
                     Parameter("steps", default: .nil)],
        doc: """
        density(energy, dim: 1, range: [-4, 4], steps: nil): the density p(x) ∝ exp(−energy(x)) in 1-D or 2-D.

        In 1-D energy receives a number, in 2-D a list [x, y]. The normaliser is the trapezoidal rule on
        steps nodes per axis (default 2001 in 1-D, 201 in 2-D) over range — [a, b] for every axis or one
        interval per axis — which must hold nearly all the mass; the score and Hessian are central
        differences of energy.

            p = density(fn(x) x^4 / 4 - x^2 / 2)
            true_score(p, 0.5)                               # 0.375
            q = density(fn(x) (x[0]^2 + 4 * x[1]^2) / 2, dim: 2, range: [-5, 5])
        """
    ) { args in
        let function = try args.function("energy")
        let d = try args.int("dim", in: 1...2)
        let boxes: [ClosedRange<Double>]
        if case .list(let items) = args["range"], items.count == d, d == 2,
           items.allSatisfy({ if case .list = $0 { return true }; return false }) {
            boxes = try items.map { item -> ClosedRange<Double> in
                guard case .list(let pair) = item, pair.count == 2, case .number(let a) = pair[0], case .number(let b) = pair[1],
                      a.isFinite, b.isFinite, a < b else {
                    throw NativeError("density(): range must be [a, b] or one [a, b] per axis, with a < b", argument: "range")
                }
                return a...b
            }
        } else {
            let r = try args.interval("range")
            boxes = [ClosedRange<Double>](repeating: r, count: d)
        }
        let steps = args.isNil("steps") ? (d == 1 ? 2001 : 201) : try args.int("steps", in: 3...(d == 1 ? 1_000_000 : 2000))
        let context = args.context
        let errors = CallbackErrors()
        let p = EnergyDensity(dim: d, box: boxes, steps: steps) { x in
            if errors.error != nil { return .nan }
            do {
                try context.checkInterrupt()
                let argument: Value = d == 1 ? .number(x[0]) : .list(x.map(Value.number))
                guard case .number(let e) = try context.call(function, [argument]) else {
                    throw NativeError("density(): the energy function must return a number", argument: "energy")
                }
                return e
            } catch {
                errors.error = error
                return .nan
            }
        }
        if let error = errors.error { throw error }
        guard p.isNormalisable else {
            throw NativeError("density(): exp(−energy) does not integrate to a positive finite number over the range",
                              argument: "energy", hint: "check the energy is finite somewhere in range")
        }
        return .object(DensityValue(p, label: function.name.hasPrefix("<") || function.name.isEmpty ? "fn" : function.name, callbackErrors: [errors]))
    }

    // MARK: Queries

    static let draw = Function(
        name: "draw",
        parameters: [Parameter("density"), Parameter("n")],
        doc: """
        draw(density, n): n exact, independent samples of a density, as a Dataset (seeded by seed(n)).

            data = draw(energy1d(), 1000)
            data.mean
        """
    ) { args in
        let value = try args.densityValue("density")
        let n = try args.int("n", in: 1...Int.max)
        guard n * value.density.dim <= args.context.options.maxElements else {
            throw NativeError("draw(): \(n) samples exceed the engine's limit of \(args.context.options.maxElements) elements",
                              argument: "n")
        }
        var rng = Xoshiro256(seed: args.context.numerics.nextSeed())
        return .dataset(try value.checked { value.density.draw(n, rng: &rng) })
    }

    /// A builtin `name(density, x)` that maps points to one number or one vector per point.
    static func query(_ name: String, doc: String, vector: Bool,
                      _ compute: @escaping (any Density, Dataset, Int) -> Dataset) -> Function {
        Function(name: name, parameters: [Parameter("density"), Parameter("x")], doc: doc) { args in
            let value = try args.densityValue("density")
            let points = try args.points("x", dim: value.density.dim)
            let result = try value.checked { compute(value.density, points.data, args.context.options.threads) }
            return vector ? points.vectors(result) : points.scalars(result.values)
        }
    }

    static let logp = query("logp", doc: """
        logp(density, x): log p(x), normalised, at a point or at each point of a list or Dataset.

            logp(normal(), 0)            # -0.9189385332046727
            logp(energy1d(), [-1, 0, 1])
        """, vector: false) { p, x, threads in
        Dataset(rows: x.n, dim: 1, values: p.logp(x, threads: threads))
    }

    static let energy = query("energy", doc: """
        energy(density, x): E(x) = −log p(x) at a point or at each point.

            energy(normal(), 1)          # 1.4189385332046727
        """, vector: false) { p, x, threads in
        Dataset(rows: x.n, dim: 1, values: p.energy(x, threads: threads))
    }

    static let trueScore = query("true_score", doc: """
        true_score(density, x): the exact score ∇ log p(x) at a point or at each point (a Dataset for a Dataset).
        The same as score(density, x), for densities only: it names the truth in a comparison.

            true_score(normal(sd: 2), 1)                 # -0.25
            true_score(spiral_density(), [0.1, 0.2])
        """, vector: true) { p, x, threads in
        p.score(x, threads: threads)
    }

    static let trueHessian = Function(
        name: "true_hessian",
        parameters: [Parameter("density"), Parameter("x")],
        doc: """
        true_hessian(density, x): the exact Hessian ∇² log p(x), a list of rows, at a point (a list of them
        for several points); a number for a 1-D point given as a number. The same as hessian(density, x).

            true_hessian(normal(mean: [0, 0], sd: [1, 2]), [0, 0])   # [[-1, 0], [0, -0.25]]
        """
    ) { args in
        let value = try args.densityValue("density")
        let p = value.density
        let points = try args.points("x", dim: p.dim)
        let matrices = try value.checked {
            (0..<points.data.n).map { i -> Value in
                let h = p.hessian(at: points.data.row(i))
                if points.shape == .number { return .number(h[0]) }   // a 1-D point given as a number
                return .list((0..<p.dim).map { r in .list((0..<p.dim).map { .number(h[r * p.dim + $0]) }) })
            }
        }
        return points.each(matrices)
    }
}
