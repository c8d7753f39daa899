/// Annealed Langevin dynamics (Song & Ermon 2019, Algorithm 1) with the final denoising step of
/// Jolicoeur-Martineau et al. 2020: `chains` independent chains walk down the ladder's noise levels,
/// `stepsPerLevel` unadjusted Langevin moves x' = x + h_i·s_i(x) + √(2h_i)·ξ at level i with
/// h_i = eps·σ_i²/σ_L² (Song & Ermon's α_i = 2h_i), then, when `denoise` is set, one Tweedie step
/// x + σ_L²·s_L(x). Each chain returns one draw: its final state.
///
/// Why anneal: at a large σ the blurred density has no gaps, so a chain from broad noise reaches every
/// mode, in proportion to its mass; each smaller σ then sharpens the sample. Plain Langevin at a small σ
/// cannot cross a gap between modes, and from one start stays in one mode.
///
/// The scaling keeps h_i/σ_i² = eps/σ_L² the same at every level: the step is the same fraction of
/// the scale on which the level's score changes. All chains are evaluated in one batched score call per
/// step; chain c draws its start and its noise from `Xoshiro256(seed: seed, stream: c)`, so the draws
/// are the same for any thread count. `progress(done, total)` (total = levels × stepsPerLevel)
/// returning false stops the run: the states reached so far are returned, undenoised, marked
/// `interrupted`.
///
///     let chain = try runAnnealedLangevin(ladder: ladder, eps: 2e-5, stepsPerLevel: 100, chains: 1000,
///                                         start: .noise(sd: ladder.sigmas[0]), seed: 1)
///     chain.samples   // 1000 × d
public func runAnnealedLangevin(ladder: NoiseLadder, eps: Double, stepsPerLevel: Int, chains: Int,
                                start: ChainStart, seed: UInt64, denoise: Bool = true, threads: Int = 0,
                                progress: ((Int, Int) -> Bool)? = nil) throws -> Chain {
    guard eps.isFinite && eps > 0 else { throw SamplingError("the step eps must be > 0, got \(eps)") }
    guard stepsPerLevel >= 1 else { throw SamplingError("the steps per level must be ≥ 1, got \(stepsPerLevel)") }
    guard chains >= 1 else { throw SamplingError("the number of chains must be ≥ 1, got \(chains)") }
    let d = ladder.dim
    var rngs = (0..<chains).map { Xoshiro256(seed: seed, stream: UInt64($0)) }
    var x = try start.states(chains: chains, dim: d, rngs: &rngs)
    let clock = ContinuousClock()
    let began = clock.now
    let total = ladder.sigmas.count * stepsPerLevel
    var travel = [Double](repeating: 0, count: chains)
    var done = 0
    var interrupted = false
    levels: for (level, sigma) in ladder.sigmas.enumerated() {
        let h = eps * (sigma * sigma) / (ladder.smallestSigma * ladder.smallestSigma)
        var stepper = ChainStepper(field: ladder.levels[level], energyField: nil, sampler: .langevin(step: h),
                                   chains: chains, dim: d, x: x, threads: threads)
        for _ in 0..<stepsPerLevel {
            let before = stepper.x
            _ = stepper.step(&rngs)
            stepper.addTravel(since: before, to: &travel)
            done += 1
            if let progress, !progress(done, total) {
                interrupted = done < total
                x = stepper.x
                if interrupted { break levels }
            }
        }
        x = stepper.x
    }
    var states = Dataset(rows: chains, dim: d, values: x)
    if denoise && !interrupted { states = ladder.denoise(states, threads: threads) }
    let elapsed = began.duration(to: clock.now).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    return Chain(draws: (0..<chains).map { states.rows([$0]) }, acceptance: [Double](repeating: 1, count: chains),
                 seconds: seconds, sampler: .annealedLangevin(eps: eps, stepsPerLevel: stepsPerLevel),
                 interrupted: interrupted, travel: travel)
}
