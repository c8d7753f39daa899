import XCTest
import AENumerics

final class KernelTests: XCTestCase {
    /// Fixed blocks and a fixed summation order: the same bits on 1, 2 and 3 threads.
    func testLossAndGradientBitIdenticalAcrossThreadCounts() throws {
        for kind in [AutoEncoder.Kind.dae(sigma: 0.1), .rcae(sigma: 0.2), .cae(lambda: 0.3)] {
            let ae = try randomModel(kind, dim: 2, hidden: 37)
            let objective = try TrainingObjective(model: ae, data: randomData(n: 2000, dim: 2))
            let one = objective.evaluate(ae.parameters, threads: 1)
            for threads in [2, 3] {
                let other = objective.evaluate(ae.parameters, threads: threads)
                XCTAssertEqual(one.loss.bitPattern, other.loss.bitPattern, "\(kind.name) loss, \(threads) threads")
                XCTAssertEqual(one.gradient.map(\.bitPattern), other.gradient.map(\.bitPattern),
                               "\(kind.name) gradient, \(threads) threads")
            }
        }
    }

    func testReconstructIdenticalAcrossThreadCounts() throws {
        let ae = try randomModel(.dae(sigma: 0.1), dim: 2, hidden: 21)
        let points = randomData(n: 1000, dim: 2)
        XCTAssertEqual(ae.reconstruct(points, threads: 1), ae.reconstruct(points, threads: 3))
    }

    /// The fused kernel agrees with a plain, unfused computation of the DAE loss.
    func testFusedLossMatchesPlainComputation() throws {
        let ae = try randomModel(.dae(sigma: 0.1), dim: 2, hidden: 21)
        let data = randomData(n: 300, dim: 2)
        let objective = try TrainingObjective(model: ae, data: data)
        // The same corruption as the objective: stream 1 of the model's seed, row by row.
        var rng = Xoshiro256(seed: ae.seed, stream: 1)
        var noisy = data
        for k in noisy.values.indices { noisy.values[k] += 0.1 * rng.normal() }
        let r = ae.reconstruct(noisy, threads: 1)
        var expected = 0.0
        for k in data.values.indices { expected += (r.values[k] - data.values[k]) * (r.values[k] - data.values[k]) }
        XCTAssertEqual(objective.loss(ae.parameters), expected / 300, accuracy: 1e-13)
    }

    func testParallelBlocksRunsEveryBlockOnce() {
        for threads in [1, 2, 5] {
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: 100)
            counts.initialize(repeating: 0, count: 100)
            parallelBlocks(100, threads: threads) { counts[$0] += 1 }
            XCTAssertEqual(Array(UnsafeBufferPointer(start: counts, count: 100)), [Int](repeating: 1, count: 100))
            counts.deallocate()
        }
    }
}
