import AELang
import AENumerics

/// The data builtins: seeded generators, files (CSV and NumPy .npy), and dataset helpers.
///
/// Every generator takes a fresh seed from the engine's generator (`context.numerics.nextSeed()`), so
/// after `seed(n)` a script produces the same data, bit for bit, on any machine and thread count.
enum DataBuiltins {
    static var functions: [Function] {
        [seed, spiral, circle, gaussian, manifold10, grid, dataset, rows, col, concat, shuffle,
         loadCSV, saveCSV, loadNpy, saveNpy, digits, loadIdx]
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

    /// mixture(n, components, weights:): n draws from a mixture of Gaussians given as records
    /// {mean:, sd:} or {mean:, cov:}. The `mixture` builtin (DensityBuiltins) serves this form when its
    /// first argument is a number, and a mixture density when it is a list of densities.
    static func mixtureData(_ args: Arguments) throws -> Value {
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
}
