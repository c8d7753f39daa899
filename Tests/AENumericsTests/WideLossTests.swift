import AENumerics
import XCTest

/// The models the wide-data tests run: each activation, tied and untied, each decoder, DAE and CAE.
let wideLossCases: [(AutoEncoder.Kind, Bool, AutoEncoder.Activation, AutoEncoder.Decoder)] = [
    (.dae(sigma: 0.1), false, .tanh, .linear),
    (.dae(sigma: 0.1), true, .sigmoid, .sigmoid),
    (.cae(lambda: 0.3), false, .tanh, .linear),
    (.cae(lambda: 0.3), true, .sigmoid, .linear),
]

/// The blocked products for wide data (LossEvaluation.blocked) against the fused kernel on the same
/// inputs. N = 401 rows: two blocks of rows (384 + 17), so two passes over k (256 + 128) in the
/// backward products, a last forward unit of 17 rows and a last microkernel tile of 5; H = 37: a
/// partial chunk of 8 hidden units and a partial backward unit of chunks; d = 64 and 200 (not
/// multiples of the microkernel's 6 rows).
/// (Its gradient against finite differences: GradientTests.testBlockedProducts.)
final class WideLossTests: XCTestCase {
    let cases = wideLossCases

    func evaluate(_ ae: AutoEncoder, _ data: Dataset, _ evaluation: LossEvaluation,
                  threads: Int = 2) throws -> (loss: Double, gradient: [Double]) {
        let objective = try TrainingObjective(model: ae, data: data)
        objective.lossEvaluation = evaluation
        return objective.evaluate(ae.parameters, threads: threads)
    }

    /// Same function, other summation order: agreement to rounding (1e-12 relative, component-wise
    /// against the gradient's largest component).
    func testBlockedAgreesWithFused() throws {
        for dim in [64, 200] {
            let data = randomData(n: 401, dim: dim, scale: 0.5)
            for (kind, tied, activation, decoder) in cases {
                let ae = try randomModel(kind, dim: dim, hidden: 37, tied: tied, activation: activation, decoder: decoder)
                let fused = try evaluate(ae, data, .fused), blocked = try evaluate(ae, data, .blocked)
                let label = "\(kind.name), tied \(tied), \(activation), d = \(dim)"
                XCTAssertEqual(blocked.loss, fused.loss, accuracy: 1e-12 * fused.loss, label)
                let scale = fused.gradient.map(abs).max()!
                XCTAssertGreaterThan(scale, 1e-3, label)
                let worst = zip(blocked.gradient, fused.gradient).map { abs($0 - $1) }.max()!
                XCTAssertLessThan(worst / scale, 1e-12, label)
            }
        }
    }

    func testBlockedBitIdenticalAcrossThreadCounts() throws {
        let data = randomData(n: 500, dim: 64, scale: 0.5)
        for (kind, tied, activation, decoder) in cases {
            let ae = try randomModel(kind, dim: 64, hidden: 37, tied: tied, activation: activation, decoder: decoder)
            let one = try evaluate(ae, data, .blocked, threads: 1)
            for threads in [2, 3] {
                let other = try evaluate(ae, data, .blocked, threads: threads)
                XCTAssertEqual(one.loss.bitPattern, other.loss.bitPattern, "\(kind.name), \(threads) threads")
                XCTAssertEqual(one.gradient.map(\.bitPattern), other.gradient.map(\.bitPattern),
                               "\(kind.name), \(threads) threads")
            }
        }
    }

    func testBlockedSameBitsOnEveryInstructionSet() throws {
        let saved = KernelInstructionSet.current
        defer { KernelInstructionSet.current = saved }
        guard KernelInstructionSet.best != .portable else { throw XCTSkip("only the portable kernels run here") }
        let data = randomData(n: 401, dim: 64, scale: 0.5)
        for (kind, tied, activation, decoder) in cases {
            let ae = try randomModel(kind, dim: 64, hidden: 37, tied: tied, activation: activation, decoder: decoder)
            let results = try [KernelInstructionSet.portable, .avx2].map { isa in
                KernelInstructionSet.current = isa
                return try evaluate(ae, data, .blocked)
            }
            XCTAssertEqual(results[0].loss.bitPattern, results[1].loss.bitPattern, kind.name)
            XCTAssertEqual(results[0].gradient.map(\.bitPattern), results[1].gradient.map(\.bitPattern), kind.name)
        }
    }

    /// `automatic` keeps the fused kernel below LossEvaluation.wideDimension (the paper's narrow
    /// cases keep their bits) and takes the blocked products from there on.
    func testAutomaticSwitchesAtTheWideDimension() throws {
        let wide = LossEvaluation.wideDimension
        for (dim, expected) in [(wide - 1, LossEvaluation.fused), (wide, .blocked)] {
            let ae = try randomModel(.dae(sigma: 0.1), dim: dim, hidden: 37)
            let data = randomData(n: 100, dim: dim)
            let automatic = try evaluate(ae, data, .automatic), chosen = try evaluate(ae, data, expected)
            let other = try evaluate(ae, data, expected == .fused ? .blocked : .fused)
            XCTAssertEqual(automatic.gradient.map(\.bitPattern), chosen.gradient.map(\.bitPattern), "d = \(dim)")
            XCTAssertNotEqual(automatic.gradient.map(\.bitPattern), other.gradient.map(\.bitPattern), "d = \(dim)")
        }
    }
}
