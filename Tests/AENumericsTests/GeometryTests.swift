import XCTest
import AENumerics

final class GeometryTests: XCTestCase {
    func testJacobiEigenDecomposition() {
        var rng = Xoshiro256(seed: 9)
        let d = 6
        var a = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0...i { let v = rng.normal(); a[i * d + j] = v; a[j * d + i] = v } }
        let eigen = SymmetricEigen(a, dim: d)
        XCTAssertEqual(eigen.values, eigen.values.sorted(by: >))
        for (lambda, v) in zip(eigen.values, eigen.vectors) {
            for i in 0..<d {
                let av = (0..<d).reduce(0) { $0 + a[i * d + $1] * v[$1] }
                XCTAssertEqual(av, lambda * v[i], accuracy: 1e-12)
            }
        }
        for p in 0..<d { for q in 0..<d {
            let dot = zip(eigen.vectors[p], eigen.vectors[q]).reduce(0) { $0 + $1.0 * $1.1 }
            XCTAssertEqual(dot, p == q ? 1 : 0, accuracy: 1e-12)
        } }
        XCTAssertEqual(SymmetricEigen([2, 0, 0, -3], dim: 2).values, [2, -3])
    }

    /// Theorem 3: m_δ(x) − x = δ²/(d + 2)·∇ log p(x) + o(δ³), by quadrature in 1-D and 2-D.
    func testLocalMeanApproachesTheScore() {
        let p1 = Energy1D()
        for x in [-0.5, 0.2, 0.8] {
            let delta = 0.01
            let m = LocalMean.quadrature(density: p1, at: [x], delta: delta)
            let estimate = (m[0] - x) * 3 / (delta * delta)
            XCTAssertEqual(estimate, p1.score(at: [x])[0], accuracy: 1e-3 * max(1, abs(p1.score(at: [x])[0])))
        }
        let p2 = Mixture(components: [Normal(mean: [-0.5, 0.2], sd: [0.3, 0.5]), Normal(mean: [0.6, -0.1], sd: [0.2])])
        for x in [[0.0, 0.0], [0.3, -0.4]] {
            // The error falls like δ² (the δ³ term vanishes by symmetry).
            let errors = [0.02, 0.01].map { delta -> Double in
                let m = LocalMean.quadrature(density: p2, at: x, delta: delta)
                let estimate = (0..<2).map { (m[$0] - x[$0]) * 4 / (delta * delta) }
                return relativeDistance(estimate, p2.score(at: x))
            }
            XCTAssertLessThan(errors[1], 3e-3)
            XCTAssertEqual(errors[0] / errors[1], 4, accuracy: 0.2)
        }
    }

    /// The same in 10-D by Monte Carlo on the ball (antithetic pairs), reproducible from its seed.
    func testMonteCarloLocalMeanIn10D() {
        let p = Normal(mean: [Double](repeating: 0, count: 10), sd: [1])
        let x = (0..<10).map { 0.2 * Double($0) - 0.9 }
        let delta = 0.2
        let m = LocalMean.monteCarlo(density: p, at: x, delta: delta, samples: 200_000, seed: 1)
        let estimate = (0..<10).map { (m[$0] - x[$0]) * 12 / (delta * delta) }
        XCTAssertLessThan(relativeDistance(estimate, p.score(at: x)), 0.05)
        XCTAssertEqual(m, LocalMean.monteCarlo(density: p, at: x, delta: delta, samples: 200_000, seed: 1))
        // In 2-D the Monte Carlo estimate agrees with quadrature.
        let p2 = Normal(mean: [0.3, 0], covariance: [1, 0.4, 0.4, 0.5])!
        let q = LocalMean.quadrature(density: p2, at: [0.5, 0.5], delta: 0.3)
        let mc = LocalMean.monteCarlo(density: p2, at: [0.5, 0.5], delta: 0.3, samples: 400_000, seed: 2)
        XCTAssertLessThan(relativeDistance(zip(mc, [0.5, 0.5]).map { $0 - $1 }, zip(q, [0.5, 0.5]).map { $0 - $1 }), 2e-3)
    }

    /// Equation (29): near the spiral, the optimal DAE's r*(x) − x points the same way as the local mean's
    /// m_δ(x) − x.
    func testReconstructionPointsToTheLocalMean() throws {
        let p = SpiralDensity(noise: 0.02)
        let field = try OptimalReconstruction(density: p, sigma: 0.005)
        var rng = Xoshiro256(seed: 4)
        let points = p.draw(6, rng: &rng)
        let r = field.reconstruct(points, threads: 1)
        for i in 0..<points.n {
            let x = points.row(i)
            let m = LocalMean.quadrature(density: p, at: x, delta: 0.005)
            let a = [r[i, 0] - x[0], r[i, 1] - x[1]], b = [m[0] - x[0], m[1] - x[1]]
            let cosine = (a[0] * b[0] + a[1] * b[1]) / ((a[0] * a[0] + a[1] * a[1]) * (b[0] * b[0] + b[1] * b[1])).squareRoot()
            XCTAssertGreaterThan(cosine, 0.99)
        }
    }

    func testTanhFieldJacobianMatchesFiniteDifferences() {
        for tied in [true, false] {
            let field = TanhField(dim: 3, hidden: 8, tied: tied, seed: 5)
            let x = [0.3, -0.2, 0.5]
            let fd = centralJacobian({ field.reconstructPoint($0) }, at: x)
            XCTAssertLessThan(relativeDistance(field.jacobian(at: x), fd), 1e-8)
        }
    }

    /// §3.6: a tied auto-encoder has a symmetric Jacobian, so its asymmetry is exactly 0; an untied one's
    /// is not, and the 2-D curl is ∂r_y/∂x − ∂r_x/∂y.
    func testAsymmetryAndCurl() {
        var rng = Xoshiro256(seed: 8)
        let tied = TanhField(dim: 3, hidden: 16, tied: true, seed: 1)
        let untied = TanhField(dim: 3, hidden: 16, tied: false, seed: 1)
        for _ in 0..<10 {
            let x = (0..<3).map { _ in rng.uniform(-1, 1) }
            XCTAssertEqual(FieldGeometry.asymmetry(jacobian: tied.jacobian(at: x), dim: 3), 0)
            XCTAssertGreaterThan(FieldGeometry.asymmetry(jacobian: untied.jacobian(at: x), dim: 3), 0.05)
        }
        XCTAssertEqual(FieldGeometry.asymmetry(jacobian: [1, 2, -2, 1], dim: 2), (32.0 / 10).squareRoot(), accuracy: 1e-15)
        let plane = TanhField(dim: 2, hidden: 6, tied: false, seed: 3)
        let x = [0.1, 0.4]
        let fd = centralJacobian({ plane.reconstructPoint($0) }, at: x)
        XCTAssertEqual(FieldGeometry.curl(jacobian: plane.jacobian(at: x)), fd[2] - fd[1], accuracy: 1e-8)
        XCTAssertEqual(FieldGeometry.curl(jacobian: TanhField(dim: 2, hidden: 6, tied: true, seed: 3).jacobian(at: x)), 0)
    }

    /// §3.8 on the spiral: the estimated Hessian (J − I)/σ² of the optimal DAE has, at points of the
    /// curve, a top eigenvector along the curve's tangent with an eigenvalue near 0, and a strongly
    /// negative one across.
    func testDirectionsOnTheSpiral() throws {
        let sigma = 0.01
        let field = try OptimalReconstruction(density: SpiralDensity(noise: 0.01), sigma: sigma)
        var cosines = [Double]()
        for k in 0..<40 {
            let t = 3.5 + 8 * Double(k) / 39
            let x = SpiralDensity.curve(t)
            let tangent = [0.04 * (sin(t) + t * cos(t)), 0.04 * (cos(t) - t * sin(t))]
            let norm = (tangent[0] * tangent[0] + tangent[1] * tangent[1]).squareRoot()
            let h = FieldGeometry.hessian(jacobian: field.jacobian(at: x), dim: 2, sigma: sigma)
            let eigen = FieldGeometry.directions(hessian: h, dim: 2)
            let v = eigen.vectors[0]
            cosines.append(abs(v[0] * tangent[0] + v[1] * tangent[1]) / norm)
            XCTAssertLessThan(eigen.values[1], -1000)               // across: about −1/(2·0.01²)
            XCTAssertLessThan(abs(eigen.values[0]), 0.1 * abs(eigen.values[1]))
        }
        XCTAssertGreaterThan(cosines.sorted()[cosines.count / 2], 0.99)
    }

    func testScoreError() {
        let truth = Dataset(rows: [[1, 0], [0, 2], [3, 4]])
        let same = ScoreError(estimate: truth, truth: truth)
        XCTAssertEqual(same.rms, 0)
        XCTAssertEqual(same.cosine, 1, accuracy: 1e-15)
        var doubled = truth
        for k in doubled.values.indices { doubled.values[k] *= 2 }
        let twice = ScoreError(estimate: doubled, truth: truth)
        XCTAssertEqual(twice.relative, 1, accuracy: 1e-15)
        XCTAssertEqual(twice.rms, (30.0 / 3).squareRoot(), accuracy: 1e-14)
        var flipped = truth
        for k in flipped.values.indices { flipped.values[k] *= -1 }
        XCTAssertEqual(ScoreError(estimate: flipped, truth: truth).cosine, -1, accuracy: 1e-15)
    }

    func testResultsDoNotDependOnTheThreadCount() {
        let p = SpiralDensity(noise: 0.05)
        var rng = Xoshiro256(seed: 6)
        let points = p.draw(1000, rng: &rng)
        XCTAssertEqual(p.score(points, threads: 1), p.score(points, threads: 2))
        XCTAssertEqual(p.energy(points, threads: 1), p.energy(points, threads: 4))
    }
}
