import AELang
import AENumerics

/// `score(field, x)` and `hessian(field, x)` for every score field, not only auto-encoders: a trained
/// model gives its estimate (r(x) − x)/σ² (eq. 5) and (∂r/∂x − I)/σ² (§3.8), an optimal DAE the same
/// from its exact r*_σ (eq. 3), a density its exact ∇ log p and ∇² log p. Models keep the query code
/// of ModelBuiltins (their point shapes and messages); the other fields take points as the density
/// builtins do (``PointSet``), so `score(p, x)` equals `true_score(p, x)` for a density.
enum FieldQueries {
    /// The field behind the first argument when it is not an auto-encoder, with its wrapper.
    static func otherField(_ args: Arguments, _ name: String) throws -> (any ScoreFieldValue, any ScoreField)? {
        guard case .object(let object) = args[name], !(object is ModelValue) else { return nil }
        guard let value = object as? any ScoreFieldValue else {
            throw args.mismatch(name, expected: "an auto-encoder, an optimal DAE or a density")
        }
        return (value, try args.scoreField(of: value, name))
    }

    /// score(field, x, unscaled:) for an optimal DAE or a density.
    static func score(_ args: Arguments, value: any ScoreFieldValue, field: any ScoreField) throws -> Value {
        let points = try args.points("x", dim: field.dim)
        let threads = value.isThreadSafe ? args.context.options.threads : 1
        let result: Dataset
        if try args.bool("unscaled") {
            guard let reconstruction = field as? any ReconstructionField else {
                throw NativeError("score(): unscaled: true needs an auto-encoder or an optimal DAE (it gives r(x) − x); \(withArticle(type(of: value).typeName)) has only its score",
                                  argument: "unscaled")
            }
            result = try value.checked {
                var r = reconstruction.reconstruct(points.data, threads: threads)
                for k in r.values.indices { r.values[k] -= points.data.values[k] }
                return r
            }
        } else {
            result = try value.checked { field.score(points.data, threads: threads) }
        }
        return points.vectors(result)
    }

    /// hessian(field, x) for an optimal DAE ((∂r/∂x − I)/σ²) or a density (exact): a list of rows at a
    /// point, a list of those for several points, a number for a 1-D point given as a number.
    static func hessian(_ args: Arguments, value: any ScoreFieldValue, field: any ScoreField) throws -> Value {
        let d = field.dim
        let points = try args.points("x", dim: d)
        let hessianAt: ([Double]) -> [Double]
        if let density = field as? any Density {
            hessianAt = { density.hessian(at: $0) }
        } else if let reconstruction = field as? any ReconstructionField {
            hessianAt = { FieldGeometry.hessian(jacobian: reconstruction.jacobian(at: $0), dim: d, sigma: reconstruction.sigma) }
        } else {
            throw NativeError("hessian(): \(withArticle(type(of: value).typeName)) has no Hessian", argument: "ae")
        }
        let matrices = try value.checked {
            (0..<points.data.n).map { i -> Value in
                let h = hessianAt(points.data.row(i))
                if points.shape == .number { return .number(h[0]) }
                return .list((0..<d).map { r in .list((0..<d).map { .number(h[r * d + $0]) }) })
            }
        }
        return points.each(matrices)
    }
}
