import XCTest
import Foundation
import AENumerics

/// The paper's claims, checked on trained networks (run in release mode: a few seconds each).
final class ScienceTests: XCTestCase {
    override func setUpWithError() throws {
        #if DEBUG
        // Minutes unoptimised; the README's `swift test -c release` runs them in seconds.
        throw XCTSkip("the science checks train real networks: run them with swift test -c release")
        #endif
    }

    func gaussian(n: Int, dim: Int, sd: Double, seed: UInt64) -> Dataset {
        var rng = Xoshiro256(seed: seed)
        var data = Dataset(rows: n, dim: dim, values: (0 ..< n * dim).map { _ in rng.normal() })
        // Standardised exactly (column mean 0, standard deviation sd), so that the sample's own mean and
        // spread do not blur the comparison with the population's optimum.
        let mean = data.mean
        for j in 0..<dim {
            var ss = 0.0
            for i in 0..<n { ss += (data[i, j] - mean[j]) * (data[i, j] - mean[j]) }
            let scale = sd / (ss / Double(n)).squareRoot()
            for i in 0..<n { data[i, j] = (data[i, j] - mean[j]) * scale }
        }
        return data
    }

    /// Theorem 1 in its simplest case: for data N(0, s²I) the optimal DAE is r(x) = x·s²/(s² + σ²), so
    /// its score estimate (r(x) − x)/σ² is −x/(s² + σ²). A trained DAE must be within 5% of it for
    /// |x| ≤ 1.5s (relative error where |x| ≥ s/4; below, 5% of the value at s/4 in absolute terms).
    func checkGaussian(dim: Int, initialization: AutoEncoder.Initialization? = nil) throws {
        let s = 1.0, sigma = 0.7
        // The trained r is the best fit to E[x | x̃] on the sample: its error shrinks like
        // sqrt(residual variance × parameters / distinct points). The residual (sd ≈ 0.57) is large next to
        // the 5% wanted of r(x) − x (0.008 at x = s/4): many distinct points and few hidden units.
        let data = gaussian(n: 300_000, dim: dim, sd: s, seed: 11)
        let ae = try AutoEncoder(.dae(sigma: sigma), hidden: 4, seed: 3, initialization: initialization)
        let result = try train(ae, data: data, options: TrainingOptions(iterations: 600))
        print("gaussian \(dim)-D: loss \(result.loss) (optimum \(Double(dim) * s * s * sigma * sigma / (s * s + sigma * sigma))), \(result.iterations) iterations, |grad| \(result.gradientNorm), \(result.reason)")
        var points = [[Double]]()
        for k in 0...30 {
            let x = -1.5 * s + 3 * s * Double(k) / 30
            points.append(dim == 1 ? [x] : [x, 0.4 * x])
        }
        let estimate = ae.score(Dataset(rows: points), threads: 0)
        let floor = 0.05 * (0.25 * s) / (s * s + sigma * sigma)
        for (k, p) in points.enumerated() {
            for i in 0..<dim {
                let optimal = -p[i] / (s * s + sigma * sigma)
                let tolerance = max(0.05 * abs(optimal), floor)
                XCTAssertEqual(estimate[k, i], optimal, accuracy: tolerance, "x = \(p), coordinate \(i)")
            }
        }
    }

    func testGaussianScore1D() throws { try checkGaussian(dim: 1) }
    func testGaussianScore2D() throws { try checkGaussian(dim: 2) }
    /// The same from the paper's small random weights: measured loss 0.32950 (optimum 0.32886).
    func testGaussianScoreFromGlorotWeights() throws { try checkGaussian(dim: 1, initialization: .glorot) }

