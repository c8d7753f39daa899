import XCTest
import AENumerics

/// How few Gauss–Legendre nodes match the accuracy of the paper's 20 evenly spaced points on a smooth,
/// nonlinear score shaped like a DAE's, for MH-sized steps (σ_MH = 0.1 in 10-D); the reference is the
/// midpoint rule with 1000 points.
final class PathRuleAccuracyTests: XCTestCase {
    func testFewGaussNodesMatchTwentyEvenPoints() {
        let field = RandomTanhField(dim: 10, hidden: 50, sigma: 0.1)
        var rng = Xoshiro256(seed: 21)
        let n = 100
        let a = Dataset(rows: n, dim: 10, values: (0..<n * 10).map { _ in rng.normal() * 0.5 })
        var b = a
        for k in b.values.indices { b.values[k] += 0.1 * rng.normal() }
        let reference = pathEnergyDifference(field: field, from: a, to: b, path: PathQuadrature(rule: .even, points: 1000))
        func rmsError(_ rule: PathRule, _ points: Int) -> Double {
            let approx = pathEnergyDifference(field: field, from: a, to: b, path: PathQuadrature(rule: rule, points: points))
            return (zip(approx, reference).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(n)).squareRoot()
        }
        let even20 = rmsError(.even, 20)
        let gauss = (1...6).map { rmsError(.gauss, $0) }
        let enough = (gauss.firstIndex { $0 <= even20 } ?? 99) + 1
        print("path rule accuracy (random tanh field, 10-D, σ_MH = 0.1): even-20 RMS error \(even20); "
              + "gauss-n RMS errors \(gauss); gauss nodes needed: \(enough)")
        XCTAssertGreaterThan(even20, 0, "the integrand is not linear: the test can fail")
        XCTAssertLessThanOrEqual(enough, 3)
        // Eq. (13) to the letter (endpoints, equal weights) is much worse than the midpoint rule.
        XCTAssertGreaterThan(rmsError(.endpoints, 20), 5 * even20)
    }
}

/// The same comparison on a DAE trained on manifold10 (σ_train = 0.1), with MH-sized segments starting
/// at data points (σ_MH = 0.1). Release builds only (it trains a model).
final class TrainedPathRuleAccuracyTests: XCTestCase {
    func testFewGaussNodesMatchTwentyEvenPointsOnATrainedModel() throws {
        #if DEBUG
        throw XCTSkip("trains an auto-encoder: run with swift test -c release")
        #endif
        var rng = Xoshiro256(seed: 80)
        let data = DataGenerators.manifold10(2000, rng: &rng)
        let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 500, seed: 81)
        _ = try AENumerics.train(ae, data: data, options: TrainingOptions(iterations: 300))
        let n = 1000
        let a = data.rows(Array(0..<n))
        var b = a
        for k in b.values.indices { b.values[k] += 0.1 * rng.normal() }
        let plain = ScoreOnlyField(ae)   // every path point through score(), independent of the line integrals
        let reference = pathEnergyDifference(field: plain, from: a, to: b, path: PathQuadrature(rule: .even, points: 1000))
        func rmsError(_ rule: PathRule, _ points: Int) -> Double {
            let approx = pathEnergyDifference(field: plain, from: a, to: b, path: PathQuadrature(rule: rule, points: points))
            return (zip(approx, reference).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(n)).squareRoot()
        }
        let rmsDeltaE = (reference.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot()
        let even20 = rmsError(.even, 20), paper20 = rmsError(.endpoints, 20)
        let gauss = (1...6).map { rmsError(.gauss, $0) }
        let enough = (gauss.firstIndex { $0 <= even20 } ?? 99) + 1
        print("trained 10-D DAE: RMS ΔE \(rmsDeltaE); RMS error even-20 \(even20), eq. 13 with endpoints-20 \(paper20); "
              + "gauss-1…6 \(gauss); gauss nodes to match even-20: \(enough)")
        XCTAssertGreaterThan(even20, 0)
        XCTAssertLessThanOrEqual(enough, 4)
        XCTAssertGreaterThan(paper20, even20)
    }
}

/// A model seen only through `score`.
final class ScoreOnlyField: ScoreField {
    let inner: ScoreField
    init(_ inner: ScoreField) { self.inner = inner }
    var dim: Int { inner.dim }
    func score(_ points: Dataset, threads: Int) -> Dataset { inner.score(points, threads: threads) }
}
