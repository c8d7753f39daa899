import XCTest
import AENumerics

final class SamplerTests: XCTestCase {
    // MARK: Quadrature

    func testGaussLegendreIsExactToDegree2nMinus1() {
        for n in 1...8 {
            let q = PathQuadrature(rule: .gauss, points: n)
            XCTAssertEqual(q.weights.reduce(0, +), 1, accuracy: 1e-14)
            for degree in 0...(2 * n - 1) {
                let integral = zip(q.nodes, q.weights).reduce(0) { $0 + $1.1 * pow($1.0, Double(degree)) }
                XCTAssertEqual(integral, 1 / Double(degree + 1), accuracy: 1e-13, "n \(n), degree \(degree)")
            }
            let next = zip(q.nodes, q.weights).reduce(0) { $0 + $1.1 * pow($1.0, Double(2 * n)) }
            if n <= 5 { XCTAssertGreaterThan(abs(next - 1 / Double(2 * n + 1)), 1e-9, "degree 2n is not exact") }
        }
    }

    func testEvenRuleIsTheMidpointRuleAndEndpointsRuleIsEq13() {
        let even = PathQuadrature(rule: .even, points: 4)
        XCTAssertEqual(even.nodes, [0.125, 0.375, 0.625, 0.875])
        XCTAssertEqual(even.weights, [0.25, 0.25, 0.25, 0.25])
        let paper = PathQuadrature(rule: .endpoints, points: 3)
        XCTAssertEqual(paper.nodes, [0, 0.5, 1])
        XCTAssertEqual(paper.weights, [1.0 / 3, 1.0 / 3, 1.0 / 3])
    }

    func testPathIntegralIsExactForAQuadraticEnergy() {
        let g = GaussianField()
        let a = Dataset(rows: [[0, 0], [2, 1], [-1, 3]]), b = Dataset(rows: [[1, 1], [-1, 0.5], [0.3, -2]])
        let exact = zip(g.energy(b, threads: 1), g.energy(a, threads: 1)).map { $0 - $1 }
        for rule in [PathRule.even, .gauss] {
            let approx = pathEnergyDifference(field: g, from: a, to: b, path: PathQuadrature(rule: rule, points: 1))
            for i in 0..<3 { XCTAssertEqual(approx[i], exact[i], accuracy: 1e-12) }
        }
        // Eq. (13) with endpoints is exact too for a linear score (equal weights are symmetric about ½).
        let paper = pathEnergyDifference(field: g, from: a, to: b, path: PathQuadrature(rule: .endpoints, points: 20))
        for i in 0..<3 { XCTAssertEqual(paper[i], exact[i], accuracy: 1e-12) }
    }

    // MARK: Samplers against the exact Gaussian

    /// Sample mean and covariance within 4 Monte Carlo standard errors (MCSE = sd/√ESS of each statistic).
    func assertMatchesGaussian(_ chain: Chain, _ g: GaussianField, covariance expected: [[Double]]? = nil,
                               file: StaticString = #filePath, line: UInt = #line) {
        let target = expected ?? g.cov
        let comps = (0..<2).map { chain.component($0) }
        for j in 0..<2 {
            let all = comps[j].flatMap { $0 }
            let mean = all.reduce(0, +) / Double(all.count)
            let sd = (all.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(all.count - 1)).squareRoot()
            let mcse = sd / ChainDiagnostics.essMean(comps[j]).squareRoot()
            XCTAssertEqual(mean, g.mean[j], accuracy: 4 * mcse, "mean[\(j)]", file: file, line: line)
        }
        for (a, b) in [(0, 0), (0, 1), (1, 1)] {
            // The statistic (x_a − μ_a)(x_b − μ_b), whose expectation is Σ_ab.
            let products = zip(comps[a], comps[b]).map { ca, cb in
                zip(ca, cb).map { ($0 - g.mean[a]) * ($1 - g.mean[b]) }
            }
            let all = products.flatMap { $0 }
            let mean = all.reduce(0, +) / Double(all.count)
            let sd = (all.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(all.count - 1)).squareRoot()
            let mcse = sd / ChainDiagnostics.essMean(products).squareRoot()
            XCTAssertEqual(mean, target[a][b], accuracy: 4 * mcse, "cov[\(a)][\(b)]", file: file, line: line)
        }
        for r in chain.rhat { XCTAssertLessThan(r, 1.01, file: file, line: line) }
    }

