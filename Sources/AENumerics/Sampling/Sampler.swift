/// A Markov chain transition that needs only a ``ScoreField`` (or, for ground truth, an ``EnergyField``).
///
///     let s = Sampler.mh(sigma: 0.1)                         // the paper's sampler (§4.2, eq. 13)
///     let g = Sampler.mh(sigma: 0.1, steps: 4, rule: .gauss) // same chain law, 5× fewer evaluations
///     let l = Sampler.langevin(step: 1e-3)
///     let m = Sampler.mala(step: 1e-3)
public struct Sampler: Sendable, Equatable {
    public enum Method: Sendable, Equatable {
        /// Random-walk Metropolis–Hastings: x* = x + N(0, σ²I), accepted with min(1, exp(−ΔE)).
        case metropolis(sigma: Double)
        /// Unadjusted Langevin: x' = x + h·score(x) + √(2h)·ξ, always accepted (biased by O(h)).
        case langevin(step: Double)
        /// Metropolis-adjusted Langevin: the Langevin move as a proposal, accepted with
        /// min(1, exp(−ΔE) · q(x | x*) / q(x* | x)).
        case mala(step: Double)
        /// Annealed Langevin over a ``NoiseLadder`` (Song & Ermon 2019, Algorithm 1): `stepsPerLevel`
        /// Langevin moves at each noise level σ_i, largest first, with step h_i = eps·σ_i²/σ_L², then
        /// one denoising step x + σ_L²·score_L(x). Run by ``runAnnealedLangevin``, not ``runChains``.
        case annealedLangevin(eps: Double, stepsPerLevel: Int)
    }

    public var method: Method
    /// The rule for ΔE = E(x*) − E(x) (eq. 12–13); unused by `langevin` and when `exactEnergy` is set.
    public var path: PathQuadrature
    /// Use the field's exact energy for ΔE (the field must be an ``EnergyField``): ground truth.
    public var exactEnergy: Bool

    public init(method: Method, path: PathQuadrature = PathQuadrature(rule: .even, points: 20),
                exactEnergy: Bool = false) {
        self.method = method
        self.path = path
        self.exactEnergy = exactEnergy
    }

    /// The paper's approximate Metropolis–Hastings (§4.2): ΔE from the score at `steps` points of the
    /// segment x → x* (see ``PathRule`` for exactly which points).
    public static func mh(sigma: Double, steps: Int = 20, rule: PathRule = .even, exactEnergy: Bool = false) -> Sampler {
        Sampler(method: .metropolis(sigma: sigma), path: PathQuadrature(rule: rule, points: steps),
                exactEnergy: exactEnergy)
    }

    /// Unadjusted Langevin dynamics with step h.
    public static func langevin(step: Double) -> Sampler {
        Sampler(method: .langevin(step: step))
    }

    /// MALA with step h; ΔE by the path rule, or exact.
    public static func mala(step: Double, steps: Int = 20, rule: PathRule = .even, exactEnergy: Bool = false) -> Sampler {
        Sampler(method: .mala(step: step), path: PathQuadrature(rule: rule, points: steps), exactEnergy: exactEnergy)
    }

    /// Annealed Langevin with base step `eps` (the step at the smallest noise level).
    public static func annealedLangevin(eps: Double, stepsPerLevel: Int) -> Sampler {
        Sampler(method: .annealedLangevin(eps: eps, stepsPerLevel: stepsPerLevel))
    }

    /// Score evaluations per chain per transition (the cost unit of a step).
    public var evaluationsPerStep: Int {
        switch method {
        case .annealedLangevin: return 1
        case .metropolis: return exactEnergy ? 0 : path.count
        case .langevin: return 1
        case .mala: return exactEnergy ? 1 : path.count + 1
        }
    }

    /// A one-line description, e.g. `mh(sigma_mh: 0.1, steps: 20, rule: "even")`.
    public var description: String {
        let energy = exactEnergy ? "exact: true" : "steps: \(path.count), rule: \"\(path.rule.rawValue)\""
        switch method {
        case .metropolis(let sigma): return "mh(sigma_mh: \(sigma), \(energy))"
        case .langevin(let step): return "langevin(step: \(step))"
        case .mala(let step): return "mala(step: \(step), \(energy))"
        case .annealedLangevin(let eps, let steps): return "annealed_langevin(eps: \(eps), steps_per_level: \(steps))"
        }
    }
}
