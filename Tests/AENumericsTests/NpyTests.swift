import XCTest
import Foundation
import AENumerics
import AEFiles

/// Runs python3 with NumPy on `script`; skips the test when either is missing.
func runPython(_ script: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { throw XCTSkip("python3 is not available") }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errorText = String(decoding: errors, as: UTF8.self)
    if errorText.contains("No module named 'numpy'") { throw XCTSkip("numpy is not installed") }
    guard process.terminationStatus == 0 else {
        XCTFail("python3 failed: \(errorText)", file: file, line: line)
        return ""
    }
    return String(decoding: output, as: UTF8.self)
}

func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "ae-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

final class NpyTests: XCTestCase {
    func testNpyRoundTripInMemory() throws {
        let a = NpyArray(shape: [2, 3], values: [1, -2.5, 3, .pi, 1e-300, -0.0])
        let back = try Npy.decode(Npy.encode(a))
        XCTAssertEqual(back.shape, [2, 3])
        XCTAssertEqual(back.values.map(\.bitPattern), a.values.map(\.bitPattern))
        XCTAssertEqual(try Npy.decode(Npy.encode(NpyArray(text: "RCAE"))).text, "RCAE")
        XCTAssertEqual(try Npy.decode(Npy.encode(NpyArray(scalar: 0.25))).shape, [])
        // The header is padded so that the data starts on a 64-byte boundary.
        XCTAssertEqual((Npy.encode(a).count - 48) % 64, 0)
    }

    func testTruncatedAndForeignBytesAreRejected() {
        let bytes = Npy.encode(NpyArray(shape: [4], values: [1, 2, 3, 4]))
        XCTAssertThrowsError(try Npy.decode(Array(bytes.dropLast(3)))) { error in
            XCTAssertTrue("\(error)".contains("truncated"), "\(error)")
        }
        XCTAssertThrowsError(try Npy.decode(Array("hello world, not numpy".utf8))) { error in
            XCTAssertTrue("\(error)".contains("bad magic"), "\(error)")
        }
        let zip = Npz.encode(["W": NpyArray(shape: [2], values: [1, 2])])
        XCTAssertThrowsError(try Npz.decode(Array(zip.dropLast(30))))
        var corrupt = zip
        corrupt[100] ^= 0xFF
        XCTAssertThrowsError(try Npz.decode(corrupt)) { error in
            XCTAssertTrue("\(error)".contains("CRC") || "\(error)".contains("entry"), "\(error)")
        }
    }

    func testCrc32KnownValue() {
        XCTAssertEqual(Npz.crc32(Array("123456789".utf8)), 0xCBF4_3926)
    }

    func testNpzRoundTripThroughNumPy() throws {
        let folder = temporaryFolder()
        let path = folder + "/m.npz", back = folder + "/back.npz"
        let w = NpyArray(shape: [3, 2], values: [1, 2, 3, 4, 5, 6.5])
        try Npz.write(["W": w, "kind": NpyArray(text: "DAE"), "sigma": NpyArray(scalar: 0.01)], to: path)
        let out = try runPython("""
        import numpy as np
        z = np.load('\(path)')
        print(z['W'].shape, z['W'].sum(), str(z['kind']), float(z['sigma']))
        np.savez('\(back)', W=z['W'] * 2, F=np.asfortranarray(np.arange(6.0).reshape(2, 3)),
                 I=np.arange(3, dtype=np.int32), kind=np.array('CAE'), sigma=np.array(0.5))
        """)
        XCTAssertEqual(out.trimmingCharacters(in: .whitespacesAndNewlines), "(3, 2) 21.5 DAE 0.01")
        let arrays = try Npz.read(back)
        XCTAssertEqual(arrays["W"]?.values, [2, 4, 6, 8, 10, 13])
        XCTAssertEqual(arrays["F"]?.shape, [2, 3])
        XCTAssertEqual(arrays["F"]?.values, [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(arrays["I"]?.values, [0, 1, 2])
        XCTAssertEqual(arrays["kind"]?.text, "CAE")
        XCTAssertEqual(arrays["sigma"]?.values, [0.5])
    }

    func testAtomicWriteFaultKeepsOldFile() throws {
        let folder = temporaryFolder()
        let path = folder + "/a.npy"
        try Npy.write(NpyArray(shape: [2], values: [1, 2]), to: path)
        let big = Npy.encode(NpyArray(shape: [1000], values: [Double](repeating: 7, count: 1000)))
        XCTAssertThrowsError(try AtomicFile.write(big, to: path, faultAfter: 100))
        XCTAssertEqual(try Npy.read(path).values, [1, 2])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["a.npy"])
        XCTAssertThrowsError(try Npy.write(NpyArray(scalar: 1), to: folder + "/missing/x.npy")) { error in
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
    }
}
