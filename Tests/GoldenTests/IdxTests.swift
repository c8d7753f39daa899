import AEBindings
import AELang
import Foundation
import XCTest

/// `load_idx` on small IDX files written here byte by byte: the values read back exactly, and every
/// corrupt, foreign, truncated or oversized file is a positioned error naming the file and what is
/// wrong, before anything of the size the header claims is allocated.
final class IdxTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "ae-idx-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// An IDX file: two zero bytes, the element type, the number of dimensions, each dimension as a
    /// big-endian 32-bit count, then `data`.
    func write(_ name: String, type: UInt8 = 0x08, dims: [UInt32], data: [UInt8]) throws -> String {
        var bytes: [UInt8] = [0, 0, type, UInt8(dims.count)]
        for d in dims { bytes += [UInt8(d >> 24), UInt8((d >> 16) & 0xFF), UInt8((d >> 8) & 0xFF), UInt8(d & 0xFF)] }
        return try write(name, bytes: bytes + data)
    }

    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func engine(read: Bool = true, maxElements: Int? = nil) -> (Engine, () -> String) {
        var options = EngineOptions()
        options.quiet = true
        options.allowFileRead = read
        if let maxElements { options.maxElements = maxElements }
        final class Sink { var text = "" }
        let sink = Sink()
        let engine = Engine(options: options, output: { sink.text += $0 }, diagnostics: { _ in })
        engine.register(Builtins.all)
        return (engine, { sink.text })
    }

    /// The error of `x = load_idx(path)`, which must be a runtime error under the path argument
    /// (column 14), or under the call (column 5) when the engine may not read files at all.
    func error(_ path: String, read: Bool = true, maxElements: Int? = nil) -> String {
        let (engine, _) = engine(read: read, maxElements: maxElements)
        do {
            try engine.run("x = load_idx(\"\(path)\")", file: "idx.ae")
            return "no error"
        } catch let error as ScriptError {
            XCTAssertEqual(error.kind, .runtime)
            XCTAssertEqual(error.line, 1)
            XCTAssertEqual(error.column, read ? 14 : 5, "the caret is under the path: \(error.rendered)")
            return error.message + (error.hint.map { " | hint: " + $0 } ?? "")
        } catch {
            return "\(error)"
        }
    }

    func testImagesAreRowsScaledToOne() throws {
        // Three 2×3 images: 0, 255 and 51 (= 0.2 · 255) in known places.
        let pixels: [UInt8] = [0, 255, 0, 51, 0, 0,
                               255, 255, 255, 255, 255, 255,
                               1, 2, 3, 4, 5, 6]
        let path = try write("images-idx3-ubyte", dims: [3, 2, 3], data: pixels)
        let (engine, output) = engine()
        try engine.run("""
            x = load_idx("\(path)")
            print(x)
            print(x[0])
            print(x[1] == [1, 1, 1, 1, 1, 1])
            print(x[2][5] * 255)
            """)
        XCTAssertEqual(output(), "Dataset(3 × 6)\n[0, 1, 0, 0.2, 0, 0]\ntrue\n6\n")
    }

    func testLabelsAreAList() throws {
        let path = try write("labels-idx1-ubyte", dims: [5], data: [3, 1, 4, 1, 5])
        let (engine, output) = engine()
        try engine.run("y = load_idx(\"\(path)\")\nprint(y, type(y))")
        XCTAssertEqual(output(), "[3, 1, 4, 1, 5] list\n")
    }

    func testForeignAndCorruptFiles() throws {
        let text = try write("text.csv", bytes: Array("1,2\n".utf8))
        XCTAssertEqual(error(text), "cannot read '\(text)': not an IDX file (magic 0x312C320A; MNIST's images start 0x00000803, labels 0x00000801)")
        let gz = try write("t10k-images-idx3-ubyte.gz", bytes: [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0])
        XCTAssertEqual(error(gz), "cannot read '\(gz)': it is gzip-compressed; decompress it first (gunzip '\(gz)')")
        let float = try write("float", type: 0x0D, dims: [1, 1, 1], data: [0, 0, 0, 0])
        XCTAssertEqual(error(float), "cannot read '\(float)': element type 0x0D (float32) is not supported; load_idx reads unsigned bytes (0x08), as MNIST's ubyte files hold")
        let matrix = try write("matrix", dims: [2, 2], data: [1, 2, 3, 4])
        XCTAssertEqual(error(matrix), "cannot read '\(matrix)': an IDX file of 2 dimensions; images have 3 (magic 0x00000803), labels 1 (0x00000801)")
        let empty = try write("empty", dims: [0, 28, 28], data: [])
        XCTAssertEqual(error(empty), "cannot read '\(empty)': the IDX header describes an empty array (0 × 28 × 28)")
    }

    func testTruncatedFiles() throws {
        let tiny = try write("tiny", bytes: [0, 0])
        XCTAssertEqual(error(tiny), "cannot read '\(tiny)': truncated IDX header: the file has 2 bytes")
        let header = try write("header", bytes: [0, 0, 8, 3, 0, 0, 0, 2, 0, 0])
        XCTAssertEqual(error(header), "cannot read '\(header)': truncated IDX header: 3 dimensions need 16 bytes, the file has 10")
        let short = try write("short", dims: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(error(short), "cannot read '\(short)': truncated IDX data: the header describes 2 × 2 × 2 = 8 bytes, the file has 7 after the header")
        let long = try write("long", dims: [3], data: [1, 2, 3, 4])
        XCTAssertEqual(error(long), "cannot read '\(long)': the file has 1 byte more than its IDX header describes (3)")
    }

    /// A header that claims more than the file holds is refused before any allocation: MNIST's
    /// training-set header on 100 bytes, and the largest dimensions the format can state.
    func testHugeHeadersAllocateNothing() throws {
        let mnist = try write("mnist-header", dims: [60000, 28, 28], data: [UInt8](repeating: 0, count: 100))
        XCTAssertEqual(error(mnist), "cannot read '\(mnist)': truncated IDX data: the header describes 60000 × 28 × 28 = 47040000 bytes, the file has 100 after the header")
        let huge = try write("huge", dims: [.max, .max, .max], data: [1])
        XCTAssertEqual(error(huge), "cannot read '\(huge)': truncated IDX data: the header describes 4294967295 × 4294967295 × 4294967295 = too many bytes, the file has 1 after the header")
        // A real file beyond the engine's element limit.
        let big = try write("big", dims: [4, 2, 2], data: [UInt8](repeating: 7, count: 16))
        XCTAssertEqual(error(big, maxElements: 10),
                       "load_idx(): 4 × 4 values is more than the 10 one dataset may hold | hint: the engine's element limit (EngineOptions.maxElements) is 10")
    }

    func testMissingFilesAndFileAccess() throws {
        XCTAssertEqual(error(folder + "/none"), "cannot read '\(folder)/none': no such file")
        XCTAssertEqual(error(folder), "cannot read '\(folder)': it is a folder")
        let path = try write("labels", dims: [1], data: [7])
        XCTAssertEqual(error(path, read: false),
                       "reading files is not allowed in this engine | hint: the host program must grant file access (EngineOptions.allowFileRead)")
    }
}
