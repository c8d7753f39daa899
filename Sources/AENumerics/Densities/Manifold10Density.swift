/// The exact density of the paper's Figure 6 data: the mixture of the 25 elongated Gaussians of
/// ``Manifold10`` (means on the curve, sd ‖v‖ along the step v to the next mean and 0.1‖v‖ across),
/// with the parameters of `Manifold10.standard`, not a copy of them.
///
/// This is the untruncated mixture. The data generator redraws the rare point (p < 10⁻³) that falls
/// outside [−1.5, 1.5]¹⁰, so inside the box the data density is this one times a constant: the scores
/// agree exactly there. `draw` samples the untruncated mixture, consistent with `logp`.
public enum Manifold10Density {
    /// The mixture, as a ``Mixture`` of full-covariance ``Normal``s.
    public static func make(_ manifold: Manifold10 = .standard) -> Mixture {
        let components: [any Density] = (0..<Manifold10.componentCount).map { k in
            // Σ_k is symmetric positive definite by construction (b²·I + (a² − b²)·u·uᵀ, a > b > 0).
            Normal(mean: manifold.means[k], covariance: manifold.covariance(k))!
        }
        return Mixture(components: components, weights: manifold.weights, name: "manifold10")
    }
}
