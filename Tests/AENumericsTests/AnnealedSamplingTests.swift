import XCTest
import AENumerics

/// Annealed Langevin over a ladder of noise levels, the multi-scale MMD and movement along a curve, on
/// cases with known answers (exact scores of a Gaussian mixture, exact blur). Fast enough for debug
/// builds except where marked.
final class AnnealedSamplingTests: XCTestCase {
    /// Two well-separated modes, weights 1 : 3, sd 0.3, means ±3 on the x axis.
    let mixture = Mixture(components: [Normal(mean: [-3, 0], sd: [0.3]), Normal(mean: [3, 0], sd: [0.3])],
                          weights: [1, 3])

    func fractionRight(_ samples: Dataset) -> Double {
        Double((0..<samples.n).filter { samples[$0, 0] > 0 }.count) / Double(samples.n)
    }

    /// Song & Ermon's mode-weighting argument (their §3.2, Figure 3): Langevin with the exact score of a
    /// mixture whose modes are far apart, started in one mode, never leaves it (the score there carries
    /// no information about the other mode's weight), while annealed Langevin from broad noise, walking
    /// down exact blurred scores, lands in the modes in proportion to their weights.
    ///
    /// The annealing must be slow near the noise level where the barrier between the modes forms
    /// (σ ≈ 1–2 here): measured fractions in the right mode with 4000 chains, in ae and in an
    /// independent NumPy implementation of the same algorithm (within 0.005 of each other):
    /// 20 levels × 100 steps, eps/σ_L² = 0.08: 0.727; 10 levels × 200 steps, 0.2: 0.730;
    /// 20 levels × 300 steps, 0.08: 0.7515; with 8000 chains, 12 levels from 6 to 0.3 (the same spacing
    /// where the barrier forms; the levels below 0.3 do not move chains between modes) × 200 steps,
    /// 0.08: 0.756 (the setting used; ae: 0.749 with 1000 chains on the 20-level schedule). The bias of
    /// the fast schedules comes from populations freezing before they equilibrate across the forming
    /// barrier, and from the unadjusted step's O(h) widening.
    func testAnnealedLangevinRecoversMixtureWeightsWherePlainLangevinStaysInOneMode() throws {
        #if DEBUG
        throw XCTSkip("2.4 million score evaluations: run with swift test -c release")
        #endif
        let sigmas = NoiseLadder.geometric(from: 6, to: 0.3, levels: 12)
        let ladder = try NoiseLadder(density: mixture, sigmas: sigmas)
        let eps = 0.08 * 0.3 * 0.3, steps = 200, chains = 1000
        let annealed = try runAnnealedLangevin(ladder: ladder, eps: eps, stepsPerLevel: steps, chains: chains,
                                               start: .noise(sd: 6), seed: 5)
        let weight = fractionRight(annealed.samples)
        let mcse = (0.75 * 0.25 / Double(chains)).squareRoot()
        // Plain Langevin with the same step as the last level and as many steps, from one start in the
        // lighter mode.
        let plain = try runChains(field: mixture, sampler: .langevin(step: eps), draws: 1, chains: chains,
                                  burn: sigmas.count * steps - 1, start: .point([-3, 0]), seed: 5)
        let plainWeight = fractionRight(plain.samples)
        print("mixture weights: annealed \(weight) (true 0.75, MCSE \(mcse)), plain Langevin from one start \(plainWeight)")
        XCTAssertEqual(weight, 0.75, accuracy: 3 * mcse)
        XCTAssertEqual(plainWeight, 0)
        XCTAssertFalse(annealed.interrupted)
        // Every chain travelled from its start down to a mode: at least the start's distance to it, minus
        // the mode's spread.
        XCTAssertGreaterThan(annealed.travel.min()!, 1)
    }

