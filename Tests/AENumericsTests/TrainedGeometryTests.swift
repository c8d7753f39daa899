import XCTest
import AENumerics

/// The geometry claims on auto-encoders trained here (small ones, so the tests stay quick in release
/// builds; skipped in debug builds, where training is slow).
final class TrainedGeometryTests: XCTestCase {
    override func setUpWithError() throws {
        #if DEBUG
        throw XCTSkip("trains auto-encoders: run with swift test -c release")
        #endif
    }

    /// §3.8 on the spiral (σ = 0.01, as the paper's Figure 5): at points of the curve, the top
    /// eigenvector of the symmetric part of (J − I)/σ² lies along the curve's tangent.
    func testTrainedSpiralDirectionsFollowTheTangent() throws {
        var rng = Xoshiro256(seed: 21)
        let density = SpiralDensity(noise: 0.005)
        let data = density.draw(2000, rng: &rng)
        let ae = try AutoEncoder(.dae(sigma: 0.01), hidden: 300, seed: 3)
        try train(ae, data: data, options: TrainingOptions(iterations: 600))
        var cosines = [Double](), values = [(Double, Double)]()
        for k in 0..<50 {
            let t = 3.2 + 8.6 * Double(k) / 49
            let x = SpiralDensity.curve(t)
            let tangent = [0.04 * (sin(t) + t * cos(t)), 0.04 * (cos(t) - t * sin(t))]
            let norm = (tangent[0] * tangent[0] + tangent[1] * tangent[1]).squareRoot()
            let h = FieldGeometry.hessian(jacobian: ae.jacobian(at: x), dim: 2, sigma: ae.sigma)
            let eigen = FieldGeometry.directions(hessian: h, dim: 2)
            cosines.append(abs(eigen.vectors[0][0] * tangent[0] + eigen.vectors[0][1] * tangent[1]) / norm)
            values.append((eigen.values[0], eigen.values[1]))
        }
        let median = cosines.sorted()[cosines.count / 2]
        let ratio = values.map { abs($0.0) / abs($0.1) }.sorted()[values.count / 2]
        print("trained spiral DAE: median |cos(top eigenvector, tangent)| \(median), median |λ1/λ2| \(ratio)")
        XCTAssertGreaterThan(median, 0.9)
        XCTAssertLessThan(ratio, 0.5)
        // Untied weights: the Jacobian is not symmetric, but not far from it.
        let asymmetry = (0..<20).map { k in
            FieldGeometry.asymmetry(jacobian: ae.jacobian(at: SpiralDensity.curve(3.5 + Double(k) * 0.4)), dim: 2)
        }.sorted()[10]
        print("trained spiral DAE: median asymmetry \(asymmetry)")
        XCTAssertGreaterThan(asymmetry, 0)
    }

    /// Theorem 3 with eq. (29): a trained DAE's r(x) − x points like m_δ(x) − x. In 1-D, on Figure 3's
    /// density, the two are proportional across the grid: their correlation is close to 1.
    func testTrainedDAEPointsToTheLocalMean() throws {
        var rng = Xoshiro256(seed: 5)
        let density = Energy1D()
        let data = density.draw(3000, rng: &rng)
        let ae = try AutoEncoder(.dae(sigma: 0.1), hidden: 100, replicate: 5, seed: 2)
        try train(ae, data: data, options: TrainingOptions(iterations: 500))
        let xs = (0..<41).map { -1.2 + 2.4 * Double($0) / 40 }
        let r = ae.reconstruct(Dataset(rows: xs.count, dim: 1, values: xs), threads: 1)
        let a = xs.indices.map { r[$0, 0] - xs[$0] }
        let b = xs.map { LocalMean.quadrature(density: density, at: [$0], delta: 0.1)[0] - $0 }
        let correlation = pearson(a, b)
        print("trained 1-D DAE: correlation of r(x) − x with m_δ(x) − x \(correlation)")
        XCTAssertGreaterThan(correlation, 0.9)
        // The same for the exact optimal DAE, to the precision of the asymptotics.
        let optimal = try OptimalDAE.reconstruct(density: density, sigma: 0.1, points: Dataset(rows: xs.count, dim: 1, values: xs))
        XCTAssertGreaterThan(pearson(xs.indices.map { optimal[$0, 0] - xs[$0] }, b), 0.95)
    }

    func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb)
        }
        return sab / (saa * sbb).squareRoot()
    }
}
