import XCTest
import AENumerics

/// The auto-encoder's line integrals (affine pre-activations along a segment) against the plain path
/// rule that evaluates the score at every path point.
final class LineIntegralTests: XCTestCase {
    /// `gain` scales the encoder: at 30 some pre-activations pass ±20 along a segment, where the
    /// evenly spaced tanh rule leaves its running product for the plain activation.
    func model(tied: Bool, activation: AutoEncoder.Activation, dim: Int = 3, hidden: Int = 13,
               gain: Double = 1) throws -> AutoEncoder {
        let ae = try AutoEncoder(.dae(sigma: 0.3), hidden: hidden, tied: tied, activation: activation)
        var rng = Xoshiro256(seed: 8)
        try ae.setParameters(dim: dim, W: (0..<hidden * dim).map { _ in gain * rng.normal() },
                             b: (0..<hidden).map { _ in rng.normal() },
                             V: tied ? nil : (0..<hidden * dim).map { _ in rng.normal() / 3 },
                             c: (0..<dim).map { _ in rng.normal() })
        return ae
    }

    /// d = 3 row by row; d = 20 (from LossEvaluation.wideDimension on) through the blocked products.
    func testLineIntegralsMatchThePathRule() throws {
        var rng = Xoshiro256(seed: 9)
        for dim in [3, 20] {
        let a = Dataset(rows: 20, dim: dim, values: (0..<20 * dim).map { _ in rng.normal() })
        let b = Dataset(rows: 20, dim: dim, values: (0..<20 * dim).map { _ in rng.normal() })
        for tied in [false, true] {
            for (activation, gain) in [(.tanh, 1), (.tanh, 30), (.sigmoid, 1)] as [(AutoEncoder.Activation, Double)] {
                let ae = try model(tied: tied, activation: activation, dim: dim, gain: gain / Double(dim / 3))
                for path in [PathQuadrature(rule: .even, points: 10), PathQuadrature(rule: .endpoints, points: 7),
                             PathQuadrature(rule: .gauss, points: 3)] {
                    let fast = try XCTUnwrap(ae.lineIntegrals(from: a, to: b, path: path, threads: 2))
                    let plain = pathEnergyDifference(field: ScoreOnly(ae), from: a, to: b, path: path, threads: 1)
                    for i in 0..<20 {
                        XCTAssertEqual(-fast[i], plain[i], accuracy: 1e-12 * max(1, abs(plain[i])),
                                       "d \(dim), tied \(tied), \(activation), gain \(gain), \(path.rule)")
                    }
                }
            }
        }
        }
    }

    /// The wide path over several units of rows (250 segments: units of 66): the same bits on one
    /// thread or two (the units do not depend on the thread count, so this checks that units share
    /// no scratch), and the path rule's values on both sides of each unit boundary.
    func testWideLineIntegralsDoNotDependOnTheThreadCount() throws {
        var rng = Xoshiro256(seed: 10)
        let a = Dataset(rows: 250, dim: 40, values: (0..<10_000).map { _ in rng.normal() })
        let b = Dataset(rows: 250, dim: 40, values: (0..<10_000).map { _ in rng.normal() })
        let ae = try model(tied: false, activation: .tanh, dim: 40, hidden: 50, gain: 0.2)
        let path = PathQuadrature(rule: .even, points: 10)
        let one = try XCTUnwrap(ae.lineIntegrals(from: a, to: b, path: path, threads: 1))
        let two = try XCTUnwrap(ae.lineIntegrals(from: a, to: b, path: path, threads: 2))
        XCTAssertEqual(one, two)
        let plain = pathEnergyDifference(field: ScoreOnly(ae), from: a, to: b, path: path, threads: 1)
        for i in [0, 65, 66, 131, 132, 197, 198, 249] { XCTAssertEqual(-one[i], plain[i], accuracy: 1e-12 * max(1, abs(plain[i]))) }
    }

    func testMHOnAModelGivesTheSameChainWithOrWithoutLineIntegrals() throws {
        let ae = try model(tied: false, activation: .tanh, dim: 4, hidden: 16)
        let fast = try runChains(field: ae, sampler: .mh(sigma: 0.2, steps: 10), draws: 500, chains: 4, burn: 0,
                                 start: .point([0, 0, 0, 0]), seed: 3, threads: 2)
        let plain = try runChains(field: ScoreOnly(ae), sampler: .mh(sigma: 0.2, steps: 10), draws: 500, chains: 4,
                                  burn: 0, start: .point([0, 0, 0, 0]), seed: 3, threads: 1)
        XCTAssertEqual(fast.acceptance, plain.acceptance)
        for (f, p) in zip(fast.samples.values, plain.samples.values) { XCTAssertEqual(f, p, accuracy: 1e-9) }
        let again = try runChains(field: ae, sampler: .mh(sigma: 0.2, steps: 10), draws: 500, chains: 4, burn: 0,
                                  start: .point([0, 0, 0, 0]), seed: 3, threads: 1)
        XCTAssertEqual(fast.samples, again.samples, "identical for any thread count")
    }
}
