import AEFiles
import Foundation

/// What an IDX file holds: images (three dimensions: count × rows × columns) or labels (one).
public enum IdxContents: Equatable {
    /// One image a row, pixels row by row, each byte divided by 255 so in [0, 1]; `shape` is
    /// [rows, columns] of one image.
    case images(Dataset, shape: [Int])
    /// The bytes as whole numbers (MNIST's labels 0...9).
    case labels([Int])
}

/// MNIST's IDX format (LeCun et al.; the `*-ubyte` files): a big-endian header of two zero bytes, an
/// element-type byte (0x08: unsigned byte), the number of dimensions, then each dimension as a
/// 32-bit big-endian count, then the elements in row-major order. Images are `0x00000803`, labels
/// `0x00000801`.
///
/// The header is read and checked against the file's size before anything of the size it claims is
/// allocated, so a corrupt or hostile header cannot make the reader allocate more than the file holds.
///
///     let images = try DatasetIdx.read("train-images-idx3-ubyte")   // .images(60000 × 784, [28, 28])
public enum DatasetIdx {
    /// Reads an IDX file; `check(n, dim)` sees the size of the result (labels: n × 1) before the file's
    /// data is read, and may throw to refuse it.
    public static func read(_ path: String, check: (Int, Int) throws -> Void = { _, _ in }) throws -> IdxContents {
        func fail(_ message: String) -> FileError { FileError("cannot read '\(path)': \(message)") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw fail("no such file") }
        guard !isDirectory.boolValue else { throw fail("it is a folder") }
        guard let file = FileHandle(forReadingAtPath: path),
              let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
            throw fail("permission denied or unreadable")
        }
        defer { try? file.close() }
        func bytes(_ count: Int) -> [UInt8] { [UInt8]((try? file.read(upToCount: count)) ?? Data()) }

        let magic = bytes(4)
        if magic.count >= 2 && magic[0] == 0x1F && magic[1] == 0x8B {
            throw fail("it is gzip-compressed; decompress it first (gunzip '\(path)')")
        }
        guard magic.count == 4 else { throw fail("truncated IDX header: the file has \(magic.count) bytes") }
        guard magic[0] == 0, magic[1] == 0 else {
            throw fail("not an IDX file (magic \(hex(magic)); MNIST's images start 0x00000803, labels 0x00000801)")
        }
        guard magic[2] == 0x08 else {
            throw fail("element type \(typeName(magic[2])) is not supported; load_idx reads unsigned bytes (0x08), as MNIST's ubyte files hold")
        }
        let rank = Int(magic[3])
        guard rank == 1 || rank == 3 else {
            throw fail("an IDX file of \(rank) dimension\(rank == 1 ? "" : "s"); images have 3 (magic 0x00000803), labels 1 (0x00000801)")
        }
        let header = bytes(4 * rank)
        guard header.count == 4 * rank else {
            throw fail("truncated IDX header: \(rank) dimension\(rank == 1 ? "" : "s") need \(4 + 4 * rank) bytes, the file has \(size)")
        }
        let dims = (0..<rank).map { k in header[4 * k ..< 4 * k + 4].reduce(0) { $0 << 8 | Int($1) } }
        let shown = dims.map(String.init).joined(separator: " × ")
        guard !dims.contains(0) else { throw fail("the IDX header describes an empty array (\(shown))") }
        // At most 2^96 as a product of three 32-bit counts: multiply with overflow checks.
        var count = 1
        for d in dims {
            let (p, overflow) = count.multipliedReportingOverflow(by: d)
            count = overflow ? Int.max : p
        }
        let available = size - 4 - 4 * rank
        guard count <= available else {
            throw fail("truncated IDX data: the header describes \(shown) = \(count == Int.max ? "too many" : String(count)) bytes, the file has \(available) after the header")
        }
        guard count == available else {
            let extra = available - count
            throw fail("the file has \(extra) byte\(extra == 1 ? "" : "s") more than its IDX header describes (\(shown))")
        }
        let dim = rank == 3 ? dims[1] * dims[2] : 1
        try check(dims[0], dim)
        let data = bytes(count)
        guard data.count == count else { throw fail("truncated IDX data: read \(data.count) of \(count) bytes") }
        if rank == 1 { return .labels(data.map(Int.init)) }
        let values = data.map { Double($0) / 255 }
        return .images(Dataset(rows: dims[0], dim: dim, values: values), shape: [dims[1], dims[2]])
    }

    /// `0x00000803`: bytes as two uppercase hex digits each.
    static func hex(_ bytes: [UInt8]) -> String {
        "0x" + bytes.map { b in (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true) }.joined()
    }

    /// The IDX element types by their code byte.
    static func typeName(_ code: UInt8) -> String {
        let names: [UInt8: String] = [0x09: "signed byte", 0x0B: "16-bit integer", 0x0C: "32-bit integer",
                                      0x0D: "float32", 0x0E: "float64"]
        return hex([code]) + (names[code].map { " (\($0))" } ?? "")
    }
}
