import XCTest
import AENumerics

final class RandomTests: XCTestCase {
    func testSameSeedSameStream() {
        var a = Xoshiro256(seed: 7), b = Xoshiro256(seed: 7)
        for _ in 0..<100 { XCTAssertEqual(a.next(), b.next()) }
    }

    func testNormalMomentsMatch() {
        var rng = Xoshiro256(seed: 1)
        let n = 200_000
        let xs = (0..<n).map { _ in rng.normal() }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
        XCTAssertEqual(mean, 0, accuracy: 4 / Double(n).squareRoot())
        XCTAssertEqual(variance, 1, accuracy: 0.02)
    }

    /// fillNormal gives normal()'s numbers bit for bit and leaves the generator where normal() would,
    /// at counts around its block (256) and vector (8) sizes.
    func testFillNormalIsNormalCallAfterCall() {
        for count in [0, 1, 7, 8, 9, 255, 256, 257, 1000] {
            var batched = Xoshiro256(seed: 11), single = Xoshiro256(seed: 11)
            var xs = [Double](repeating: .nan, count: count)
            xs.withUnsafeMutableBufferPointer { batched.fillNormal($0) }
            let ys = (0..<count).map { _ in single.normal() }
            XCTAssertEqual(xs.map(\.bitPattern), ys.map(\.bitPattern), "count \(count)")
            XCTAssertEqual(batched.next(), single.next(), "the stream after \(count)")
        }
    }

    /// GaussianSpec.draw, which draws all its variates at once, against mean + L·z written out with
    /// normal() (L = [[2, 0], [1, √2]], the Cholesky factor of [[4, 2], [2, 3]]; L = diag(sd)).
    func testGaussianDrawsAreMeanPlusFactorTimesNormals() throws {
        let mean = [0.5, -1.0]
        let correlated = try GaussianSpec(mean: mean, covariance: [4, 2, 2, 3])
        let independent = GaussianSpec(mean: mean, sd: [2, 3])
        for (spec, factor) in [(correlated, [2, 0, 1, 2.0.squareRoot()]), (independent, [2.0, 0, 0, 3])] {
            var rng = Xoshiro256(seed: 5), reference = Xoshiro256(seed: 5)
            let data = spec.draw(300, rng: &rng)
            var expected = [Double]()
            for _ in 0..<300 {
                let z = [reference.normal(), reference.normal()]
                expected.append(mean[0] + factor[0] * z[0])
                if factor[2] == 0 {
                    expected.append(mean[1] + factor[3] * z[1])
                } else {
                    expected.append(mean[1] + factor[2] * z[0] + factor[3] * z[1])
                }
            }
            XCTAssertEqual(data.values.map(\.bitPattern), expected.map(\.bitPattern))
        }
    }
}