    /// Why the spiral's DAE starts from placed ridges by default: from the paper's small random (Glorot)
    /// weights at this test's size (4000 points, 300 units, σ = 0.01), L-BFGS stays at r(x) ≈ x, whose
    /// DAE loss is E‖ε‖² = 2σ² = 2·10⁻⁴: measured loss 1.96·10⁻⁴ after 800 iterations and 1.93·10⁻⁴ after
    /// 3000, median cosine with the direction to the curve 0.11 and 0.65, divergence on the curve −0.01
    /// and −0.06 (instead of −1): Figure 5's field is not learnt. (The ridge start: loss 0.96·10⁻⁴,
    /// cosine 0.99, divergence −1.02.) The paper's 10000 points and 1000 units were not tried from this
    /// start here. This test fails when that changes, so that the default can be revisited. About 2 s.
    func testSpiralFromGlorotWeightsStaysNearTheIdentity() throws {
        let sigma = 0.01
        var rng = Xoshiro256(seed: 21)
        let data = DataGenerators.spiral(4000, rng: &rng)
        let ae = try AutoEncoder(.dae(sigma: sigma), hidden: 300, seed: 4, initialization: .glorot)
        try train(ae, data: data, options: TrainingOptions(iterations: 800))
        let loss = ae.losses.last!
        let divergence = (0..<50).map { k -> Double in
            let j = ae.jacobian(at: data.row(k))
            return j[0] + j[3] - 2
        }.sorted()[25]
        print("spiral from Glorot weights: loss \(loss) (identity: \(2 * sigma * sigma)), median divergence \(divergence)")
        XCTAssertEqual(loss, 2 * sigma * sigma, accuracy: 0.05 * 2 * sigma * sigma)
        XCTAssertGreaterThan(divergence, -0.5)
    }

    /// Proposition 1 on trained networks (samples/07): on two bumps N(±1, 0.3²), a DAE and an RCAE of 30
    /// tanh units trained at σ = 0.3 on 2000 points both have, at the peak x = −1, the slope r′(−1) of
    /// their exact optima. For one Gaussian N(m, s²) both optima are the same linear map, r′ = s²/(s² + σ²)
    /// (the RCAE's Euler–Lagrange equation p(r − x) = σ²(p r′)′ holds for r = m + a(x − m) with
    /// a = s²/(s² + σ²)): 0.500 here; computed independently, the DAE's by Tweedie (0.5002) and the
    /// RCAE's from the exact solution of loss (10) on a fine grid (0.5034). Measured, trained (data and
    /// network seeds +0 … +3): RCAE 0.500, 0.518, 0.515, 0.476; DAE 0.534, 0.512, 0.515, 0.476 (spread
    /// 0.02): within 0.06. Their score estimates on [−2, 2] differ, relative to the DAE's, by 0.08–0.17
    /// (the optima's by 0.027: the rest is each network's fit to its sample): below 0.25. About 1 s.
    func testTrainedRCAEAndDAEContractAlikeAtAPeak() throws {
        let sigma = 0.3
        let p = Mixture(components: [Normal(mean: [-1], sd: [0.3]), Normal(mean: [1], sd: [0.3])])
        var rng = Xoshiro256(seed: 17)
        let data = p.draw(2000, rng: &rng)
        let dae = try AutoEncoder(.dae(sigma: sigma), hidden: 30, replicate: 5, seed: 5)
        try train(dae, data: data, options: TrainingOptions(iterations: 500))
        let rcae = try AutoEncoder(.rcae(sigma: sigma), hidden: 30, seed: 6)
        try train(rcae, data: data, options: TrainingOptions(iterations: 500))
        // The optima's slopes at the peak x = −1.
        let optimalDAE = try OptimalReconstruction(density: p, sigma: sigma).jacobian(at: [-1])[0]
        let fit = try NonParametric1D.rcae(density: p, sigma: sigma, m: 4001, range: -3...3)
        let i = fit.grid.firstIndex { $0 >= -1 - 1e-12 }!
        let optimalRCAE = (fit.r[i + 1] - fit.r[i - 1]) / (fit.grid[i + 1] - fit.grid[i - 1])
        let dae1 = try NonParametric1D.dae(density: p, sigma: sigma, m: 4001, range: -3...3)
        // Score gaps on [−2, 2], relative to the DAE's score.
        let xs = (0...40).map { -2 + 0.1 * Double($0) }
        let points = Dataset(rows: xs.count, dim: 1, values: xs)
        let sd = dae.score(points, threads: 1), sr = rcae.score(points, threads: 1)
        func rms(_ v: [Double]) -> Double { (v.reduce(0) { $0 + $1 * $1 } / Double(v.count)).squareRoot() }
        let trainedGap = rms(xs.indices.map { sr[$0, 0] - sd[$0, 0] }) / rms(xs.indices.map { sd[$0, 0] })
        let k = xs.map { x in fit.grid.firstIndex { $0 >= x - 1e-12 }! }
        let optimalGap = rms(k.map { fit.score[$0] - dae1.score[$0] }) / rms(k.map { dae1.score[$0] })
        let (jr, jd) = (rcae.jacobian(at: [-1])[0], dae.jacobian(at: [-1])[0])
        print("trained at σ = 0.3: r′(−1) RCAE \(jr) (optimum \(optimalRCAE)), DAE \(jd) (optimum \(optimalDAE)); "
              + "|RCAE − DAE|/|DAE| trained \(trainedGap), optima \(optimalGap)")
        let gaussian = 0.09 / (0.09 + sigma * sigma)
        XCTAssertEqual(optimalDAE, gaussian, accuracy: 0.005)
        XCTAssertEqual(optimalRCAE, gaussian, accuracy: 0.01)
        XCTAssertEqual(jd, optimalDAE, accuracy: 0.06)
        XCTAssertEqual(jr, optimalRCAE, accuracy: 0.06)
        XCTAssertLessThan(optimalGap, 0.05)
        XCTAssertLessThan(trainedGap, 0.25)
    }

