import XCTest
import AENumerics

final class ChainTests: XCTestCase {
    /// M chains of an AR(1) process x' = φx + √(1 − φ²)ξ (stationary N(0, 1)), started in stationarity.
    func ar1(phi: Double, chains: Int, length: Int, seed: UInt64, shift: [Double] = [], scale: [Double] = []) -> [[Double]] {
        (0..<chains).map { m in
            var rng = Xoshiro256(seed: seed, stream: UInt64(m))
            var x = rng.normal()
            let s = (1 - phi * phi).squareRoot()
            return (0..<length).map { _ in
                x = phi * x + s * rng.normal()
                return x * (m < scale.count ? scale[m] : 1) + (m < shift.count ? shift[m] : 0)
            }
        }
    }

    func testFFTAutocovarianceMatchesDirectSum() {
        var rng = Xoshiro256(seed: 5)
        let x = (0..<37).map { _ in rng.normal() }   // not a power of two
        let mean = x.reduce(0, +) / 37
        let fast = autocovariance(x)
        for t in [0, 1, 2, 10, 36] {
            var direct = 0.0
            for i in 0..<(37 - t) { direct += (x[i] - mean) * (x[i + t] - mean) }
            XCTAssertEqual(fast[t], direct / 37, accuracy: 1e-12)
        }
    }

    func testNormalQuantileKnownValues() {
        XCTAssertEqual(normalQuantile(0.5), 0, accuracy: 1e-15)
        XCTAssertEqual(normalQuantile(0.975), 1.959963984540054, accuracy: 1e-12)
        XCTAssertEqual(normalQuantile(0.001), -3.090232306167814, accuracy: 1e-12)
        XCTAssertEqual(normalQuantile(1e-10), -6.361340902404056, accuracy: 1e-9)
    }

    /// AR(1): integrated autocorrelation time τ = (1 + φ)/(1 − φ), so ESS = M·N/τ.
    func testESSOfAR1MatchesIntegratedAutocorrelationTime() {
        for phi in [0.0, 0.5, 0.9] {
            let chains = ar1(phi: phi, chains: 4, length: 20_000, seed: 11)
            let expected = 80_000 * (1 - phi) / (1 + phi)
            let bulk = ChainDiagnostics.essBulk(chains)
            let raw = ChainDiagnostics.essMean(chains)
            XCTAssertEqual(bulk / expected, 1, accuracy: 0.12, "phi \(phi): bulk ESS \(bulk), expected \(expected)")
            XCTAssertEqual(raw / expected, 1, accuracy: 0.12, "phi \(phi): ESS \(raw), expected \(expected)")
        }
    }

    func testAntitheticChainHasESSAboveDrawCount() {
        // φ < 0: τ = (1 + φ)/(1 − φ) < 1, so ESS > M·N (Stan allows this).
        let chains = ar1(phi: -0.5, chains: 4, length: 20_000, seed: 12)
        let ess = ChainDiagnostics.essBulk(chains)
        XCTAssertEqual(ess / (80_000 * 3), 1, accuracy: 0.15)
    }

    func testRhatNearOneForIIDChains() {
        let chains = ar1(phi: 0, chains: 4, length: 2000, seed: 13)
        let rhat = ChainDiagnostics.rhat(chains)
        XCTAssertLessThan(rhat, 1.01)
        XCTAssertGreaterThan(rhat, 0.99)
    }

    func testRhatLargeForChainsWithDifferentMeans() {
        let chains = ar1(phi: 0.5, chains: 4, length: 1000, seed: 14, shift: [0, 0, 0, 3])
        XCTAssertGreaterThan(ChainDiagnostics.rhat(chains), 1.3)
    }

    func testFoldedRhatCatchesChainsWithDifferentScales() {
        // Same mean, one chain 4× wider: the bulk R̂ barely moves; the folded one does.
        let chains = ar1(phi: 0, chains: 4, length: 2000, seed: 15, scale: [1, 1, 1, 4])
        XCTAssertLessThan(ChainDiagnostics.basicRhat(ChainDiagnostics.rankNormalize(ChainDiagnostics.splitChains(chains))), 1.05)
        XCTAssertGreaterThan(ChainDiagnostics.rhat(chains), 1.1)
    }

    func testSplitRhatCatchesATrendWithinEachChain() {
        // Every chain drifts the same way: between-chain variance is 0, only splitting reveals it.
        let chains = (0..<4).map { m -> [Double] in
            var rng = Xoshiro256(seed: 16, stream: UInt64(m))
            return (0..<1000).map { i in Double(i) / 100 + rng.normal() }
        }
        XCTAssertGreaterThan(ChainDiagnostics.rhat(chains), 1.5)
    }

    func testAutocorrelationOfAR1IsPhiToTheLag() {
        let draws = ar1(phi: 0.8, chains: 4, length: 20_000, seed: 17)
        let chain = Chain(draws: draws.map { Dataset(rows: $0.count, dim: 1, values: $0) },
                          acceptance: [1, 1, 1, 1], seconds: 1, sampler: .langevin(step: 0.1))
        XCTAssertEqual(chain.autocorrelation(lag: 1)[0], 0.8, accuracy: 0.02)
        XCTAssertEqual(chain.autocorrelation(lag: 3)[0], 0.512, accuracy: 0.03)
        XCTAssertEqual(chain.autocorrelation(lag: 0)[0], 1, accuracy: 1e-12)
    }

    func testSummaryTableLayout() {
        let draws = ar1(phi: 0, chains: 2, length: 1000, seed: 18)
        let chain = Chain(draws: draws.map { Dataset(rows: $0.count, dim: 1, values: $0) },
                          acceptance: [1, 1], seconds: 1, sampler: .langevin(step: 0.1))
        let summary = chain.summary()
        let row = summary.rows[0]
        let all = draws.flatMap { $0 }
        XCTAssertEqual(row.mean, all.reduce(0, +) / 2000, accuracy: 1e-12)
        XCTAssertEqual(row.mcse, row.sd / ChainDiagnostics.essMean(draws).squareRoot(), accuracy: 1e-12)
        let lines = summary.text.split(separator: "\n")
        XCTAssertEqual(lines[0], "2 chains × 1000 draws")
        XCTAssertEqual(lines[1].split(separator: " "), ["mean", "sd", "mcse", "ess_bulk", "ess_tail", "r_hat"])
        XCTAssertTrue(lines[2].hasPrefix("x0"))
        XCTAssertEqual(lines[2].split(separator: " ").count, 7)
    }
}
