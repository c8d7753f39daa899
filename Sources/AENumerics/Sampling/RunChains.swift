#if canImport(Glibc)
import Glibc
#endif

/// Where the chains start.
public enum ChainStart {
    /// Each chain starts at a row of the dataset drawn at random (from that chain's own stream).
    case data(Dataset)
    /// Every chain starts at this point.
    case point([Double])
    /// Each chain starts at its own draw of N(0, sd²·I) (from its own stream): broad noise, the start of
    /// annealed Langevin (Song & Ermon start from uniform noise).
    case noise(sd: Double)

    /// The starting states of `chains` chains in d dimensions, chain-major; chain c's random numbers come
    /// from `rngs[c]`, so the starts do not depend on the number of chains run beside it.
    func states(chains: Int, dim d: Int, rngs: inout [Xoshiro256]) throws -> [Double] {
        var x = [Double](repeating: 0, count: chains * d)
        switch self {
        case .point(let p):
            guard p.count == d else {
                throw SamplingError("the start point has \(p.count) coordinates but the model is \(d)-dimensional")
            }
            guard p.allSatisfy({ $0.isFinite }) else { throw SamplingError("the start point is not finite") }
            for c in 0..<chains { for j in 0..<d { x[c * d + j] = p[j] } }
        case .data(let data):
            guard data.dim == d else {
                throw SamplingError("the start data is \(data.dim)-dimensional but the model is \(d)-dimensional")
            }
            guard data.n >= 1 else { throw SamplingError("the start data is empty") }
            for c in 0..<chains {
                let row = rngs[c].index(data.n)
                for j in 0..<d { x[c * d + j] = data[row, j] }
            }
        case .noise(let sd):
            guard sd.isFinite && sd > 0 else { throw SamplingError("the start noise's sd must be > 0, got \(sd)") }
            for c in 0..<chains { for j in 0..<d { x[c * d + j] = sd * rngs[c].normal() } }
        }
        return x
    }
}

/// Runs `chains` Markov chains of `sampler` on `field` in lock-step and returns `draws` draws per chain
/// after `burn` discarded steps, keeping every `thin`-th state.
///
/// At each step the points every chain needs (all path points of all chains, and for MALA the
/// proposals) are stacked into ONE dataset and evaluated by ONE call `field.score(_:threads:)`, so a
/// model evaluates them in one fused, batched pass. Chain c draws its random numbers from its own stream
/// `Xoshiro256(seed: seed, stream: c)` in a fixed order (proposal normals, then one uniform), and the
/// field's result does not depend on `threads`: the chains are identical for any thread count.
///
/// `progress(done, total)` is called after every step (total = burn + draws·thin); returning false
/// stops the run, and the draws recorded so far are returned (the chain is marked `interrupted`).
///
///     let chain = try runChains(field: ae, sampler: .mh(sigma: 0.1), draws: 5000,
///                               start: .data(train), seed: 1)
///     chain.rhat   // per dimension
public func runChains(field: ScoreField, sampler: Sampler, draws: Int, chains: Int = 4, burn: Int = 1000,
                      thin: Int = 1, start: ChainStart, seed: UInt64, threads: Int = 0,
                      progress: ((Int, Int) -> Bool)? = nil) throws -> Chain {
    let d = field.dim
    guard draws >= 1 else { throw SamplingError("the number of draws must be ≥ 1, got \(draws)") }
    guard chains >= 1 else { throw SamplingError("the number of chains must be ≥ 1, got \(chains)") }
    guard burn >= 0 else { throw SamplingError("burn must be ≥ 0, got \(burn)") }
    guard thin >= 1 else { throw SamplingError("thin must be ≥ 1, got \(thin)") }
    let energyField = field as? EnergyField
    if sampler.exactEnergy && energyField == nil {
        throw SamplingError("exact energy needs a density with a known energy, not an estimated score")
    }
    switch sampler.method {
    case .metropolis(let s), .langevin(let s), .mala(let s):
        guard s.isFinite && s > 0 else { throw SamplingError("the sampler's step must be > 0, got \(s)") }
    case .annealedLangevin:
        throw SamplingError("annealed Langevin samples a ladder of noise levels, not a single score field")
    }

    var rngs = (0..<chains).map { Xoshiro256(seed: seed, stream: UInt64($0)) }
    let x = try start.states(chains: chains, dim: d, rngs: &rngs)

    let clock = ContinuousClock()
    let began = clock.now
    var stepper = ChainStepper(field: field, energyField: energyField, sampler: sampler, chains: chains,
                               dim: d, x: x, threads: threads)
    let total = burn + draws * thin
    var recorded = [[Double]](repeating: [], count: chains)
    for c in 0..<chains { recorded[c].reserveCapacity(draws * d) }
    var accepted = [Int](repeating: 0, count: chains)
    var travel = [Double](repeating: 0, count: chains)
    var proposed = 0
    var interrupted = false
    var step = 0
    while step < total {
        let before = stepper.x
        let moved = stepper.step(&rngs)
        stepper.addTravel(since: before, to: &travel)
        step += 1
        if step > burn {
            proposed += 1
            for c in 0..<chains where moved[c] { accepted[c] += 1 }
            if (step - burn) % thin == 0 {
                for c in 0..<chains { recorded[c].append(contentsOf: stepper.x[c * d ..< (c + 1) * d]) }
            }
        }
        if let progress, !progress(step, total) {
            interrupted = step < total
            break
        }
    }
    let elapsed = began.duration(to: clock.now).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    let kept = recorded[0].count / d
    return Chain(
        draws: recorded.map { Dataset(rows: kept, dim: d, values: $0) },
        acceptance: accepted.map { proposed > 0 ? Double($0) / Double(proposed) : .nan },
        seconds: seconds, sampler: sampler, interrupted: interrupted, travel: travel)
}