    func testMHWithExactEnergySamplesTheGaussian() throws {
        let g = GaussianField()
        let chain = try runChains(field: g, sampler: .mh(sigma: 1, exactEnergy: true), draws: 10_000, chains: 4,
                                  burn: 500, start: .point([0, 0]), seed: 1)
        assertMatchesGaussian(chain, g)
        XCTAssertEqual(chain.acceptance.count, 4)
        for a in chain.acceptance { XCTAssert(a > 0.3 && a < 0.7, "acceptance \(a)") }
    }

    func testMHWithPathIntegralSamplesTheGaussian() throws {
        let g = GaussianField()
        let chain = try runChains(field: ScoreOnly(g), sampler: .mh(sigma: 1, steps: 20), draws: 10_000,
                                  chains: 4, burn: 500, start: .point([0, 0]), seed: 2)
        assertMatchesGaussian(chain, g)
    }

    func testPathIntegralChainEqualsExactEnergyChainOnAQuadratic() throws {
        // Midpoint and Gauss rules integrate a linear score exactly, so with the same seed the accept
        // decisions, and hence the chains, coincide with the exact-energy sampler's (up to round-off).
        let g = GaussianField()
        let exact = try runChains(field: g, sampler: .mh(sigma: 0.8, exactEnergy: true), draws: 2000, chains: 2,
                                  burn: 0, start: .point([0, 0]), seed: 3)
        for sampler in [Sampler.mh(sigma: 0.8, steps: 5), .mh(sigma: 0.8, steps: 2, rule: .gauss)] {
            let path = try runChains(field: ScoreOnly(g), sampler: sampler, draws: 2000, chains: 2, burn: 0,
                                     start: .point([0, 0]), seed: 3)
            XCTAssertEqual(path.acceptance, exact.acceptance)
            for (p, e) in zip(path.samples.values, exact.samples.values) { XCTAssertEqual(p, e, accuracy: 1e-9) }
        }
    }

    func testMALASamplesTheGaussianWithPathAndExactEnergy() throws {
        let g = GaussianField()
        for sampler in [Sampler.mala(step: 0.4, steps: 4), .mala(step: 0.4, exactEnergy: true)] {
            let chain = try runChains(field: sampler.exactEnergy ? g : ScoreOnly(g), sampler: sampler,
                                      draws: 10_000, chains: 4, burn: 500, start: .point([3, 3]), seed: 4)
            assertMatchesGaussian(chain, g)
            for a in chain.acceptance { XCTAssert(a > 0.5 && a < 1, "acceptance \(a)") }
        }
    }

    func testUnadjustedLangevinHasItsKnownStepSizeBias() throws {
        // For a Gaussian with precision Λ, x' = x − hΛ(x − μ) + √(2h)ξ is stationary at
        // N(μ, (Λ(I − hΛ/2))⁻¹): the O(h) bias that MALA's correction removes.
        let g = GaussianField()
        let h = 0.6
        let p = g.precision
        // M = Λ − hΛ²/2, then invert the 2 × 2.
        let p2 = [[p[0][0] * p[0][0] + p[0][1] * p[1][0], p[0][0] * p[0][1] + p[0][1] * p[1][1]],
                  [p[1][0] * p[0][0] + p[1][1] * p[1][0], p[1][0] * p[0][1] + p[1][1] * p[1][1]]]
        let m = (0..<2).map { i in (0..<2).map { j in p[i][j] - h / 2 * p2[i][j] } }
        let det = m[0][0] * m[1][1] - m[0][1] * m[1][0]
        let biased = [[m[1][1] / det, -m[0][1] / det], [-m[1][0] / det, m[0][0] / det]]
        let chain = try runChains(field: ScoreOnly(g), sampler: .langevin(step: h), draws: 10_000, chains: 4,
                                  burn: 200, start: .point([0, 0]), seed: 5)
        assertMatchesGaussian(chain, g, covariance: biased)
        XCTAssertGreaterThan(biased[1][1] / g.cov[1][1], 1.2, "the bias is large enough to be seen")
        XCTAssertEqual(chain.acceptance, [1, 1, 1, 1])
    }

