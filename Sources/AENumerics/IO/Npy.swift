import AEFiles
import Foundation

/// A NumPy array read from or written to NumPy's `.npy` format: its shape and its elements in C
/// (row-major) order, as Doubles, or a text scalar (NumPy's `<U` strings).
///
///     let a = NpyArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
///     try Npy.write(a, to: "a.npy")          # np.load("a.npy") -> array([[1., 2., 3.], [4., 5., 6.]])
public struct NpyArray: Equatable {
    /// Dimensions, outermost first; `[]` for a 0-d array (a scalar).
    public var shape: [Int]
    /// The elements in C order; count = product of `shape`. Empty for a text array.
    public var values: [Double]
    /// The string of a 0-d text array (`np.array("DAE")`), nil for numeric arrays.
    public var text: String?

    public init(shape: [Int], values: [Double]) {
        precondition(shape.reduce(1, *) == values.count, "shape does not match the element count")
        self.shape = shape
        self.values = values
        self.text = nil
    }

    /// A 0-d text array, as `np.array("DAE")` makes.
    public init(text: String) {
        self.shape = []
        self.values = []
        self.text = text
    }

    /// A 0-d numeric array.
    public init(scalar: Double) {
        self.init(shape: [], values: [scalar])
    }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }
}

/// NumPy's `.npy` format, version 1.0 (and reading 2.0/3.0): the magic `\x93NUMPY`, a version, a
/// little-endian header length, a Python-literal header `{'descr': '<f8', 'fortran_order': False,
/// 'shape': (2, 3), }` padded to a multiple of 64 bytes, then the raw elements.
///
/// Writing always produces little-endian float64 in C order (or `<U` text). Reading accepts float
/// (f4, f8), signed and unsigned integer (1–8 bytes) and bool elements of either byte order, in C or
/// Fortran order, and converts them to Doubles; Python objects (pickles) are refused.
public enum Npy {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    // MARK: Files

    /// Reads a `.npy` file.
    public static func read(_ path: String) throws -> NpyArray {
        do { return try decode(try AtomicFile.read(path)) }
        catch let error as NpyFormatError { throw FileError("cannot read '\(path)': \(error.message)") }
    }

    /// Writes a `.npy` file atomically.
    public static func write(_ array: NpyArray, to path: String) throws {
        try AtomicFile.write(encode(array), to: path)
    }

    // MARK: Encoding