/// The state of all chains and one lock-step transition of them.
struct ChainStepper {
    let field: ScoreField
    let energyField: EnergyField?
    let sampler: Sampler
    let chains: Int
    let d: Int
    let threads: Int
    /// Current states, chain-major (chains × d).
    var x: [Double]
    /// Score at the current states (Langevin, MALA), chain-major.
    var scoreAtX: [Double] = []
    /// Exact energy at the current states (exact-energy samplers).
    var energyAtX: [Double] = []

    init(field: ScoreField, energyField: EnergyField?, sampler: Sampler, chains: Int, dim: Int, x: [Double],
         threads: Int) {
        self.field = field
        self.energyField = energyField
        self.sampler = sampler
        self.chains = chains
        self.d = dim
        self.x = x
        self.threads = threads
        let here = Dataset(rows: chains, dim: dim, values: x)
        switch sampler.method {
        case .langevin, .mala: scoreAtX = field.score(here, threads: threads).values
        case .metropolis, .annealedLangevin: break
        }
        if sampler.exactEnergy, let energyField { energyAtX = energyField.energy(here, threads: threads) }
    }

    /// Advances every chain once; returns which chains moved.
    mutating func step(_ rngs: inout [Xoshiro256]) -> [Bool] {
        switch sampler.method {
        case .metropolis(let sigma): return metropolis(sigma: sigma, &rngs)
        case .langevin(let h): return langevin(h: h, &rngs)
        case .mala(let h): return mala(h: h, &rngs)
        case .annealedLangevin: preconditionFailure("annealed Langevin is run by runAnnealedLangevin")
        }
    }

    /// Adds each chain's distance ‖x − before‖ to `travel`.
    func addTravel(since before: [Double], to travel: inout [Double]) {
        for c in 0..<chains {
            var s = 0.0
            for j in 0..<d { let t = x[c * d + j] - before[c * d + j]; s += t * t }
            travel[c] += s.squareRoot()
        }
    }

    /// x* = x + σ·ξ; log α = −ΔE, ΔE by the path rule (one batched score call) or exactly.
    mutating func metropolis(sigma: Double, _ rngs: inout [Xoshiro256]) -> [Bool] {
        var proposal = x
        for c in 0..<chains { for j in 0..<d { proposal[c * d + j] += sigma * rngs[c].normal() } }
        let logAlpha: [Double]
        var proposalEnergy: [Double] = []
        if sampler.exactEnergy, let energyField {
            proposalEnergy = energyField.energy(Dataset(rows: chains, dim: d, values: proposal), threads: threads)
            logAlpha = (0..<chains).map { energyAtX[$0] - proposalEnergy[$0] }
        } else {
            logAlpha = pathLogRatio(to: proposal)
        }
        var moved = [Bool](repeating: false, count: chains)
        for c in 0..<chains where accept(logAlpha[c], &rngs[c]) {
            moved[c] = true
            for j in 0..<d { x[c * d + j] = proposal[c * d + j] }
            if !proposalEnergy.isEmpty { energyAtX[c] = proposalEnergy[c] }
        }
        return moved
    }

    /// x' = x + h·score(x) + √(2h)·ξ, then one batched call for the score at the new states.
    mutating func langevin(h: Double, _ rngs: inout [Xoshiro256]) -> [Bool] {
        let noise = (2 * h).squareRoot()
        for c in 0..<chains {
            for j in 0..<d { x[c * d + j] += h * scoreAtX[c * d + j] + noise * rngs[c].normal() }
        }
        scoreAtX = field.score(Dataset(rows: chains, dim: d, values: x), threads: threads).values
        return [Bool](repeating: true, count: chains)
    }

