import XCTest
import AENumerics

final class DensityTests: XCTestCase {
    /// Densities with points where their derivatives are checked.
    func cases() -> [(any Density, [[Double]])] {
        let mixture = Mixture(components: [Normal(mean: [-0.5, 0.2], sd: [0.3, 0.5]),
                                           Normal(mean: [0.6, -0.1], covariance: [0.2, 0.05, 0.05, 0.1])!],
                              weights: [1, 2])
        let full = Normal(mean: [0.1, -0.2, 0.3], covariance: [1, 0.3, 0.1, 0.3, 0.5, -0.1, 0.1, -0.1, 0.8])!
        let energy = EnergyDensity(dim: 2, box: [-5...5, -5...5], steps: 101, threadSafe: true) { x in
            x[0] * x[0] / 2 + x[1] * x[1] * x[1] * x[1] / 4 + 0.3 * x[0] * x[1]
        }
        return [
            (Normal(mean: [0.5], sd: [2]), [[0], [1.3], [-2.2]]),
            (Normal(mean: [1, 2], sd: [0.5]), [[0, 0], [1.2, 1.7]]),
            (full, [[0, 0, 0], [0.4, -0.8, 1.1]]),
            (mixture, [[0, 0], [-0.4, 0.3], [0.5, 0.1], [1, -1]]),
            (Energy1D(), [[-1.2], [-0.9], [0], [0.33], [1.1]]),
            (SpiralDensity(noise: 0.05), [[0, 0], [0.1, -0.2], [-0.35, 0.1], [0.4, 0.3]]),
            (energy, [[0.2, -0.5], [-1, 1]]),
        ]
    }

    func testScoreIsTheGradientOfLogp() {
        for (density, points) in cases() {
            for x in points {
                let fd = centralGradient({ density.logp($0) }, at: x, h: 1e-5)
                let tolerance = density is EnergyDensity ? 1e-6 : 2e-7
                XCTAssertLessThan(relativeDistance(density.score(at: x), fd), tolerance, "\(density.name) at \(x)")
            }
        }
    }

    func testHessianIsTheJacobianOfTheScore() {
        for (density, points) in cases() {
            for x in points {
                let fd = centralJacobian({ density.score(at: $0) }, at: x, h: 1e-5)
                let tolerance = density is EnergyDensity ? 1e-4 : 2e-6
                XCTAssertLessThan(relativeDistance(density.hessian(at: x), fd), tolerance, "\(density.name) at \(x)")
            }
        }
    }

    func testEnergyIsMinusLogp() {
        for (density, points) in cases() {
            let data = Dataset(rows: points)
            let e = density.energy(data, threads: 2)
            for (k, x) in points.enumerated() { XCTAssertEqual(e[k], -density.logp(x), accuracy: 1e-12) }
            let s = density.score(data, threads: 2)
            for (k, x) in points.enumerated() { XCTAssertEqual(s.row(k), density.score(at: x)) }
        }
    }

    /// ∫ p over a box by the trapezoidal rule on n × n nodes (2-D) or n nodes (1-D).
    func integral(_ density: any Density, box: ClosedRange<Double>, n: Int) -> Double {
        let h = (box.upperBound - box.lowerBound) / Double(n - 1)
        let xs = (0..<n).map { box.lowerBound + Double($0) * h }
        func w(_ i: Int) -> Double { i == 0 || i == n - 1 ? 0.5 : 1 }
        var sum = 0.0
        if density.dim == 1 {
            for (i, x) in xs.enumerated() { sum += w(i) * exp(density.logp([x])) }
            return sum * h
        }
        for (i, x) in xs.enumerated() { for (j, y) in xs.enumerated() { sum += w(i) * w(j) * exp(density.logp([x, y])) } }
        return sum * h * h
    }

    func testNormalisersIntegrateToOne() {
        XCTAssertEqual(integral(Normal(mean: [0.3], sd: [0.7]), box: -8...8, n: 2001), 1, accuracy: 1e-10)
        XCTAssertEqual(integral(Normal(mean: [0.3, -0.2], sd: [0.7, 1.1]), box: -10...10, n: 401), 1, accuracy: 1e-9)
        let (mixture, _) = cases()[3]
        XCTAssertEqual(integral(mixture, box: -5...5, n: 401), 1, accuracy: 1e-9)
        XCTAssertEqual(integral(Energy1D(), box: -3...3, n: 6001), 1, accuracy: 1e-10)
        XCTAssertEqual(integral(SpiralDensity(noise: 0.1), box: -1.2...1.2, n: 241), 1, accuracy: 1e-4)
    }

    /// log Z of Figure 3's density, against the independent NumPy computation in
    /// bench/figure4_reference.py (a polynomial expansion of E, 80001 trapezoid nodes).
    func testEnergy1DNormaliserMatchesNumPy() {
        XCTAssertEqual(Energy1D().logNormaliser, -2.128366472686592e-01, accuracy: 1e-12)
    }

    func testEnergyDensityNormaliserAndScore() {
        let standard = EnergyDensity(dim: 1, box: [-10...10], steps: 2001) { x in x[0] * x[0] / 2 }
        XCTAssertEqual(standard.logNormaliser, 0.5 * log(2 * Double.pi), accuracy: 1e-12)
        XCTAssertEqual(standard.score(at: [1.5])[0], -1.5, accuracy: 1e-8)
        XCTAssertEqual(standard.hessian(at: [0.7])[0], -1, accuracy: 1e-5)
        // A correlated 2-D Gaussian written as an energy has the normal's normaliser.
        let normal = Normal(mean: [0, 0], covariance: [1, 0.5, 0.5, 2])!
        let energy = EnergyDensity(dim: 2, box: [-12...12, -12...12], steps: 241, threadSafe: true) { x in
            -normal.logp(x)
        }
        XCTAssertEqual(energy.logp([0.3, -0.4]), normal.logp([0.3, -0.4]), accuracy: 1e-9)
    }

