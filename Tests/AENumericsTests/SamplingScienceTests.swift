import XCTest
import AENumerics

/// The paper's sampling experiments on trained auto-encoders (§4.2 Figure 6, §4.3 Figure 7), at sizes
/// that run in well under a minute each in a release build. Skipped in debug builds.
final class SamplingScienceTests: XCTestCase {
    func requireRelease() throws {
        #if DEBUG
        throw XCTSkip("trains auto-encoders: run with swift test -c release")
        #endif
    }

    /// Figure 6: a DAE trained on manifold10 with σ_train = 0.1 and sampled with mh(0.1) stays near the
    /// curve and travels along it.
    ///
    /// What a DAE with σ_train learns is the data density blurred by N(0, σ²I) (Tweedie; the paper says as
    /// much in §4.2), and in 10-D that blur alone moves points about σ·√9 ≈ 0.3 off the curve, three times
    /// the data's own median distance (≈ 0.1). So the samples are compared with held-out data blurred by
    /// σ_train, and with a Gaussian of the data's mean and covariance, the baseline that ignores the curve.
    func testFigure6SamplesFollowTheTenDimensionalManifold() throws {
        try requireRelease()
        var rng = Xoshiro256(seed: 60)
        let train = DataGenerators.manifold10(3000, rng: &rng)
        let heldOut = DataGenerators.manifold10(1000, rng: &rng)
        var blurred = heldOut
        for k in blurred.values.indices { blurred.values[k] += 0.1 * rng.normal() }
        let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 500, seed: 61)
        _ = try AENumerics.train(ae, data: train, options: TrainingOptions(iterations: 1000))
        let chain = try runChains(field: ae, sampler: .mh(sigma: 0.1), draws: 1000, chains: 40, burn: 1000, thin: 5,
                                  start: .data(train), seed: 62)
        let samples = chain.samples
        let curve = Manifold10.standard
        func median(_ x: [Double]) -> Double { let s = x.sorted(); return s[s.count / 2] }
        let gaussian = gaussianFit(train, n: 1000, seed: 63)
        let distance = (samples: median(CurveJudging.distances(samples, to: curve)),
                        data: median(CurveJudging.distances(heldOut, to: curve)),
                        blurred: median(CurveJudging.distances(blurred, to: curve)),
                        gaussian: median(CurveJudging.distances(gaussian, to: curve)))
        let cover = (samples: CurveJudging.coverage(samples, of: curve, radius: 0.5),
                     gaussian: CurveJudging.coverage(gaussian, of: curve, radius: 0.5))
        let subsample = samples.rows(Array(stride(from: 0, to: samples.n, by: samples.n / 1000).prefix(1000)))
        let mmd = (samples: SampleDistance.mmd(subsample, heldOut), gaussian: SampleDistance.mmd(gaussian, heldOut))
        let acceptance = chain.acceptance.reduce(0, +) / Double(chain.chainCount)
        print("Figure 6: acceptance \(acceptance), max R̂ \(chain.rhat.max()!); median distance to the curve: samples "
              + "\(distance.samples), held-out data \(distance.data), blurred held-out \(distance.blurred), Gaussian fit "
              + "\(distance.gaussian); coverage (radius 0.5): samples \(cover.samples), Gaussian \(cover.gaussian); "
              + "MMD² to held-out: samples \(mmd.samples), Gaussian fit \(mmd.gaussian)")
        XCTAssertLessThanOrEqual(distance.samples, 1.25 * distance.blurred)
        XCTAssertLessThanOrEqual(distance.samples, 0.75 * distance.gaussian)
        XCTAssertGreaterThanOrEqual(cover.samples, 0.9)
        XCTAssertGreaterThan(cover.samples, cover.gaussian)
    }

    /// Figure 7: a DAE trained with too small a σ (0.01, one corruption per point) on the spiral has a
    /// fixed point of r far from the data — 10σ away, where no training example ever was — that drains
    /// most of the grid; one trained with σ = 0.05 and five corruptions per point has none, and every
    /// starting point ends near the data.
    func testFigure7SmallSigmaLeavesSpuriousAttractors() throws {
        try requireRelease()
        var rng = Xoshiro256(seed: 70)
        let spiral = DataGenerators.spiral(2000, rng: &rng)
        let grid = DataGenerators.grid(x: -0.7...0.7, y: -0.7...0.7, xSteps: 15, ySteps: 15)
        var spurious = [Double: Int](), strays = [Double: Int]()
        for sigma in [0.01, 0.05] {
            let ae = try AutoEncoder(.dae(sigma: sigma), hidden: 200, replicate: sigma > 0.01 ? 5 : 1, seed: 71)
            _ = try AENumerics.train(ae, data: spiral, options: TrainingOptions(iterations: 300))
            let report = findAttractors(field: ae, starts: grid, data: spiral, tolerance: 1e-7, maxIterations: 3000)
            spurious[sigma] = report.spurious.count
            print("Figure 7: σ = \(sigma): \(report.attractors.count) fixed points, \(report.spurious.count) spurious "
                  + "(farther than \(report.threshold) from the data), \(report.unconverged) unconverged; "
                  + "spurious: \(report.spurious.map { ($0.point, $0.basin, $0.distanceToData) }); \(report.strays) of 225 "
                  + "starts end farther than that")
            strays[sigma] = report.strays
        }
        XCTAssertGreaterThan(spurious[0.01]!, 0)
        XCTAssertEqual(spurious[0.05]!, 0)
        XCTAssertGreaterThan(strays[0.01]!, 100)
        XCTAssertEqual(strays[0.05]!, 0)
    }

    func gaussianFit(_ data: Dataset, n: Int, seed: UInt64) -> Dataset {
        let d = data.dim, mean = data.mean, cov = data.covariance
        var l = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for i in 0..<d {
            for j in 0...i {
                var s = cov[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                l[i][j] = i == j ? s.squareRoot() : s / l[j][j]
            }
        }
        var rng = Xoshiro256(seed: seed)
        var out = Dataset(rows: n, dim: d)
        for r in 0..<n {
            let z = (0..<d).map { _ in rng.normal() }
            for i in 0..<d { out[r, i] = mean[i] + (0...i).reduce(0) { $0 + l[i][$1] * z[$1] } }
        }
        return out
    }
}