    /// The multi-scale kernel separates clean held-out manifold10 data from the same data blurred by
    /// N(0, 0.1²I), which the median-bandwidth MMD cannot (measured: −7e-4 against −4e-4 with 1000 points,
    /// well inside each other's noise). The Monte Carlo error is the spread over independent pairs of
    /// samples.
    func testMultiScaleMMDSeesABlurThatTheMedianBandwidthMisses() {
        let bandwidths = [0.1, 0.2, 0.5, 1]
        var clean = [Double](), blurred = [Double](), cleanMedian = [Double](), blurredMedian = [Double]()
        for trial in 0..<6 {
            var rng = Xoshiro256(seed: 900 + UInt64(trial))
            let reference = DataGenerators.manifold10(400, rng: &rng)
            let other = DataGenerators.manifold10(400, rng: &rng)
            var blur = DataGenerators.manifold10(400, rng: &rng)
            for k in blur.values.indices { blur.values[k] += 0.1 * rng.normal() }
            clean.append(SampleDistance.mmd(other, reference, bandwidths: bandwidths))
            blurred.append(SampleDistance.mmd(blur, reference, bandwidths: bandwidths))
            cleanMedian.append(SampleDistance.mmd(other, reference))
            blurredMedian.append(SampleDistance.mmd(blur, reference))
        }
        func meanAndError(_ x: [Double]) -> (Double, Double) {
            let m = x.reduce(0, +) / Double(x.count)
            let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
            return (m, (v / Double(x.count)).squareRoot())
        }
        let (c, ce) = meanAndError(clean), (b, be) = meanAndError(blurred)
        let (cm, cme) = meanAndError(cleanMedian), (bm, bme) = meanAndError(blurredMedian)
        let margin = (b - c) / (ce * ce + be * be).squareRoot()
        let marginMedian = (bm - cm) / (cme * cme + bme * bme).squareRoot()
        print("MMD² to clean data, multi-scale \(bandwidths): clean \(c) ± \(ce), blurred \(b) ± \(be) "
              + "(\(margin) standard errors); median bandwidth: clean \(cm) ± \(cme), blurred \(bm) ± \(bme) (\(marginMedian))")
        XCTAssertGreaterThan(margin, 5)
        // Each single blurred sample is farther than every clean one, not just on average.
        XCTAssertGreaterThan(blurred.min()!, clean.max()!)
    }

    /// A ladder of one exact level sampled with one step per level and no denoising is plain Langevin:
    /// the same states as runChains with that step and seed, for any thread count; the denoising step is
    /// Tweedie's x + σ²·score, which for a Gaussian N(0, s²) blurred by σ is x·s²/(s² + σ²) exactly.
    func testAnnealedLangevinIsLangevinPerLevelAndDenoisesByTweedie() throws {
        let p = Normal(mean: [0, 0], sd: [1])
        let ladder = try NoiseLadder(density: p, sigmas: [0.5])
        let one = try runAnnealedLangevin(ladder: ladder, eps: 0.01, stepsPerLevel: 7, chains: 5,
                                          start: .point([1, 2]), seed: 3, denoise: false, threads: 1)
        let plain = try runChains(field: p.smoothed(by: 0.5)!, sampler: .langevin(step: 0.01), draws: 1, chains: 5,
                                  burn: 6, start: .point([1, 2]), seed: 3, threads: 1)
        XCTAssertEqual(one.samples.values, plain.samples.values)
        let four = try runAnnealedLangevin(ladder: ladder, eps: 0.01, stepsPerLevel: 7, chains: 5,
                                           start: .point([1, 2]), seed: 3, denoise: true, threads: 4)
        for k in four.samples.values.indices {
            XCTAssertEqual(four.samples.values[k], one.samples.values[k] / 1.25, accuracy: 1e-14)
        }
        // Steps scale as σ_i²/σ_L²: with levels [1, 0.5] the first level's step is 4·eps; stopped after
        // the first level, the states are those of Langevin with step 0.04 on p blurred by σ = 1.
        let two = try NoiseLadder(density: p, sigmas: [1, 0.5])
        let firstLevel = try runAnnealedLangevin(ladder: two, eps: 0.01, stepsPerLevel: 3, chains: 2,
                                                 start: .point([1, 2]), seed: 8) { done, _ in done < 3 }
        let first = try runChains(field: p.smoothed(by: 1)!, sampler: .langevin(step: 0.04), draws: 1, chains: 2,
                                  burn: 2, start: .point([1, 2]), seed: 8)
        XCTAssertEqual(firstLevel.samples.values, first.samples.values)
        XCTAssertEqual(firstLevel.travel, first.travel)
    }

