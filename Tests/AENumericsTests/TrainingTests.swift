import XCTest
import AENumerics

final class TrainingTests: XCTestCase {
    func circle(_ n: Int, seed: UInt64 = 1) -> Dataset {
        var rng = Xoshiro256(seed: seed)
        return Dataset(rows: (0..<n).map { _ in let a = rng.uniform(0, 6.283185307179586); return [cos(a), sin(a)] })
    }

    func testLBFGSDecreasesTheLossMonotonically() throws {
        let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 10, seed: 2)
        let result = try train(ae, data: circle(100), options: TrainingOptions(iterations: 30))
        XCTAssertEqual(result.iterations, 30)
        XCTAssertEqual(ae.losses.count, 30)
        for k in 1..<ae.losses.count { XCTAssertLessThanOrEqual(ae.losses[k], ae.losses[k - 1]) }
        XCTAssertLessThan(ae.losses.last!, 0.5 * ae.losses.first!)
        // Training continues where it stopped, and the history grows.
        try train(ae, data: circle(100), options: TrainingOptions(iterations: 5))
        XCTAssertEqual(ae.iterations, 35)
    }

    func testToleranceStopsTraining() throws {
        let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 4, seed: 2)
        let result = try train(ae, data: circle(30), options: TrainingOptions(iterations: 1000, tolerance: 1e-2))
        XCTAssertEqual(result.reason, .tolerance)
        XCTAssertLessThanOrEqual(result.gradientNorm, 1e-2)
        XCTAssertLessThan(result.iterations, 1000)
    }

    func testCallbackStopsAndKeepsParameters() throws {
        let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 6, seed: 2)
        var seen = [Int]()
        let result = try train(ae, data: circle(50), options: TrainingOptions(iterations: 100)) { i, loss, norm in
            seen.append(i)
            XCTAssertTrue(loss.isFinite && norm.isFinite)
            return i < 4
        }
        XCTAssertEqual(result.reason, .interrupted)
        XCTAssertEqual(seen, [1, 2, 3, 4])
        XCTAssertEqual(ae.iterations, 4)
        let objective = try TrainingObjective(model: ae, data: circle(50))
        XCTAssertEqual(objective.loss(ae.parameters), ae.losses.last!, accuracy: 1e-15)
    }

    func testAdamAndSGDReduceTheLoss() throws {
        for method in [TrainingMethod.adam, .sgd] {
            let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 10, seed: 2)
            let data = circle(200)
            let before = try TrainingObjective(model: ae, data: data).loss(ae.parameters)
            try train(ae, data: data, options: TrainingOptions(iterations: 30, method: method, batch: 20,
                                                              learningRate: method == .adam ? 0.01 : 0.05))
            let after = try TrainingObjective(model: ae, data: data).loss(ae.parameters)
            XCTAssertLessThan(after, 0.5 * before, "\(method)")
        }
    }

    func testTrainingIsReproducibleAcrossThreadCounts() throws {
        var results = [[Double]]()
        for threads in [1, 2, 3] {
            let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 20, seed: 8)
            var rng = Xoshiro256(seed: 3)
            let data = Dataset(rows: (0..<3000).map { _ in [rng.normal(), rng.normal()] })
            try train(ae, data: data, options: TrainingOptions(iterations: 10, threads: threads))
            results.append(ae.parameters + ae.losses)
        }
        XCTAssertEqual(results[0].map(\.bitPattern), results[1].map(\.bitPattern))
        XCTAssertEqual(results[0].map(\.bitPattern), results[2].map(\.bitPattern))
    }

    func testNonFiniteLossStopsWithLastFiniteParameters() throws {
        let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 5, seed: 1)
        XCTAssertThrowsError(try train(ae, data: circle(50), options: TrainingOptions(iterations: 50, method: .sgd,
                                                                                       batch: 50, learningRate: 1e200))) { error in
            XCTAssertTrue("\(error)".contains("non-finite"), "\(error)")
        }
        XCTAssertTrue(ae.parameters.allSatisfy { $0.isFinite })
        XCTAssertTrue(ae.losses.allSatisfy { $0.isFinite })
    }

    func testBadInputIsRefusedBeforeAnyWork() throws {
        XCTAssertThrowsError(try AutoEncoder(.dae(sigma: 0.1), hidden: 0))
        XCTAssertThrowsError(try AutoEncoder(.dae(sigma: 0), hidden: 5))
        XCTAssertThrowsError(try AutoEncoder(.dae(sigma: .nan), hidden: 5))
        XCTAssertThrowsError(try AutoEncoder(.rcae(sigma: .infinity), hidden: 5))
        XCTAssertThrowsError(try AutoEncoder(.cae(lambda: -1), hidden: 5))
        XCTAssertThrowsError(try AutoEncoder(.rcae(sigma: 0.1), hidden: 5, decoder: .sigmoid))
        XCTAssertThrowsError(try AutoEncoder(.dae(sigma: 0.1), hidden: 1 << 40)) { error in
            XCTAssertTrue("\(error)".contains("would not fit in memory"), "\(error)")
        }
        let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 5)
        XCTAssertThrowsError(try train(ae, data: Dataset(rows: 0, dim: 2)))
        XCTAssertThrowsError(try train(ae, data: Dataset(rows: [[0, 1], [.nan, 2]])))
        XCTAssertFalse(ae.isInitialized)
        try train(ae, data: circle(10), options: TrainingOptions(iterations: 1))
        XCTAssertThrowsError(try train(ae, data: Dataset(rows: [[1, 2, 3]]))) { error in
            XCTAssertTrue("\(error)".contains("2-dimensional"), "\(error)")
        }
        XCTAssertThrowsError(try train(ae, data: circle(10), options: TrainingOptions(batch: 0)))
        XCTAssertEqual(ae.iterations, 1)
    }
}
