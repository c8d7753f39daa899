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

/// The kernels compiled for AVX2 + FMA and for the portable baseline compute the same bits.
final class KernelInstructionSetTests: XCTestCase {
    /// Runs `body` on each instruction set this machine has, and returns what each returned.
    func onEachInstructionSet<T>(_ body: () throws -> T) throws -> [T] {
        let saved = KernelInstructionSet.current
        defer { KernelInstructionSet.current = saved }
        guard KernelInstructionSet.best != .portable else { throw XCTSkip("only the portable kernels run here") }
        return try [KernelInstructionSet.portable, .avx2].map { isa in
            KernelInstructionSet.current = isa
            XCTAssertEqual(KernelInstructionSet.current, isa)
            return try body()
        }
    }

    func testLossAndGradientSameBitsOnEveryInstructionSet() throws {
        let cases: [(AutoEncoder.Kind, Int, AutoEncoder.Activation?, AutoEncoder.Decoder)] = [
            (.dae(sigma: 0.1), 1, nil, .linear), (.dae(sigma: 0.1), 2, nil, .linear), (.dae(sigma: 0.1), 3, nil, .linear),
            (.dae(sigma: 0.1), 10, nil, .linear), (.dae(sigma: 0.1), 5, nil, .linear),
            (.dae(sigma: 0.1), 2, .sigmoid, .sigmoid), (.dae(sigma: 0.1), 4, .sigmoid, .linear),
            (.cae(lambda: 0.3), 2, nil, .linear), (.cae(lambda: 0.3), 3, .tanh, .linear),
            (.rcae(sigma: 0.2), 2, nil, .linear), (.rcae(sigma: 0.2), 3, .sigmoid, .linear),
        ]
        for (kind, dim, activation, decoder) in cases {
            let ae = try randomModel(kind, dim: dim, hidden: 21, activation: activation, decoder: decoder)
            let objective = try TrainingObjective(model: ae, data: randomData(n: 150, dim: dim))
            let results = try onEachInstructionSet { objective.evaluate(ae.parameters, threads: 2) }
            XCTAssertEqual(results[0].loss.bitPattern, results[1].loss.bitPattern, "\(kind.name), d = \(dim)")
            XCTAssertEqual(results[0].gradient.map(\.bitPattern), results[1].gradient.map(\.bitPattern),
                           "\(kind.name), d = \(dim)")
        }
    }

    func testQueriesSameBitsOnEveryInstructionSet() throws {
        for activation in AutoEncoder.Activation.allCases {
            let ae = try randomModel(.dae(sigma: 0.3), dim: 3, hidden: 21, activation: activation)
            let a = randomData(n: 40, dim: 3, seed: 1), b = randomData(n: 40, dim: 3, seed: 2)
            let results = try onEachInstructionSet {
                [ae.reconstruct(a, threads: 1).values, ae.encode(a, threads: 1).values, ae.jacobian(at: a.row(0))]
                    + [PathQuadrature(rule: .even, points: 10), PathQuadrature(rule: .gauss, points: 3)].map {
                        ae.lineIntegrals(from: a, to: b, path: $0, threads: 1) ?? []
                    }
            }
            XCTAssertEqual(results[0].map { $0.map(\.bitPattern) }, results[1].map { $0.map(\.bitPattern) }, "\(activation)")
        }
        let x = Lanes(-30, -1.5, -1e-3, 0, 2e-9, 0.7, 3, 800)
        let math = try onEachInstructionSet { [VectorMath.exp(x), VectorMath.tanh(x), VectorMath.sigmoid(x)] }
        XCTAssertEqual(math[0], math[1])
    }
}