    /// The `.npy` bytes of `array` (version 1.0, `<f8` or `<U`, C order).
    public static func encode(_ array: NpyArray) -> [UInt8] {
        let shapeText: String
        switch array.shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(array.shape[0]),)"
        default: shapeText = "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var body = [UInt8]()
        let descr: String
        if let text = array.text {
            let scalars = Array(text.unicodeScalars)
            descr = "<U\(max(scalars.count, 1))"
            for s in scalars { appendLittleEndian(UInt32(s.value), to: &body) }
            if scalars.isEmpty { body += [0, 0, 0, 0] }
        } else {
            descr = "<f8"
            body.reserveCapacity(array.values.count * 8)
            for v in array.values { appendLittleEndian(v.bitPattern, to: &body) }
        }
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        // magic(6) + version(2) + length(2) + header + '\n' is padded to a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = magic + [1, 0]
        appendLittleEndian(UInt16(header.utf8.count), to: &out)
        out += Array(header.utf8)
        out += body
        return out
    }

    // MARK: Decoding

    /// Parses `.npy` bytes.
    public static func decode(_ bytes: [UInt8]) throws -> NpyArray {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw NpyFormatError("not a NumPy .npy file (bad magic)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw NpyFormatError("truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw NpyFormatError("unsupported .npy version \(major).\(bytes[7])")
        }
        guard bytes.count >= headerStart + headerLength else { throw NpyFormatError("truncated .npy header") }
        guard let header = String(bytes: bytes[headerStart ..< headerStart + headerLength], encoding: .utf8) else {
            throw NpyFormatError("unreadable .npy header")
        }
        let descr = try headerValue("descr", in: header)
        let fortran = try headerValue("fortran_order", in: header)
        let shapeText = try headerValue("shape", in: header)
        let shape = try parseShape(shapeText)
        let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        let dataStart = headerStart + headerLength
        let type = try ElementType(descr)
        let (needed, overflow) = count.multipliedReportingOverflow(by: type.size)
        guard !overflow, bytes.count - dataStart >= needed else {
            throw NpyFormatError("truncated .npy data: shape \(shapeText) needs \(overflow ? "too many" : String(needed)) bytes, found \(bytes.count - dataStart)")
        }
        if type.kind == "U" {
            guard shape.isEmpty || count == 1 else { throw NpyFormatError("only scalar text arrays are supported") }
            var scalars = String.UnicodeScalarView()
            for k in 0 ..< type.size / 4 {
                let code = type.read(bytes, dataStart + 4 * k, width: 4)
                if code == 0 { break }
                guard let s = Unicode.Scalar(UInt32(truncatingIfNeeded: code)) else {
                    throw NpyFormatError("invalid character in a text array")
                }
                scalars.append(s)
            }
            return NpyArray(text: String(scalars))
        }
        var values = [Double](repeating: 0, count: count)
        for k in 0..<count { values[k] = type.double(bytes, dataStart + k * type.size) }
        if fortran == "True" && shape.count > 1 { values = fortranToC(values, shape: shape) }
        return NpyArray(shape: shape, values: values)
    }

    static func headerValue(_ key: String, in header: String) throws -> String {
        guard let keyRange = header.range(of: "'\(key)'") else {
            throw NpyFormatError("the .npy header has no '\(key)'")
        }
        var rest = header[keyRange.upperBound...].drop { $0 == " " || $0 == ":" }
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { throw NpyFormatError("bad shape in .npy header") }
            return String(rest[...close])
        }
        if rest.first == "'" {
            rest = rest.dropFirst()
            guard let close = rest.firstIndex(of: "'") else { throw NpyFormatError("bad descr in .npy header") }
            return String(rest[..<close])
        }
        return String(rest.prefix { $0 != "," && $0 != "}" }).trimmingCharacters(in: .whitespaces)
    }

    static func parseShape(_ text: String) throws -> [Int] {
        let inner = text.dropFirst().dropLast()
        return try inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { item in
                guard let n = Int(item.hasSuffix("L") ? String(item.dropLast()) : item), n >= 0 else {
                    throw NpyFormatError("bad shape \(text) in .npy header")
                }
                return n
            }
    }

    static func fortranToC(_ values: [Double], shape: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        var index = [Int](repeating: 0, count: shape.count)
        for k in 0..<values.count {
            // k runs over C order; find the Fortran offset of the same multi-index.
            var f = 0, stride = 1
            for axis in 0..<shape.count { f += index[axis] * stride; stride *= shape[axis] }
            out[k] = values[f]
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return out
    }

    struct ElementType {
        let kind: Character  // f, i, u, b, U
        let size: Int
        let bigEndian: Bool

        init(_ descr: String) throws {
            let chars = Array(descr)
            guard chars.count >= 3, let size = Int(String(chars[2...])) else {
                throw NpyFormatError("unsupported element type '\(descr)'")
            }
            bigEndian = chars[0] == ">"
            kind = chars[1]
            switch (kind, size) {
            case ("f", 4), ("f", 8), ("i", 1), ("i", 2), ("i", 4), ("i", 8),
                 ("u", 1), ("u", 2), ("u", 4), ("u", 8), ("b", 1):
                self.size = size
            case ("U", _):
                self.size = 4 * size
            default:
                throw NpyFormatError("unsupported element type '\(descr)' (expected float, integer, bool or text)")
            }
        }

        func read(_ bytes: [UInt8], _ offset: Int, width: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<width {
                let byte = UInt64(bytes[offset + (bigEndian ? k : width - 1 - k)])
                v = v << 8 | byte
            }
            return v
        }

        func double(_ bytes: [UInt8], _ offset: Int) -> Double {
            let raw = read(bytes, offset, width: size)
            switch kind {
            case "f": return size == 8 ? Double(bitPattern: raw) : Double(Float(bitPattern: UInt32(raw)))
            case "i":
                let shift = UInt64(64 - 8 * size)
                return Double(Int64(bitPattern: raw << shift) >> Int64(shift))
            default: return Double(raw)
            }
        }
    }
}

/// A malformed `.npy` or `.npz` payload.
struct NpyFormatError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

@inline(__always)
func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    var v = value.littleEndian
    withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
}
