#if canImport(Glibc)
import Glibc
#endif

/// Score fields of the data blurred at decreasing noise levels σ_1 > σ_2 > … > σ_L: what annealed
/// Langevin dynamics walks down (Song & Ermon 2019, "Generative Modeling by Estimating Gradients of the
/// Data Distribution").
///
/// A DAE trained with noise σ estimates the score of p_σ = p ∗ N(0, σ²I), not of p (paper §4.2): a
/// large σ gives a smooth field that points towards the data from far away and across the gaps between
/// modes, a small σ a sharp one near the data. One DAE per level (``train(data:sigmas:...)``), or the
/// exact smoothed scores of a density with a closed form (``init(density:sigmas:)``), the ground truth.
///
///     let ladder = try NoiseLadder(density: p, sigmas: NoiseLadder.geometric(from: 1, to: 0.01, levels: 10))
///     let chain = try runAnnealedLangevin(ladder: ladder, eps: 2e-5, stepsPerLevel: 100, chains: 500,
///                                         start: .noise(sd: 1), seed: 1)
public struct NoiseLadder {
    /// The noise levels, largest first.
    public let sigmas: [Double]
    /// The score of p_σ at each level.
    public let levels: [any ScoreField]

    /// Levels given by hand; `sigmas` must be finite, > 0 and strictly decreasing, one per field, and
    /// the fields of one dimension.
    public init(sigmas: [Double], levels: [any ScoreField]) throws {
        guard sigmas.count == levels.count else {
            throw SamplingError("a ladder needs one score field per noise level: \(sigmas.count) levels, \(levels.count) fields")
        }
        try Self.validate(sigmas)
        guard levels.allSatisfy({ $0.dim == levels[0].dim }) else {
            throw SamplingError("the ladder's fields differ in dimension")
        }
        self.sigmas = sigmas
        self.levels = levels
    }

    /// The exact scores of `density` blurred by N(0, σ²I) at each σ (Normal, Mixture, the spiral's
    /// density: those with a closed-form ``Density/smoothed(by:)``).
    public init(density: any Density, sigmas: [Double]) throws {
        try Self.validate(sigmas)
        var fields = [any ScoreField]()
        for sigma in sigmas {
            guard let smooth = density.smoothed(by: sigma) else {
                throw SamplingError("the \(density.name) density has no closed form blurred by noise")
            }
            fields.append(smooth)
        }
        try self.init(sigmas: sigmas, levels: fields)
    }

    /// Throws unless `sigmas` is a non-empty, strictly decreasing list of finite numbers > 0.
    public static func validate(_ sigmas: [Double]) throws {
        guard !sigmas.isEmpty else { throw SamplingError("a ladder needs at least one noise level") }
        for (i, s) in sigmas.enumerated() {
            guard s.isFinite && s > 0 else { throw SamplingError("noise level \(i) must be a finite number > 0, got \(s)") }
            if i > 0 && !(s < sigmas[i - 1]) {
                throw SamplingError("the noise levels must decrease, largest first: level \(i) is \(s) after \(sigmas[i - 1])")
            }
        }
    }

    /// `levels` noise levels spaced geometrically from `largest` down to `smallest` (Song & Ermon's choice:
    /// neighbouring levels overlap by the same ratio everywhere).
    public static func geometric(from largest: Double, to smallest: Double, levels: Int) -> [Double] {
        precondition(levels >= 1 && largest > 0 && smallest > 0)
        if levels == 1 { return [smallest] }
        let ratio = pow(smallest / largest, 1 / Double(levels - 1))
        return (0..<levels).map { $0 == levels - 1 ? smallest : largest * pow(ratio, Double($0)) }
    }

    public var dim: Int { levels[0].dim }
    /// The smallest noise level σ_L.
    public var smallestSigma: Double { sigmas[sigmas.count - 1] }

    /// Tweedie's estimate of the clean points at the smallest level: x + σ_L²·score_L(x).
    public func denoise(_ points: Dataset, threads: Int = 0) -> Dataset {
        tweedieDenoise(points, field: levels[levels.count - 1], sigma: smallestSigma, threads: threads)
    }

    /// One DAE per noise level, each trained on `data` by the fused training kernel with its own seed
    /// (`seed + level`), largest σ first. The cost is one training run per level, so it grows linearly with
    /// the number of levels. `progress(level, iteration, loss)` returning false stops the training with a
    /// ``SamplingError`` (a ladder with its lower levels untrained would sample nonsense). Also returns
    /// the seconds each level took.
    public static func train(data: Dataset, sigmas: [Double], hidden: Int, replicate: Int = 1, iterations: Int,
                             seed: UInt64 = 42, threads: Int = 0, shouldStop: (() -> Bool)? = nil,
                             progress: @escaping (Int, Int, Double) -> Bool = { _, _, _ in true }) throws
        -> (ladder: NoiseLadder, models: [AutoEncoder], seconds: [Double]) {
        try validate(sigmas)
        var models = [AutoEncoder](), seconds = [Double]()
        let clock = ContinuousClock()
        for (level, sigma) in sigmas.enumerated() {
            let began = clock.now
            let ae = try AutoEncoder(.dae(sigma: sigma), hidden: hidden, replicate: replicate, seed: seed &+ UInt64(level))
            let result = try AENumerics.train(ae, data: data, options: TrainingOptions(iterations: iterations, threads: threads),
                                              shouldStop: shouldStop) { i, loss, _ in progress(level, i, loss) }
            if result.reason == .interrupted { throw SamplingError("training was interrupted at level \(level)") }
            models.append(ae)
            let t = began.duration(to: clock.now).components
            seconds.append(Double(t.seconds) + Double(t.attoseconds) * 1e-18)
        }
        return (try NoiseLadder(sigmas: sigmas, levels: models), models, seconds)
    }
}

/// Tweedie's formula: the mean of the clean x given x̃ = x + N(0, σ²I) is x̃ + σ²·∇log p_σ(x̃). For an
/// auto-encoder trained with that σ this is r(x̃) itself (the score is (r − x)/σ², eq. 5), computed as
/// such, without the round trip.
public func tweedieDenoise(_ points: Dataset, field: any ScoreField, sigma: Double, threads: Int = 0) -> Dataset {
    if let ae = field as? ReconstructionField, ae.sigma == sigma { return ae.reconstruct(points, threads: threads) }
    var out = field.score(points, threads: threads)
    for k in out.values.indices { out.values[k] = points.values[k] + sigma * sigma * out.values[k] }
    return out
}
