import XCTest
import AENumerics
import Foundation

/// The data layer at scale (10⁶ points in release builds, 10⁴ in debug): generation, nearest-point
/// queries and file round trips stay exact, and their times are printed for the record.
final class DataScaleTests: XCTestCase {
    #if DEBUG
    static let n = 10_000
    #else
    static let n = 1_000_000
    #endif

    func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        let result = try body()
        print(String(format: "data-scale %@: %.3f s", label, Date().timeIntervalSince(start)))
        return result
    }

    func testLargeDatasetsRoundTripExactly() throws {
        let n = Self.n
        var rng = Xoshiro256(seed: 1)
        let spiral = time("spiral(\(n), noise: 0.01)") { DataGenerators.spiral(n, noise: 0.01, rng: &rng) }
        let m10 = time("manifold10(\(n / 10))") { DataGenerators.manifold10(n / 10, rng: &rng) }
        XCTAssertTrue(m10.values.allSatisfy { abs($0) <= 1.5 })

        let folder = NSTemporaryDirectory() + "ae-data-scale-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try time("save_csv \(n) × 2") { try DatasetCSV.write(spiral, to: folder + "/s.csv") }
        let csv = try time("load_csv \(n) × 2") { try DatasetCSV.read(folder + "/s.csv") }
        XCTAssertEqual(csv.data, spiral)
        try time("save_npy \(n) × 2") { try DatasetNpy.write(spiral, to: folder + "/s.npy") }
        let npy = try time("load_npy \(n) × 2") { try DatasetNpy.read(folder + "/s.npy") }
        XCTAssertEqual(npy, spiral)

        let queries = n / 100
        let curve = SpiralCurve()
        let far = time("spiral nearest × \(queries)") {
            (0..<queries).map { curve.nearest(to: spiral.row($0)).distance }.max()!
        }
        XCTAssertLessThan(far, 0.01 * 6)   // noise sd 0.01: no point is 6 sd from the curve
        let m = Manifold10.standard
        let median = time("manifold10 nearest × \(queries / 10)") {
            (0..<(queries / 10)).map { m.nearest(to: m10.row($0)).distance }.sorted()[queries / 20]
        }
        XCTAssertLessThan(median, 0.2)
    }
}
