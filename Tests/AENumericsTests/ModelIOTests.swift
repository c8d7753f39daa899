import XCTest
import Foundation
import AENumerics
import AEFiles

final class ModelIOTests: XCTestCase {
    func trained(_ kind: AutoEncoder.Kind = .dae(sigma: 0.1), tied: Bool? = nil) throws -> AutoEncoder {
        let ae = try randomModel(kind, dim: 2, hidden: 9, tied: tied)
        try train(ae, data: randomData(n: 40, dim: 2), options: TrainingOptions(iterations: 3))
        return ae
    }

    func testNativeRoundTripIsExact() throws {
        let folder = temporaryFolder()
        for ae in [try trained(), try trained(.rcae(sigma: 0.2), tied: true), try trained(.cae(lambda: 0.3))] {
            try ModelFile.save(ae, to: folder + "/m.aemodel")
            let back = try ModelFile.load(folder + "/m.aemodel")
            XCTAssertEqual(back.kind, ae.kind)
            XCTAssertEqual(back.parameters.map(\.bitPattern), ae.parameters.map(\.bitPattern))
            XCTAssertEqual(back.losses, ae.losses)
            XCTAssertEqual(back.tied, ae.tied)
            XCTAssertEqual(back.activation, ae.activation)
            XCTAssertEqual(back.seed, ae.seed)
        }
    }

    func testTruncatedCorruptAndForeignFilesAreRejected() throws {
        let folder = temporaryFolder()
        let path = folder + "/m.aemodel"
        try ModelFile.save(try trained(), to: path)
        let bytes = try AtomicFile.read(path)
        try AtomicFile.write(Array(bytes.prefix(bytes.count - 20)), to: path)
        XCTAssertThrowsError(try ModelFile.load(path)) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }
        var corrupt = bytes
        corrupt[bytes.count - 40] ^= 1
        try AtomicFile.write(corrupt, to: path)
        XCTAssertThrowsError(try ModelFile.load(path)) { XCTAssertTrue("\($0)".contains("corrupt"), "\($0)") }
        try AtomicFile.write(Array("x,y\n1,2\n".utf8), to: path)
        XCTAssertThrowsError(try ModelFile.load(path)) { XCTAssertTrue("\($0)".contains("not an ae model file"), "\($0)") }
        XCTAssertThrowsError(try ModelFile.load(folder + "/missing.aemodel")) { XCTAssertTrue("\($0)".contains("no such file"), "\($0)") }
        XCTAssertThrowsError(try ModelFile.save(try AutoEncoder(.dae(sigma: 0.1), hidden: 3), to: path))
    }

    /// NumPy reads the .npz, computes r(x) = c + V·tanh(b + W·x) itself, and writes a model back.
    func testNpzRoundTripThroughNumPy() throws {
        let folder = temporaryFolder()
        let ae = try trained()
        try ModelFile.save(ae, to: folder + "/m.npz")
        let x: [Double] = [0.3, -0.7]
        let out = try runPython("""
        import numpy as np
        z = np.load('\(folder)/m.npz')
        x = np.array([0.3, -0.7])
        r = z['c'] + z['V'] @ np.tanh(z['b'] + z['W'] @ x)
        print(' '.join(repr(float(v)) for v in r), str(z['kind']), float(z['sigma']), z['W'].shape)
        np.savez('\(folder)/back.npz', W=z['W'] * 2, b=z['b'], V=z['V'], c=z['c'], kind=np.array('RCAE'),
                 sigma=np.array(0.25))
        """)
        let parts = out.split(separator: " ")
        let mine = ae.reconstruct(Dataset(rows: [x]), threads: 1)
        XCTAssertEqual(Double(parts[0])!, mine[0, 0], accuracy: 1e-13)
        XCTAssertEqual(Double(parts[1])!, mine[0, 1], accuracy: 1e-13)
        XCTAssertEqual(parts[2], "DAE")
        XCTAssertEqual(parts[3], "0.1")
        let back = try ModelFile.load(folder + "/back.npz")
        XCTAssertEqual(back.kind, .rcae(sigma: 0.25))
        XCTAssertEqual(back.W, ae.W.map { $0 * 2 })
        XCTAssertEqual(back.V, ae.V)
        XCTAssertFalse(back.tied)
    }
}
