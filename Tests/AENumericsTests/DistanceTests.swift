import XCTest
import AENumerics

final class DistanceTests: XCTestCase {
    func gaussian(_ n: Int, dim: Int, mean: Double = 0, sd: Double = 1, seed: UInt64) -> Dataset {
        var rng = Xoshiro256(seed: seed)
        return Dataset(rows: n, dim: dim, values: (0..<n * dim).map { _ in mean + sd * rng.normal() })
    }

    func testMMDMatchesADirectComputation() {
        let a = gaussian(30, dim: 2, seed: 1), b = gaussian(20, dim: 2, mean: 0.5, seed: 2)
        let h = 0.7
        func k(_ x: [Double], _ y: [Double]) -> Double {
            exp(-zip(x, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * h * h))
        }
        var aa = 0.0, bb = 0.0, ab = 0.0
        for i in 0..<30 { for j in 0..<30 where i != j { aa += k(a.row(i), a.row(j)) } }
        for i in 0..<20 { for j in 0..<20 where i != j { bb += k(b.row(i), b.row(j)) } }
        for i in 0..<30 { for j in 0..<20 { ab += k(a.row(i), b.row(j)) } }
        let direct = aa / (30 * 29) + bb / (20 * 19) - 2 * ab / (30 * 20)
        XCTAssertEqual(SampleDistance.mmd(a, b, bandwidth: h), direct, accuracy: 1e-12)
    }

    func testMMDIsNearZeroForOneDistributionAndLargeForTwo() {
        let a = gaussian(400, dim: 3, seed: 3), same = gaussian(400, dim: 3, seed: 4)
        let shifted = gaussian(400, dim: 3, mean: 0.5, seed: 5), wider = gaussian(400, dim: 3, sd: 1.5, seed: 6)
        let null = SampleDistance.mmd(a, same)
        XCTAssertLessThan(abs(null), 0.01)
        XCTAssertGreaterThan(SampleDistance.mmd(a, shifted), 20 * max(abs(null), 1e-4))
        XCTAssertGreaterThan(SampleDistance.mmd(a, wider), 10 * max(abs(null), 1e-4))
        XCTAssertEqual(SampleDistance.mmd(a, shifted, threads: 1), SampleDistance.mmd(a, shifted, threads: 2))
    }

    func testEnergyDistanceOfPointMassesAndGaussians() {
        // Two point masses at distance 3 (two copies each, within-sample distance 0): 2·3 − 0 − 0 = 6.
        let p = Dataset(rows: [[0, 0], [0, 0]]), q = Dataset(rows: [[3, 0], [3, 0]])
        XCTAssertEqual(SampleDistance.energyDistance(p, q), 6, accuracy: 1e-12)
        let a = gaussian(1000, dim: 2, seed: 7), same = gaussian(1000, dim: 2, seed: 8)
        let shifted = gaussian(1000, dim: 2, mean: 0.5, seed: 9)
        XCTAssertLessThan(abs(SampleDistance.energyDistance(a, same)), 0.01)
        XCTAssertGreaterThan(SampleDistance.energyDistance(a, shifted), 0.2)
    }

    func testAttractorsOfADoubleWellAndTheSpuriousOne() {
        // Grid over [−2, 2]² avoiding x = 0 (the saddle's stable line); data only near (1, 0).
        var rows = [[Double]]()
        for i in 0..<10 { for j in 0..<10 { rows.append([-1.9 + 0.4 * Double(i), -1.9 + 0.4 * Double(j)]) } }
        let data = Dataset(rows: [[1, 0], [1.1, 0.1], [0.9, -0.1], [1.5, 0.5], [0.5, -0.5]])
        let report = findAttractors(field: DoubleWellReconstruction(), starts: Dataset(rows: rows), data: data,
                                    tolerance: 1e-10)
        XCTAssertEqual(report.unconverged, 0)
        XCTAssertEqual(report.attractors.count, 2)
        XCTAssertEqual(report.attractors.map(\.basin), [50, 50])
        let right = report.attractors.first { $0.point[0] > 0 }!, left = report.attractors.first { $0.point[0] < 0 }!
        XCTAssertEqual(right.point[0], 1, accuracy: 1e-8)
        XCTAssertEqual(left.point[0], -1, accuracy: 1e-8)
        XCTAssertEqual(left.distanceToData, 2.5.squareRoot(), accuracy: 1e-8)   // nearest: (0.5, −0.5)
        XCTAssertFalse(right.spurious)
        XCTAssertTrue(left.spurious)
        XCTAssertEqual(report.spurious.count, 1)
    }
}

final class CurveJudgingTests: XCTestCase {
    func testDistancesAndCoverageOnTheSpiral() {
        let curve = CurveJudging.curve(named: "spiral")!
        // Points exactly on the first half of the spiral (by t): distance 0, coverage about one half.
        let t0 = SpiralCurve.tRange.lowerBound
        let tMid = SpiralCurve().parameter(atArcLength: curve.length / 2)
        let onHalf = Dataset(rows: (0..<400).map { SpiralCurve().point(t0 + (tMid - t0) * (Double($0) + 0.5) / 400) })
        for d in CurveJudging.distances(onHalf, to: curve) { XCTAssertEqual(d, 0, accuracy: 1e-6) }
        XCTAssertEqual(CurveJudging.coverage(onHalf, of: curve, bins: 100), 0.5, accuracy: 0.011)
        // The same points pushed 0.05 along the normal: distance 0.05, and no coverage with radius 0.03.
        let pushed = Dataset(rows: (0..<onHalf.n).map { i -> [Double] in
            let p = onHalf.row(i), t = curve.nearest(to: p).t, nrm = SpiralCurve().normal(t)
            return [p[0] + 0.05 * nrm[0], p[1] + 0.05 * nrm[1]]
        })
        for d in CurveJudging.distances(pushed, to: curve) { XCTAssertEqual(d, 0.05, accuracy: 1e-4) }
        XCTAssertEqual(CurveJudging.coverage(pushed, of: curve, radius: 0.03), 0)
        XCTAssertNil(CurveJudging.curve(named: "helix"))
    }
}