    /// A ladder of trained DAEs: the same seed gives the same draws, bit for bit, on one thread or four.
    func testAnnealedDrawsDoNotDependOnTheThreadCount() throws {
        var rng = Xoshiro256(seed: 11)
        let data = DataGenerators.spiral(200, rng: &rng)
        let (ladder, models, seconds) = try NoiseLadder.train(data: data, sigmas: [0.3, 0.1, 0.03], hidden: 8,
                                                              iterations: 5, seed: 12, threads: 2)
        XCTAssertEqual(models.map(\.sigma), [0.3, 0.1, 0.03])
        XCTAssertEqual(seconds.count, 3)
        let runs = try [1, 4].map { threads in
            try runAnnealedLangevin(ladder: ladder, eps: 1e-5, stepsPerLevel: 10, chains: 300, start: .noise(sd: 0.3),
                                    seed: 13, threads: threads)
        }
        XCTAssertEqual(runs[0].samples.values, runs[1].samples.values)
        XCTAssertEqual(runs[0].travel, runs[1].travel)
        // The denoising step of a DAE ladder is r of the last level.
        let raw = try runAnnealedLangevin(ladder: ladder, eps: 1e-5, stepsPerLevel: 10, chains: 300, start: .noise(sd: 0.3),
                                          seed: 13, denoise: false, threads: 2)
        XCTAssertEqual(models[2].reconstruct(raw.samples, threads: 1).values, runs[0].samples.values)
    }

    /// Interrupting returns the states reached so far, undenoised, marked interrupted.
    func testInterruptedAnnealingReturnsTheStatesSoFar() throws {
        let p = Normal(mean: [0, 0], sd: [1])
        let ladder = try NoiseLadder(density: p, sigmas: [1, 0.5])
        let stopped = try runAnnealedLangevin(ladder: ladder, eps: 0.01, stepsPerLevel: 10, chains: 3,
                                              start: .point([1, 2]), seed: 4) { done, _ in done < 5 }
        XCTAssertTrue(stopped.interrupted)
        let five = try runAnnealedLangevin(ladder: try NoiseLadder(density: p, sigmas: [1]), eps: 0.04, stepsPerLevel: 5,
                                           chains: 3, start: .point([1, 2]), seed: 4, denoise: false)
        XCTAssertEqual(stopped.samples.values, five.samples.values)
    }

    func testBadLaddersAreClearErrors() {
        let p = Normal(mean: [0], sd: [1])
        XCTAssertThrowsError(try NoiseLadder(density: p, sigmas: [0.1, 0.5])) {
            XCTAssertEqual(($0 as? SamplingError)?.message,
                           "the noise levels must decrease, largest first: level 1 is 0.5 after 0.1")
        }
        XCTAssertThrowsError(try NoiseLadder(density: p, sigmas: [])) {
            XCTAssertEqual(($0 as? SamplingError)?.message, "a ladder needs at least one noise level")
        }
        XCTAssertThrowsError(try NoiseLadder(density: p, sigmas: [1, -1])) {
            XCTAssertEqual(($0 as? SamplingError)?.message, "noise level 1 must be a finite number > 0, got -1.0")
        }
        let geometric = NoiseLadder.geometric(from: 1, to: 0.01, levels: 3)
        XCTAssertEqual(geometric.count, 3)
        XCTAssertEqual(geometric[0], 1)
        XCTAssertEqual(geometric[1], 0.1, accuracy: 1e-15)
        XCTAssertEqual(geometric[2], 0.01)
    }
}
