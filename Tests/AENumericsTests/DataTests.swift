import XCTest
import AENumerics
import Foundation
import AEFiles

final class GeneratorTests: XCTestCase {
    func testSpiralWithoutNoiseLiesExactlyOnTheCurve() {
        var rng = Xoshiro256(seed: 1)
        let data = DataGenerators.spiral(2000, rng: &rng)
        XCTAssertEqual(data.n, 2000)
        XCTAssertEqual(data.dim, 2)
        let curve = SpiralCurve()
        var radii = [Double]()
        for i in 0..<data.n {
            let hit = curve.nearest(to: data.row(i))
            XCTAssertLessThan(hit.distance, 1e-12)
            radii.append(hypot(data[i, 0], data[i, 1]))   // = 0.04·t with t ~ U(3, 12)
        }
        // r ~ U(0.12, 0.48): mean 0.3, sd 0.36/√12.
        let mean = radii.reduce(0, +) / Double(radii.count)
        XCTAssertEqual(mean, 0.3, accuracy: 4 * 0.36 / 12.0.squareRoot() / Double(radii.count).squareRoot())
        XCTAssertGreaterThanOrEqual(radii.min()!, 0.12 - 1e-15)
        XCTAssertLessThan(radii.max()!, 0.48)
    }

    func testSpiralNoiseHasTheRequestedStandardDeviation() {
        var rng = Xoshiro256(seed: 2)
        let sigma = 0.005, n = 20_000
        let data = DataGenerators.spiral(n, noise: sigma, rng: &rng)
        let curve = SpiralCurve()
        // Small isotropic noise: the distance to the curve is |normal component|, so E[d²] = σ².
        let meanSquare = (0..<n).reduce(0.0) { $0 + pow(curve.nearest(to: data.row($1)).distance, 2) } / Double(n)
        XCTAssertEqual(meanSquare, sigma * sigma, accuracy: 4 * sigma * sigma * 2.0.squareRoot() / Double(n).squareRoot() + 1e-7)
    }

    func testSameSeedSameBits() {
        var a = Xoshiro256(seed: 7), b = Xoshiro256(seed: 7)
        XCTAssertEqual(DataGenerators.spiral(100, noise: 0.1, rng: &a), DataGenerators.spiral(100, noise: 0.1, rng: &b))
        XCTAssertEqual(DataGenerators.manifold10(50, rng: &a), DataGenerators.manifold10(50, rng: &b))
    }

    /// The builtins draw large datasets in chunks (checking for Ctrl-C in between); that is only
    /// correct because each generator draws point by point from one stream.
    func testDrawingInChunksGivesTheSameData() throws {
        let spec = try GaussianSpec(mean: [0, 1], covariance: [1, 0.3, 0.3, 2])
        let mix = [GaussianSpec(mean: [0, 0], sd: [1, 1]), spec]
        let draws: [(Int, inout Xoshiro256) -> Dataset] = [
            { DataGenerators.spiral($0, noise: 0.1, rng: &$1) },
            { DataGenerators.circle($0, radius: 2, noise: 0.1, rng: &$1) },
            { DataGenerators.manifold10($0, rng: &$1) },
            { spec.draw($0, rng: &$1) },
            { DataGenerators.mixture($0, components: mix, weights: [1, 2], rng: &$1) },
        ]
        for draw in draws {
            var whole = Xoshiro256(seed: 11), parts = Xoshiro256(seed: 11)
            let all = draw(30, &whole)
            let first = draw(13, &parts), second = draw(17, &parts)
            XCTAssertEqual(all.values, first.values + second.values)
        }
    }

    func testCircleRadiusAndUniformAngle() {
        var rng = Xoshiro256(seed: 3)
        let n = 10_000
        let data = DataGenerators.circle(n, radius: 2, rng: &rng)
        for i in 0..<n { XCTAssertEqual(hypot(data[i, 0], data[i, 1]), 2, accuracy: 1e-14) }
        // cos θ and sin θ have mean 0 and variance 1/2 under a uniform angle.
        let mean = data.mean
        for m in mean { XCTAssertEqual(m, 0, accuracy: 4 * 2 * 0.5.squareRoot() / Double(n).squareRoot()) }
    }

