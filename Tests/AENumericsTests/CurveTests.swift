import XCTest
import AENumerics
import Foundation

final class SpiralCurveTests: XCTestCase {
    let spiral = SpiralCurve()

    func testPointAndDerivativeAgreeWithFiniteDifferences() {
        for t in stride(from: 3.0, through: 12.0, by: 0.7) {
            let h = 1e-6
            let p = spiral.point(t + h), m = spiral.point(t - h), d = spiral.derivative(t)
            XCTAssertEqual((p[0] - m[0]) / (2 * h), d[0], accuracy: 1e-8)
            XCTAssertEqual((p[1] - m[1]) / (2 * h), d[1], accuracy: 1e-8)
            let u = spiral.tangent(t)
            XCTAssertEqual(u[0] * u[0] + u[1] * u[1], 1, accuracy: 1e-14)
        }
        XCTAssertEqual(spiral.point(3)[0], 0.04 * 3 * sin(3), accuracy: 0)
        XCTAssertEqual(spiral.point(3)[1], 0.04 * 3 * cos(3), accuracy: 0)
    }

    func testArcLengthMatchesPolylineSum() {
        var sum = 0.0
        let m = 200_000
        var previous = spiral.point(3)
        for i in 1...m {
            let p = spiral.point(3 + 9 * Double(i) / Double(m))
            sum += hypot(p[0] - previous[0], p[1] - previous[1])
            previous = p
        }
        XCTAssertEqual(spiral.length, sum, accuracy: 1e-9)
        XCTAssertEqual(spiral.length, 2.7274728188694, accuracy: 1e-12)
        for s in [0.0, 0.3, 1.4, 2.7] {
            XCTAssertEqual(spiral.arcLength(to: spiral.parameter(atArcLength: s)), s, accuracy: 1e-12)
        }
    }

    func testPointsOnTheCurveAreAtDistanceZero() {
        var rng = Xoshiro256(seed: 3)
        for _ in 0..<500 {
            let t = rng.uniform(3, 12)
            let hit = spiral.nearest(to: spiral.point(t))
            XCTAssertLessThan(hit.distance, 1e-12)
            XCTAssertEqual(hit.t, t, accuracy: 1e-9)
            XCTAssertEqual(hit.arcPosition, spiral.arcLength(to: t), accuracy: 1e-9)
        }
    }

    func testPointsOffsetAlongTheNormalAreAtThatDistance() {
        var rng = Xoshiro256(seed: 4)
        for _ in 0..<500 {
            let t = rng.uniform(3.5, 11.5), delta = rng.uniform(-0.05, 0.05)
            let p = spiral.point(t), nrm = spiral.normal(t)
            let hit = spiral.nearest(to: [p[0] + delta * nrm[0], p[1] + delta * nrm[1]])
            XCTAssertEqual(hit.distance, abs(delta), accuracy: 1e-12)
            XCTAssertEqual(hit.t, t, accuracy: 1e-8)
        }
    }

    func testNearestAgreesWithBruteForceAnywhere() {
        let m = 100_000
        let samples = (0...m).map { spiral.point(3 + 9 * Double($0) / Double(m)) }
        var rng = Xoshiro256(seed: 5)
        for _ in 0..<100 {
            let x = [rng.uniform(-0.7, 0.7), rng.uniform(-0.7, 0.7)]
            let brute = samples.map { hypot($0[0] - x[0], $0[1] - x[1]) }.min()!
            let d = spiral.nearest(to: x).distance
            XCTAssertLessThanOrEqual(d, brute + 1e-15)
            XCTAssertGreaterThan(d, brute - 3e-5)   // brute force is only as fine as its sampling
        }
        // The origin is closest to the inner end, t = 3, at distance 0.12.
        let origin = spiral.nearest(to: [0, 0])
        XCTAssertEqual(origin.t, 3)
        XCTAssertEqual(origin.distance, 0.12, accuracy: 1e-15)
    }
}

final class Manifold10Tests: XCTestCase {
    let m = Manifold10.standard

