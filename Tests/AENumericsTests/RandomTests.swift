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
}