    func testGaussianMeanAndCovarianceWithinMonteCarloError() {
        var rng = Xoshiro256(seed: 4)
        let n = 40_000
        let data = DataGenerators.gaussian(n, mean: [1, -2, 0.5], sd: [0.5, 2, 1], rng: &rng)
        let mean = data.mean, cov = data.covariance
        let sd = [0.5, 2.0, 1.0], mu = [1.0, -2, 0.5]
        for i in 0..<3 {
            XCTAssertEqual(mean[i], mu[i], accuracy: 4 * sd[i] / Double(n).squareRoot())
            // Var of the sample variance ≈ 2σ⁴/n.
            XCTAssertEqual(cov[i][i], sd[i] * sd[i], accuracy: 4 * sd[i] * sd[i] * (2 / Double(n)).squareRoot())
            for j in 0..<i { XCTAssertEqual(cov[i][j], 0, accuracy: 4 * sd[i] * sd[j] / Double(n).squareRoot()) }
        }
    }

    func testCorrelatedGaussianThroughCholesky() throws {
        let spec = try GaussianSpec(mean: [0, 0], covariance: [1, 0.8, 0.8, 1])
        XCTAssertEqual(spec.covariance, [1, 0.8, 0.8, 1].map { $0 }, "L·Lᵀ gives back Σ")
        var rng = Xoshiro256(seed: 5)
        let n = 40_000
        let cov = spec.draw(n, rng: &rng).covariance
        // Var of the sample covariance ≈ (σ12² + σ11σ22)/n.
        XCTAssertEqual(cov[0][1], 0.8, accuracy: 4 * (1.64 / Double(n)).squareRoot())
        XCTAssertThrowsError(try GaussianSpec(mean: [0, 0], covariance: [1, 2, 2, 1])) {
            XCTAssertEqual($0 as? DataError, DataError("the covariance must be positive definite"))
        }
        XCTAssertThrowsError(try GaussianSpec(mean: [0, 0], covariance: [1, 0.5, 0.4, 1])) {
            XCTAssertEqual($0 as? DataError,
                           DataError("the covariance must be symmetric: entry (1, 0) is 0.4 but (0, 1) is 0.5"))
        }
    }

    func testMixtureWeightsAndMean() {
        let components = [GaussianSpec(mean: [-5, 0], sd: [0.1, 0.1]), GaussianSpec(mean: [5, 1], sd: [0.1, 0.1])]
        var rng = Xoshiro256(seed: 6)
        let n = 20_000
        let data = DataGenerators.mixture(n, components: components, weights: [1, 3], rng: &rng)
        let right = Double((0..<n).filter { data[$0, 0] > 0 }.count) / Double(n)
        XCTAssertEqual(right, 0.75, accuracy: 4 * (0.75 * 0.25 / Double(n)).squareRoot())
        XCTAssertEqual(data.mean[1], 0.75, accuracy: 4 * (0.1875 + 0.01).squareRoot() / Double(n).squareRoot())
    }

    func testGridOrderAndEnds() {
        let g = DataGenerators.grid(x: -1...1, y: 0...2, xSteps: 3, ySteps: 2)
        XCTAssertEqual(g.values, [-1, 0, 0, 0, 1, 0, -1, 2, 0, 2, 1, 2])
        let line = DataGenerators.grid(0...1, steps: 11)
        XCTAssertEqual(line.n, 11)
        XCTAssertEqual(line.dim, 1)
        XCTAssertEqual(line.values.last, 1)
        XCTAssertEqual(line.values[3], 0.3, accuracy: 1e-16)
    }
}