    func testConstructionIsFixed() {
        let again = Manifold10()
        XCTAssertEqual(again.frequencies, m.frequencies)
        XCTAssertEqual(again.means, m.means)
        XCTAssertEqual(m.means.count, 25)
        for k in 0..<25 {
            let p = m.point(Double(k) / 25)
            for i in 0..<10 { XCTAssertEqual(m.means[k][i], p[i], accuracy: 1e-15) }
            XCTAssertEqual(m.sdAcross[k], 0.1 * m.sdAlong[k], accuracy: 1e-15)
            XCTAssertEqual(m.weights[k], 1.0 / 25)
        }
        // Pinned, so that a change to the construction (which every engineer's results rest on) is caught.
        XCTAssertEqual(m.exponents, [1, 1, 2, 2, 2, 2, 2, 2, 2, 2])
        XCTAssertEqual(m.frequencies[0], -0.777440506903484, accuracy: 1e-15)
        XCTAssertEqual(m.frequencies[9], -0.45430832362071305, accuracy: 1e-15)
        XCTAssertEqual(m.scale, 0.8730328429894831, accuracy: 1e-12)
        XCTAssertEqual(m.length, 7.553903420535649, accuracy: 1e-9)
    }

    func testCovarianceFactorsAreConsistent() {
        for k in [0, 7, 24] {
            let l = m.covarianceFactor(k), s = m.covariance(k), p = m.precision(k)
            for i in 0..<10 {
                for j in 0..<10 {
                    var ll = 0.0, sp = 0.0
                    for r in 0..<10 { ll += l[i * 10 + r] * l[r * 10 + j]; sp += s[i * 10 + r] * p[r * 10 + j] }
                    XCTAssertEqual(ll, s[i * 10 + j], accuracy: 1e-14)
                    XCTAssertEqual(sp, i == j ? 1 : 0, accuracy: 1e-9)
                }
            }
            // Σ·u = a²·u: the long axis is the step to the next mean.
            let u = m.directions[k]
            for i in 0..<10 {
                let su = (0..<10).reduce(0.0) { $0 + s[i * 10 + $1] * u[$1] }
                XCTAssertEqual(su, m.sdAlong[k] * m.sdAlong[k] * u[i], accuracy: 1e-14)
            }
        }
    }

    func testScoreMatchesFiniteDifferencesOfLogDensity() {
        var rng = Xoshiro256(seed: 8)
        let data = m.draw(20, rng: &rng)
        for r in 0..<data.n {
            let x = data.row(r), g = m.score(x)
            for i in 0..<10 {
                var xp = x, xm = x
                let h = 1e-5
                xp[i] += h; xm[i] -= h
                let fd = (m.logDensity(xp) - m.logDensity(xm)) / (2 * h)
                XCTAssertEqual(g[i], fd, accuracy: 1e-5 * max(1, abs(fd)))
            }
        }
    }

    func testDrawsLieInTheBoxNearTheCurveWithTheMixtureMean() {
        var rng = Xoshiro256(seed: 9)
        let n = 20_000
        let data = m.draw(n, rng: &rng)
        XCTAssertTrue(data.values.allSatisfy { abs($0) <= 1.5 })
        XCTAssertGreaterThan(data.values.map(abs).max()!, 1.0)   // the box is used, not shrunk away
        let mean = data.mean, cov = data.covariance
        for i in 0..<10 {
            let expected = m.means.reduce(0) { $0 + $1[i] } / 25
            XCTAssertEqual(mean[i], expected, accuracy: 4 * (cov[i][i] / Double(n)).squareRoot())
        }
        let distances = (0..<2000).map { m.nearest(to: data.row($0)).distance }.sorted()
        let median = distances[1000]
        let spread = (0..<10).reduce(0.0) { $0 + cov[$1][$1] }.squareRoot()
        XCTAssertLessThan(median, 0.25 * spread)
        for t in [0.0, 0.123, 0.5, 0.999, 1.0] {
            XCTAssertLessThan(m.nearest(to: m.point(t)).distance, 1e-5)
        }
    }
}

final class CurveBatchTests: XCTestCase {
    func testBatchedNearestMatchesOneByOneOnAnyThreadCount() {
        var rng = Xoshiro256(seed: 10)
        let spiralData = DataGenerators.spiral(300, noise: 0.05, rng: &rng)
        let m10Data = DataGenerators.manifold10(100, rng: &rng)
        let curves: [(any DataCurve, Dataset)] = [(SpiralCurve(), spiralData), (Manifold10.standard, m10Data)]
        for (curve, data) in curves {
            let single = (0..<data.n).map { curve.nearest(to: data.row($0)) }
            XCTAssertEqual(curve.nearest(toRowsOf: data, threads: 1), single)
            XCTAssertEqual(curve.nearest(toRowsOf: data, threads: 2), single)
            XCTAssertEqual(curve.nearest(toRowsOf: data, threads: 5), single)
        }
    }
}