    func testDrawsHaveTheRightMoments() {
        var rng = Xoshiro256(seed: 11)
        let n = 40_000
        let normal = Normal(mean: [1, -2], covariance: [1, 0.6, 0.6, 2])!
        let data = normal.draw(n, rng: &rng)
        XCTAssertEqual(data.mean[0], 1, accuracy: 4 * (1 / Double(n)).squareRoot())
        XCTAssertEqual(data.mean[1], -2, accuracy: 4 * (2 / Double(n)).squareRoot())
        XCTAssertEqual(data.covariance[0][1], 0.6, accuracy: 0.04)
        XCTAssertEqual(data.covariance[1][1], 2, accuracy: 0.08)

        // energy1d: the sample mean and variance against quadrature over the density's grid.
        let p = Energy1D()
        let grid = p.quadratureGrid!
        let h = grid.spacing(0)
        let m1 = zip(grid.axes[0], grid.logp).reduce(0) { $0 + $1.0 * exp($1.1) * h }
        let m2 = zip(grid.axes[0], grid.logp).reduce(0) { $0 + $1.0 * $1.0 * exp($1.1) * h }
        let draws = p.draw(n, rng: &rng)
        let sd = (m2 - m1 * m1).squareRoot()
        XCTAssertEqual(draws.mean[0], m1, accuracy: 4 * sd / Double(n).squareRoot())
        XCTAssertEqual(draws.covariance[0][0], m2 - m1 * m1, accuracy: 0.03 * (m2 - m1 * m1))

        // Mixture: the fraction of draws from each well follows the weights.
        let mixture = Mixture(components: [Normal(mean: [-5], sd: [0.1]), Normal(mean: [5], sd: [0.1])], weights: [1, 3])
        let mixed = mixture.draw(n, rng: &rng)
        let right = Double(mixed.values.filter { $0 > 0 }.count) / Double(n)
        XCTAssertEqual(right, 0.75, accuracy: 4 * (0.75 * 0.25 / Double(n)).squareRoot())

        // Energy-defined: a standard normal by its energy.
        let standard = EnergyDensity(dim: 1, box: [-8...8], steps: 4001) { x in x[0] * x[0] / 2 }
        let s = standard.draw(n, rng: &rng)
        XCTAssertEqual(s.mean[0], 0, accuracy: 4 / Double(n).squareRoot())
        XCTAssertEqual(s.covariance[0][0], 1, accuracy: 0.03)

        // Spiral: every draw lies near the curve.
        let spiral = SpiralDensity(noise: 0.01).draw(1000, rng: &rng)
        XCTAssertEqual(spiral.dim, 2)
        let radii = (0..<spiral.n).map { (spiral[$0, 0] * spiral[$0, 0] + spiral[$0, 1] * spiral[$0, 1]).squareRoot() }
        XCTAssertGreaterThan(radii.min()!, 0.04 * 3 - 0.05)
        XCTAssertLessThan(radii.max()!, 0.04 * 12 + 0.05)
    }

    func testSameSeedSameDraws() {
        var a = Xoshiro256(seed: 5), b = Xoshiro256(seed: 5)
        XCTAssertEqual(Energy1D().draw(100, rng: &a), Energy1D().draw(100, rng: &b))
    }

    func testSmoothedNormalAddsTheVariance() {
        let s = Normal(mean: [1], sd: [0.6]).smoothed(by: 0.8) as! Normal
        XCTAssertEqual(s.covariance[0], 1, accuracy: 1e-15)
        let spiral = SpiralDensity(noise: 0.03).smoothed(by: 0.04) as! SpiralDensity
        XCTAssertEqual(spiral.noise, 0.05, accuracy: 1e-15)
    }
}

final class Manifold10DensityTests: XCTestCase {
    /// The density built on the data's parameters agrees with the data module's own formulas (written
    /// separately: a low-rank precision there, a Cholesky factor here).
    func testAgreesWithTheDataModule() {
        let p = Manifold10Density.make()
        let m = Manifold10.standard
        XCTAssertEqual(p.dim, 10)
        var rng = Xoshiro256(seed: 12)
        let points = p.draw(20, rng: &rng)
        for i in 0..<points.n {
            let x = points.row(i)
            XCTAssertEqual(p.logp(x), m.logDensity(x), accuracy: 1e-9 * max(1, abs(m.logDensity(x))))
            XCTAssertLessThan(relativeDistance(p.score(at: x), m.score(x)), 1e-9)
        }
        // The score and Hessian against central differences at a point between the data and the curve.
        let x = zip(m.point(0.3), points.row(0)).map { 0.7 * $0 + 0.3 * $1 }
        XCTAssertLessThan(relativeDistance(p.score(at: x), centralGradient({ p.logp($0) }, at: x, h: 1e-6)), 1e-6)
        XCTAssertLessThan(relativeDistance(p.hessian(at: x), centralJacobian({ p.score(at: $0) }, at: x, h: 1e-7)), 1e-5)
    }

    /// Draws hug the curve like the data generator's.
    func testDrawsLieNearTheCurve() {
        var rng = Xoshiro256(seed: 2)
        let m = Manifold10.standard
        let ours = Manifold10Density.make().draw(300, rng: &rng)
        let theirs = m.draw(300, rng: &rng)
        func median(_ d: Dataset) -> Double {
            (0..<d.n).map { m.nearest(to: d.row($0)).distance }.sorted()[d.n / 2]
        }
        XCTAssertEqual(median(ours), median(theirs), accuracy: 0.25 * median(theirs))
    }
}