final class DatasetFileTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "ae-data-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func write(_ name: String, _ text: String) -> String {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func readError(_ path: String, header: Bool? = nil) -> String? {
        do { _ = try DatasetCSV.read(path, header: header); return nil }
        catch { return (error as? FileError)?.message ?? "\(error)" }
    }

    func testCSVRoundTripIsExact() throws {
        var rng = Xoshiro256(seed: 1)
        let data = DataGenerators.gaussian(500, mean: [0, 1e-7, 3e8], sd: [1, 1e-9, 1e5], rng: &rng)
        let path = folder + "/g.csv"
        try DatasetCSV.write(data, columns: ["a", "b,c", "d"], to: path)
        let back = try DatasetCSV.read(path)
        XCTAssertEqual(back.data, data)
        XCTAssertEqual(back.columns, ["a", "b,c", "d"])
        try DatasetCSV.write(data, to: path)
        let plain = try DatasetCSV.read(path)
        XCTAssertEqual(plain.data, data)
        XCTAssertNil(plain.columns)
    }

    func testCSVHeaderDetectionAndForms() throws {
        let t = try DatasetCSV.read(write("a.csv", "x, y\r\n1, 2\r\n\n3,4.5\n"))
        XCTAssertEqual(t.columns, ["x", "y"])
        XCTAssertEqual(t.data.values, [1, 2, 3, 4.5])
        // np.savetxt's defaults: space separated, '#' comment header.
        let s = try DatasetCSV.read(write("b.txt", "# x y\n1.000000000000000000e+00 -2.5e-01\n3 4\n"))
        XCTAssertEqual(s.data, Dataset(rows: [[1, -0.25], [3, 4]]))
        XCTAssertNil(s.columns)
        let forced = try DatasetCSV.read(write("c.csv", "1,2\n3,4\n"), header: true)
        XCTAssertEqual(forced.columns, ["1", "2"])
        XCTAssertEqual(forced.data.n, 1)
        let bom = try DatasetCSV.read(write("bom.csv", "\u{FEFF}1,2\n"))
        XCTAssertEqual(bom.data.values, [1, 2])
        let column = try DatasetCSV.read(write("d.csv", "v\n1\n2\n3\n"))
        XCTAssertEqual(column.data.dim, 1)
        XCTAssertEqual(column.data.n, 3)
    }

    func testCSVErrorsNameTheLineAndColumn() {
        XCTAssertEqual(readError(write("e1.csv", "x,y\n1,2\n3,abc\n")),
                       "cannot read '\(folder!)/e1.csv': line 3, column 2: 'abc' is not a number")
        XCTAssertEqual(readError(write("e2.csv", "1,2\nnan,4\n")),
                       "cannot read '\(folder!)/e2.csv': line 2, column 1: NaN is not allowed in data")
        XCTAssertEqual(readError(write("e3.csv", "1,2\n3,inf\n")),
                       "cannot read '\(folder!)/e3.csv': line 2, column 2: 'inf' is not finite")
        XCTAssertEqual(readError(write("e4.csv", "1,2\n\n3,4,5\n")),
                       "cannot read '\(folder!)/e4.csv': line 3: expected 2 values, found 3")
        XCTAssertEqual(readError(write("e5.csv", "1,2\n3,\n")),
                       "cannot read '\(folder!)/e5.csv': line 2, column 2: empty value")
        XCTAssertEqual(readError(write("e6.csv", "x,y\n")),
                       "cannot read '\(folder!)/e6.csv': no data rows")
        XCTAssertEqual(readError(write("e7.csv", "1,x\n")),
                       "cannot read '\(folder!)/e7.csv': line 1, column 2: 'x' is not a number")
        XCTAssertEqual(readError(folder + "/missing.csv"), "cannot read '\(folder!)/missing.csv': no such file")
        XCTAssertThrowsError(try DatasetCSV.write(Dataset(rows: [[1, .nan]]), to: folder + "/n.csv")) {
            XCTAssertEqual(($0 as? FileError)?.message,
                           "cannot write '\(folder!)/n.csv': row 0, column 1 is nan, and CSV data must be finite")
        }
    }

    /// Random text from the characters CSV files are made of: every input parses or fails with a
    /// ``DataError``, never a crash, and a parsed table is rectangular and finite.
    func testCSVParserSurvivesRandomInput() {
        let alphabet = Array("0123456789.,-+eE\n\r\" #naifxX\t".utf8)
        var rng = Xoshiro256(seed: 12)
        var parsed = 0
        for _ in 0..<3000 {
            let bytes = (0..<rng.index(40)).map { _ in alphabet[rng.index(alphabet.count)] }
            do {
                let table = try DatasetCSV.parse(bytes)
                XCTAssertEqual(table.data.values.count, table.data.n * table.data.dim)
                XCTAssertTrue(table.data.isFinite)
                parsed += 1
            } catch {
                XCTAssertTrue(error is DataError, "\(error)")
            }
        }
        XCTAssertGreaterThan(parsed, 10)
    }

    func testNpyRoundTripAndOneDimensionalArrays() throws {
        var rng = Xoshiro256(seed: 2)
        let data = DataGenerators.manifold10(100, rng: &rng)
        let path = folder + "/m.npy"
        try DatasetNpy.write(data, to: path)
        XCTAssertEqual(try DatasetNpy.read(path), data)
        let vector = try DatasetNpy.dataset(from: NpyArray(shape: [3], values: [1, 2, 3]))
        XCTAssertEqual(vector, Dataset(rows: 3, dim: 1, values: [1, 2, 3]))
        XCTAssertThrowsError(try DatasetNpy.dataset(from: NpyArray(shape: [2, 2, 1], values: [1, 2, 3, 4]))) {
            XCTAssertEqual($0 as? DataError, DataError("a dataset needs a 1-D or 2-D array, found shape (2, 2, 1)"))
        }
        XCTAssertThrowsError(try DatasetNpy.dataset(from: NpyArray(shape: [2, 2], values: [1, 2, .nan, 4]))) {
            XCTAssertEqual($0 as? DataError, DataError("row 1, column 0 is NaN; data must be finite"))
        }
        XCTAssertThrowsError(try DatasetNpy.dataset(from: NpyArray(shape: [0, 2], values: []))) {
            XCTAssertEqual($0 as? DataError, DataError("the array is empty (shape (0, 2))"))
        }
        XCTAssertThrowsError(try DatasetNpy.read(folder + "/none.npy")) {
            XCTAssertEqual(($0 as? FileError)?.message, "cannot read '\(folder!)/none.npy': no such file")
        }
    }

    /// Files written by NumPy itself: float64, float32, int64, int32, Fortran order, and one we wrote
    /// read back by NumPy.
    func testNpyInteroperatesWithNumPy() throws {
        let script = """
        import numpy as np, sys
        d = sys.argv[1]
        a = np.array([[0.1, -2.0, 3e-300], [4.0, 5.5, 1e10]])
        np.save(d + '/f8.npy', a)
        np.save(d + '/f4.npy', a[:, :2].astype('<f4'))
        np.save(d + '/i8.npy', np.array([[1, -2], [3, 2**40]], dtype='<i8'))
        np.save(d + '/i4.npy', np.array([7, -8, 9], dtype='<i4'))
        np.save(d + '/fortran.npy', np.asfortranarray(a))
        b = np.load(d + '/ours.npy')
        assert b.dtype == np.float64 and b.shape == (2, 3) and b.flags['C_CONTIGUOUS'], (b.dtype, b.shape)
        assert (b == np.array([[1.5, -0.0, 1e-310], [2.0, 3.0, 0.1]])).all(), b
        """
        try DatasetNpy.write(Dataset(rows: [[1.5, -0.0, 1e-310], [2, 3, 0.1]]), to: folder + "/ours.npy")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder]
        process.standardError = Pipe()
        do { try process.run() } catch { throw XCTSkip("python3 is not available") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let err = String(decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if err.contains("No module named 'numpy'") { throw XCTSkip("numpy is not installed") }
            XCTFail("python3 failed: \(err)")
            return
        }
        let expected = Dataset(rows: [[0.1, -2, 3e-300], [4, 5.5, 1e10]])
        XCTAssertEqual(try DatasetNpy.read(folder + "/f8.npy"), expected)
        XCTAssertEqual(try DatasetNpy.read(folder + "/fortran.npy"), expected)
        XCTAssertEqual(try DatasetNpy.read(folder + "/f4.npy"),
                       Dataset(rows: [[Double(Float(0.1)), -2], [4, 5.5]]))
        XCTAssertEqual(try DatasetNpy.read(folder + "/i8.npy"), Dataset(rows: [[1, -2], [3, 1_099_511_627_776]]))
        XCTAssertEqual(try DatasetNpy.read(folder + "/i4.npy"), Dataset(rows: 3, dim: 1, values: [7, -8, 9]))
    }
}