    // MARK: Runner behaviour

    func testSameSeedSameChainsForAnyThreadCount() throws {
        let g = ScoreOnly(GaussianField())
        let start = ChainStart.data(Dataset(rows: [[0, 0], [1, 1], [2, -1], [-1, 0]]))
        for sampler in [Sampler.mh(sigma: 0.5), .mala(step: 0.2), .langevin(step: 0.1)] {
            let one = try runChains(field: g, sampler: sampler, draws: 300, chains: 40, burn: 10, start: start,
                                    seed: 9, threads: 1)
            let two = try runChains(field: g, sampler: sampler, draws: 300, chains: 40, burn: 10, start: start,
                                    seed: 9, threads: 2)
            XCTAssertEqual(one.samples, two.samples)
            XCTAssertEqual(one.acceptance, two.acceptance)
            let other = try runChains(field: g, sampler: sampler, draws: 300, chains: 40, burn: 10, start: start,
                                      seed: 10, threads: 2)
            XCTAssertNotEqual(one.samples, other.samples)
        }
    }

    func testChainCountDrawsThinAndStart() throws {
        let g = GaussianField()
        let chain = try runChains(field: g, sampler: .mh(sigma: 0.5, exactEnergy: true), draws: 7, chains: 3,
                                  burn: 0, thin: 5, start: .point([0.25, 0.5]), seed: 6)
        XCTAssertEqual(chain.chainCount, 3)
        XCTAssertEqual(chain.length, 7)
        XCTAssertEqual(chain.samples.n, 21)
        XCTAssertEqual(chain.samples.dim, 2)
        // Chains starting at rows of a dataset start exactly at some row.
        let data = Dataset(rows: [[10, 10], [20, 20], [30, 30]])
        let fromData = try runChains(field: g, sampler: .mh(sigma: 1e-9, exactEnergy: true), draws: 1, chains: 8,
                                     burn: 0, start: .data(data), seed: 6)
        for i in 0..<8 {
            let x = fromData.samples[i, 0]
            XCTAssert([10.0, 20, 30].contains { abs($0 - x) < 1e-6 }, "\(x)")
        }
    }

    func testProgressCallbackStopsTheRunAndKeepsTheDrawsSoFar() throws {
        var calls = 0
        let chain = try runChains(field: GaussianField(), sampler: .mh(sigma: 0.5), draws: 1000, chains: 2,
                                  burn: 10, start: .point([0, 0]), seed: 7) { done, total in
            calls += 1
            XCTAssertEqual(total, 1010)
            return done < 60
        }
        XCTAssertEqual(calls, 60)
        XCTAssertTrue(chain.interrupted)
        XCTAssertEqual(chain.length, 50)
    }

    func testBadRequestsAreErrors() {
        let g = GaussianField()
        XCTAssertThrowsError(try runChains(field: g, sampler: .mh(sigma: 0.1), draws: 10, start: .point([0, 0, 0]), seed: 1)) {
            XCTAssertEqual(($0 as? SamplingError)?.message,
                           "the start point has 3 coordinates but the model is 2-dimensional")
        }
        XCTAssertThrowsError(try runChains(field: ScoreOnly(g), sampler: .mh(sigma: 0.1, exactEnergy: true), draws: 10,
                                           start: .point([0, 0]), seed: 1)) {
            XCTAssertEqual(($0 as? SamplingError)?.message,
                           "exact energy needs a density with a known energy, not an estimated score")
        }
        XCTAssertThrowsError(try runChains(field: g, sampler: .mh(sigma: 0.1), draws: 0, start: .point([0, 0]), seed: 1))
        XCTAssertThrowsError(try runChains(field: g, sampler: .mh(sigma: -1), draws: 5, start: .point([0, 0]), seed: 1))
        XCTAssertThrowsError(try runChains(field: g, sampler: .mh(sigma: 0.1), draws: 5,
                                           start: .data(Dataset(rows: [[1, 2, 3]])), seed: 1))
    }
}