    /// Figure 5: on the spiral with σ = 0.01 (tanh, linear decoder), r(x) − x points towards the curve.
    /// Points at distance σ/2 … 2σ from it: the median cosine between r(x) − x and the direction to the
    /// nearest point of the curve exceeds 0.9. Points of the curve are sinks of the size theory gives,
    /// and the fixed points between the arms repel. (Smaller than the paper's N = 10000, H = 1000;
    /// about 3 s in release.)
    func testSpiralReconstructionPointsToTheCurve() throws {
        let sigma = 0.01
        var rng = Xoshiro256(seed: 21)
        func curve(_ t: Double) -> (Double, Double) { (0.04 * t * sin(t), 0.04 * t * cos(t)) }
        let env = ProcessInfo.processInfo.environment
        let n = Int(env["SPIRAL_N"] ?? "") ?? 4000, hidden = Int(env["SPIRAL_H"] ?? "") ?? 300
        let iterations = Int(env["SPIRAL_ITERS"] ?? "") ?? 800
        var data = Dataset(rows: n, dim: 2)
        for i in 0..<data.n {
            let (x, y) = curve(rng.uniform(3, 12))
            data[i, 0] = x; data[i, 1] = y
        }
        let ae = try AutoEncoder(.dae(sigma: sigma), hidden: hidden, seed: 4)
        try train(ae, data: data, options: TrainingOptions(iterations: iterations))
        print("spiral: loss \(ae.losses.last!) after \(ae.iterations) iterations")

        // Test points: off the curve along its normal, by σ/2 … 2σ, on either side.
        var points = [[Double]]()
        for _ in 0..<400 {
            let t = rng.uniform(3.5, 11.5)
            let (x, y) = curve(t)
            let dx = 0.04 * (sin(t) + t * cos(t)), dy = 0.04 * (cos(t) - t * sin(t))
            let norm = (dx * dx + dy * dy).squareRoot()
            let distance = rng.uniform(sigma / 2, 2 * sigma) * (rng.uniform() < 0.5 ? -1 : 1)
            points.append([x - dy / norm * distance, y + dx / norm * distance])
        }
        // The nearest curve point by a fine search over t.
        let ts = (0...90000).map { 3 + 9 * Double($0) / 90000 }
        let curvePoints = ts.map(curve)
        let field = ae.score(Dataset(rows: points), unscaled: true, threads: 0)
        var cosines = [Double]()
        for (k, p) in points.enumerated() {
            var best = Double.infinity, nearest = (0.0, 0.0)
            for c in curvePoints {
                let d = (c.0 - p[0]) * (c.0 - p[0]) + (c.1 - p[1]) * (c.1 - p[1])
                if d < best { best = d; nearest = c }
            }
            let to = (nearest.0 - p[0], nearest.1 - p[1])
            let v = (field[k, 0], field[k, 1])
            cosines.append((to.0 * v.0 + to.1 * v.1) / ((to.0 * to.0 + to.1 * to.1).squareRoot() * (v.0 * v.0 + v.1 * v.1).squareRoot()))
        }
        let median = cosines.sorted()[cosines.count / 2]
        print("spiral: median cosine \(median), quartiles \(cosines.sorted()[cosines.count / 4]) \(cosines.sorted()[3 * cosines.count / 4])")
        XCTAssertGreaterThan(median, 0.9, "median cosine \(median)")

        // Sinks on the curve. The optimal DAE is r* = x + σ²∇ log p_σ with p_σ = p ∗ N(0, σ²I); for data on
        // a curve blurred by s, p_σ is, across the curve, a Gaussian of variance s² + σ², so
        // div(r* − x) = σ²Δ log p_σ = −σ²/(s² + σ²) on the curve (−1 for data exactly on it) plus terms in
        // the curvature and the density along the curve, both small here. The score estimate (r − x)/σ²
        // then has divergence −1/σ²: a sink of that size. Measured: the optimum (s = 0.001) −0.9901
        // (median of 200 data points; −σ²/(s² + σ²) = −0.9901); the trained DAE −1.020, and −1.044,
        // −1.004, −1.049 with network seeds 5, 6, 7 (spread 0.02), so within 0.1 of −1.
        func divergence(_ j: [Double]) -> Double { j[0] + j[3] - 2 }
        let onCurve = (0..<200).map { data.row($0) }
        let trained = onCurve.map { divergence(ae.jacobian(at: $0)) }.sorted()[100]
        let s = 0.001
        let optimum = try OptimalReconstruction(density: SpiralDensity(noise: s), sigma: sigma)
        let ideal = onCurve.map { divergence(optimum.jacobian(at: $0)) }.sorted()[100]
        print("spiral: median divergence of r(x) − x on the curve: trained \(trained), optimal DAE (noise \(s)) \(ideal)")
        XCTAssertEqual(ideal, -sigma * sigma / (s * s + sigma * sigma), accuracy: 0.005)
        XCTAssertEqual(trained, -1, accuracy: 0.1)

        // Fixed points between the arms: grid points at least 3σ from the curve where |r(x) − x| < 0.2σ.
        // Off the curve p_σ has no local maximum, so wherever r* = x there, ∂(r* − x)/∂x = σ²∇² log p_σ has
        // a positive eigenvalue: the arrows leave the point along that direction (a source or a saddle).
        // Measured: 5 such points (1, 1, 4 with seeds 5, 6, 7), largest eigenvalues 0.13 to 1.19.
        let steps = 60
        let grid = DataGenerators.grid(x: -0.5...0.5, y: -0.5...0.5, xSteps: steps, ySteps: steps)
        let distances = SpiralCurve().nearest(toRowsOf: grid).map(\.distance)
        let moved = ae.reconstruct(grid, threads: 0)
        var largest = [Double]()
        for i in 0..<grid.n where distances[i] > 3 * sigma {
            let dx = moved[i, 0] - grid[i, 0], dy = moved[i, 1] - grid[i, 1]
            guard (dx * dx + dy * dy).squareRoot() < 0.2 * sigma else { continue }
            let j = ae.jacobian(at: grid.row(i))
            let a = j[0] - 1, b = j[1], c = j[2], d = j[3] - 1
            let half = (a + d) / 2, disc = half * half - (a * d - b * c)
            largest.append(disc >= 0 ? half + disc.squareRoot() : half)   // the real part if complex
        }
        print("spiral: \(largest.count) fixed points off the curve, largest eigenvalues of ∂(r − x)/∂x \(largest)")
        XCTAssertGreaterThanOrEqual(largest.count, 1)
        XCTAssertGreaterThan(largest.min() ?? 0, 0)
    }
}
