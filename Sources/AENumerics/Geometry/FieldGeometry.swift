/// The local geometry of a score field: tangent and normal directions (§3.8) and how far a learned field
/// is from being conservative (§3.6).
public enum FieldGeometry {
    /// The estimated Hessian of log p from an auto-encoder's Jacobian: (∂r/∂x − I)/σ² (§3.8, eq. 8).
    public static func hessian(jacobian j: [Double], dim d: Int, sigma: Double) -> [Double] {
        var h = j
        let scale = 1 / (sigma * sigma)
        for i in 0..<d { h[i * d + i] -= 1 }
        for k in h.indices { h[k] *= scale }
        return h
    }

    /// The eigen-decomposition of the symmetric part of a Hessian, largest eigenvalue first: near a
    /// manifold, eigenvalues near 0 belong to directions along it and strongly negative ones to
    /// directions across it.
    public static func directions(hessian: [Double], dim d: Int) -> SymmetricEigen {
        SymmetricEigen(hessian, dim: d)
    }

    /// ‖J − Jᵀ‖_F / ‖J‖_F: 0 exactly when J is symmetric, as the Jacobian of r(x) = x + σ²∇ log p̃ must
    /// be for a conservative field (§3.6). 0 for J = 0.
    public static func asymmetry(jacobian j: [Double], dim d: Int) -> Double {
        var skew = 0.0, norm = 0.0
        for i in 0..<d {
            for k in 0..<d {
                let a = j[i * d + k] - j[k * d + i]
                skew += a * a
                norm += j[i * d + k] * j[i * d + k]
            }
        }
        return norm == 0 ? 0 : (skew / norm).squareRoot()
    }

    /// The curl ∂r_y/∂x − ∂r_x/∂y of a 2-D field from its Jacobian (row i holds ∂r_i/∂x_j).
    public static func curl(jacobian j: [Double]) -> Double {
        precondition(j.count == 4)
        return j[2] - j[1]
    }
}
