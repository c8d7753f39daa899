import AELang
import AENumerics

/// The geometry of score fields: the local mean (Theorem 3), tangent and normal directions (§3.8), and
/// how far a field is from conservative (§3.6).
extension DensityBuiltins {
    static var geometryFunctions: [Function] { [localMean, directions, asymmetry, curl] }

    static let localMean = Function(
        name: "local_mean",
        parameters: [Parameter("density"), Parameter("x"), Parameter("delta"),
                     Parameter("samples", default: .number(100_000))],
        doc: """
        local_mean(density, x, delta, samples: 100000): the mean of p restricted to the ball of radius delta
        around x (Theorem 3: m_δ(x) − x ≈ δ²/(d + 2)·∇ log p(x) for small δ).

        By quadrature in 1-D and 2-D; by Monte Carlo with `samples` points (antithetic pairs, seeded by
        seed(n)) in higher dimensions.

            p = energy1d()
            (local_mean(p, 0.2, 0.01) - 0.2) * 3 / 0.01^2    # ≈ true_score(p, 0.2)
        """
    ) { args in
        let value = try args.densityValue("density")
        let p = value.density
        let points = try args.points("x", dim: p.dim)
        let delta = try args.positive("delta")
        let samples = try args.int("samples", in: 2...100_000_000)
        let seed = args.context.numerics.nextSeed()
        var out = Dataset(rows: points.data.n, dim: p.dim)
        try value.checked {
            for i in 0..<points.data.n {
                try args.context.checkInterrupt()
                let x = points.data.row(i)
                out.setRow(i, p.dim <= 2
                    ? LocalMean.quadrature(density: p, at: x, delta: delta)
                    : LocalMean.monteCarlo(density: p, at: x, delta: delta, samples: samples, seed: seed &+ UInt64(i)))
            }
        }
        return points.vectors(out)
    }

    /// The Jacobian ∂r/∂x of a field argument at a point, or the Hessian of a density: what the geometry
    /// builtins work on. Returns (matrix, dim, sigma: nil for a density's exact Hessian).
    static func fieldArgument(_ args: Arguments) throws -> (dim: Int, DensityValue?, (([Double]) -> [Double])?, (any ReconstructionField)?) {
        if case .object(let object) = args["field"], let value = object as? DensityValue {
            return (value.density.dim, value, { value.density.hessian(at: $0) }, nil)
        }
        if let field = try args.scoreField("field") {
            guard let reconstruction = field as? any ReconstructionField else {
                throw NativeError("\(args.function.name)(): field has no Jacobian", argument: "field")
            }
            return (reconstruction.dim, nil, nil, reconstruction)
        }
        throw NativeError("\(args.function.name)(): field must be an auto-encoder, an optimal_dae field or a Density, not \(args["field"].typeName)",
                          argument: "field")
    }

    static let directions = Function(
        name: "directions",
        parameters: [Parameter("field"), Parameter("x")],
        doc: """
        directions(field, x): eigenvalues (largest first) and unit eigenvectors of the symmetric part of the
        estimated Hessian of log p, (∂r/∂x − I)/σ² (§3.8), for an auto-encoder or optimal_dae field; of the
        exact Hessian for a Density. Near a manifold, eigenvalues near 0 go along it and strongly negative
        ones across. Returns {values, vectors} (vectors[k] belongs to values[k]); a list for several points.

            directions(normal(mean: [0, 0], sd: [1, 0.1]), [0, 0])   # values [-1, -100]
            directions(optimal_dae(spiral_density(), 0.01), [-0.067, 0.2304])   # near the curve at t = 6
        """
    ) { args in
        let (d, densityValue, hessianOf, field) = try fieldArgument(args)
        let points = try args.points("x", dim: d)
        let records = try checked(densityValue) { () -> [Value] in
            try (0..<points.data.n).map { i -> Value in
                try args.context.checkInterrupt()
                let x = points.data.row(i)
                let h = hessianOf?(x) ?? FieldGeometry.hessian(jacobian: field!.jacobian(at: x), dim: d, sigma: field!.sigma)
                let eigen = FieldGeometry.directions(hessian: h, dim: d)
                return .record(Record([
                    "values": .list(eigen.values.map(Value.number)),
                    "vectors": .list(eigen.vectors.map { .list($0.map(Value.number)) }),
                ]))
            }
        }
        return points.each(records)
    }

    /// Runs `body`, then reports any error of a script's energy function behind `value`.
    static func checked<T>(_ value: DensityValue?, _ body: () throws -> T) throws -> T {
        if let value { return try value.checked(body) }
        return try body()
    }

    /// The Jacobian of a reconstruction field at each point (an error for a density).
    static func jacobians(_ args: Arguments) throws -> (PointSet, Int, [[Double]]) {
        let (d, densityValue, _, field) = try fieldArgument(args)
        guard densityValue == nil, let field else {
            throw NativeError("\(args.function.name)(): field must be an auto-encoder or an optimal_dae field",
                              argument: "field", hint: "a density's score is a gradient: its Jacobian is always symmetric")
        }
        let points = try args.points("x", dim: d)
        let js = try (0..<points.data.n).map { i -> [Double] in
            try args.context.checkInterrupt()
            return field.jacobian(at: points.data.row(i))
        }
        return (points, d, js)
    }

    static let asymmetry = Function(
        name: "asymmetry",
        parameters: [Parameter("field"), Parameter("x")],
        doc: """
        asymmetry(field, x): ‖J − Jᵀ‖_F / ‖J‖_F for the Jacobian J = ∂r/∂x of an auto-encoder (§3.6).

        0 when r − x is locally a gradient field (always for tied weights); larger for untied weights.
        A number for one point, a list for several.

            asymmetry(optimal_dae(spiral_density(), 0.02), [0.1, 0.2])   # 0
        """
    ) { args in
        let (points, d, js) = try jacobians(args)
        return points.scalars(js.map { FieldGeometry.asymmetry(jacobian: $0, dim: d) })
    }

    static let curl = Function(
        name: "curl",
        parameters: [Parameter("field"), Parameter("x")],
        doc: """
        curl(field, x): ∂r_y/∂x − ∂r_x/∂y of a 2-D auto-encoder's reconstruction (§3.6); 0 for a
        conservative field. A number for one point, a list for several.

            curl(optimal_dae(spiral_density(), 0.02), [0.1, 0.2])        # 0
        """
    ) { args in
        let (d, _, _, _) = try fieldArgument(args)
        guard d == 2 else {
            throw NativeError("curl(): field must be 2-D, got dimension \(d)", argument: "field",
                              hint: "asymmetry(field, x) measures the same in any dimension")
        }
        let (points, _, js) = try jacobians(args)
        return points.scalars(js.map { FieldGeometry.curl(jacobian: $0) })
    }
}