    /// The Langevin move as a proposal y; log α = −ΔE + log q(x|y) − log q(y|x) with
    /// q(y|x) = N(y; x + h·score(x), 2h·I). The path points and the proposals go in one batched call.
    mutating func mala(h: Double, _ rngs: inout [Xoshiro256]) -> [Bool] {
        let noise = (2 * h).squareRoot()
        var proposal = x
        for c in 0..<chains {
            for j in 0..<d { proposal[c * d + j] += h * scoreAtX[c * d + j] + noise * rngs[c].normal() }
        }
        var logAlpha: [Double]
        let scoreAtProposal: [Double]
        var proposalEnergy: [Double] = []
        if sampler.exactEnergy, let energyField {
            let ys = Dataset(rows: chains, dim: d, values: proposal)
            scoreAtProposal = field.score(ys, threads: threads).values
            proposalEnergy = energyField.energy(ys, threads: threads)
            logAlpha = (0..<chains).map { energyAtX[$0] - proposalEnergy[$0] }
        } else {
            let (ratio, extra) = pathLogRatio(to: proposal, alsoAtProposal: true)
            logAlpha = ratio
            scoreAtProposal = extra
        }
        for c in 0..<chains {
            var forward = 0.0, backward = 0.0
            for j in 0..<d {
                let f = proposal[c * d + j] - x[c * d + j] - h * scoreAtX[c * d + j]
                let b = x[c * d + j] - proposal[c * d + j] - h * scoreAtProposal[c * d + j]
                forward += f * f
                backward += b * b
            }
            logAlpha[c] += (forward - backward) / (4 * h)
        }
        var moved = [Bool](repeating: false, count: chains)
        for c in 0..<chains where accept(logAlpha[c], &rngs[c]) {
            moved[c] = true
            for j in 0..<d {
                x[c * d + j] = proposal[c * d + j]
                scoreAtX[c * d + j] = scoreAtProposal[c * d + j]
            }
            if !proposalEnergy.isEmpty { energyAtX[c] = proposalEnergy[c] }
        }
        return moved
    }

    /// −ΔE for every chain by the path rule: Σₖ wₖ·score(x + tₖΔ)·Δ (eq. 13), all chains' path points in
    /// one batch.
    /// A ``LineIntegrableField`` (e.g. an auto-encoder) integrates along the segments itself.
    func pathLogRatio(to proposal: [Double]) -> [Double] {
        if let line = field as? LineIntegrableField,
           let ratio = line.lineIntegrals(from: Dataset(rows: chains, dim: d, values: x),
                                          to: Dataset(rows: chains, dim: d, values: proposal),
                                          path: sampler.path, threads: threads) {
            return ratio
        }
        return pathLogRatio(to: proposal, alsoAtProposal: false).ratio
    }

    /// As above; with `alsoAtProposal` the proposals are appended to the batch and their scores returned.
    func pathLogRatio(to proposal: [Double], alsoAtProposal: Bool) -> (ratio: [Double], atProposal: [Double]) {
        let q = sampler.path.count
        let rowsPerChain = q + (alsoAtProposal ? 1 : 0)
        var batch = [Double](repeating: 0, count: chains * rowsPerChain * d)
        for c in 0..<chains {
            for k in 0..<q {
                let t = sampler.path.nodes[k]
                let base = (c * rowsPerChain + k) * d
                for j in 0..<d { batch[base + j] = x[c * d + j] + t * (proposal[c * d + j] - x[c * d + j]) }
            }
            if alsoAtProposal {
                let base = (c * rowsPerChain + q) * d
                for j in 0..<d { batch[base + j] = proposal[c * d + j] }
            }
        }
        let scores = field.score(Dataset(rows: chains * rowsPerChain, dim: d, values: batch), threads: threads).values
        var ratio = [Double](repeating: 0, count: chains)
        var atProposal = alsoAtProposal ? [Double](repeating: 0, count: chains * d) : []
        for c in 0..<chains {
            var sum = 0.0
            for k in 0..<q {
                let base = (c * rowsPerChain + k) * d
                var dot = 0.0
                for j in 0..<d { dot += scores[base + j] * (proposal[c * d + j] - x[c * d + j]) }
                sum += sampler.path.weights[k] * dot
            }
            ratio[c] = sum
            if alsoAtProposal {
                let base = (c * rowsPerChain + q) * d
                for j in 0..<d { atProposal[c * d + j] = scores[base + j] }
            }
        }
        return (ratio, atProposal)
    }

    /// Metropolis test; always draws one uniform so every chain's stream advances identically.
    func accept(_ logAlpha: Double, _ rng: inout Xoshiro256) -> Bool {
        let u = 1 - rng.uniform()   // in (0, 1], so log u is finite
        return logAlpha.isNaN ? false : log(u) < logAlpha
    }
}
