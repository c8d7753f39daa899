import AENumerics
import Foundation
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

/// r(x) of wide data through the blocked products (AutoEncoder.reconstruct from d = 16): against
/// r = c + V·act(b + W·x) written out, across thread counts and instruction sets. 101 rows: two
/// units of 96 rows, the second of 5.
final class WideReconstructionTests: XCTestCase {
    func plainReconstruction(_ ae: AutoEncoder, _ points: Dataset) -> [Double] {
        let d = ae.dim, h = ae.hidden, theta = ae.parameters
        let v = ae.tied ? 0 : d * h + h, c = ae.tied ? d * h + h : 2 * d * h + h
        var r = [Double](repeating: 0, count: points.n * d)
        for row in 0..<points.n {
            let hidden = (0..<h).map { j -> Double in
                var a = theta[d * h + j]
                for i in 0..<d { a += theta[i * h + j] * points.values[row * d + i] }
                return ae.activation == .tanh ? tanh(a) : 1 / (1 + exp(-a))
            }
            for i in 0..<d {
                var o = theta[c + i]
                for j in 0..<h { o += theta[v + i * h + j] * hidden[j] }
                r[row * d + i] = ae.decoder == .sigmoid ? 1 / (1 + exp(-o)) : o
            }
        }
        return r
    }

    func testMatchesPlainComputation() throws {
        let points = randomData(n: 101, dim: 64, scale: 0.5)
        for (kind, tied, activation, decoder) in wideLossCases {
            let ae = try randomModel(kind, dim: 64, hidden: 37, tied: tied, activation: activation, decoder: decoder)
            let r = ae.reconstruct(points, threads: 2).values, expected = plainReconstruction(ae, points)
            let scale = expected.map(abs).max()!
            let worst = zip(r, expected).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(worst / scale, 1e-12, "\(kind.name), tied \(tied), \(activation), \(decoder)")
        }
    }

    func testSameBitsOnAnyThreadCountAndInstructionSet() throws {
        let points = randomData(n: 101, dim: 64, scale: 0.5)
        let ae = try randomModel(.dae(sigma: 0.1), dim: 64, hidden: 37)
        let one = ae.reconstruct(points, threads: 1).values.map(\.bitPattern)
        for threads in [2, 3] {
            XCTAssertEqual(ae.reconstruct(points, threads: threads).values.map(\.bitPattern), one, "\(threads) threads")
        }
        let saved = KernelInstructionSet.current
        defer { KernelInstructionSet.current = saved }
        guard KernelInstructionSet.best != .portable else { throw XCTSkip("only the portable kernels run here") }
        KernelInstructionSet.current = .portable
        XCTAssertEqual(ae.reconstruct(points, threads: 2).values.map(\.bitPattern), one, "portable")
    }
}
