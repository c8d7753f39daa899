import Foundation
import AEFiles

/// The safetensors format (huggingface/safetensors), which PyTorch's `safetensors.torch.load_file` and
/// NumPy's `safetensors.numpy.load_file` read:
///
///     8 bytes   N, the header's length, UInt64 little-endian
///     N bytes   a JSON object: name -> {"dtype": "F64", "shape": [H, d], "data_offsets": [begin, end]},
///               and "__metadata__" -> {string: string}; padded with spaces
///     the rest  the tensors' raw little-endian elements, C order, at their offsets
///
/// Written here as F64, tensors in name order; read from F64 or F32 (PyTorch's default). Every offset
/// and shape is checked against the file before anything is read, so a corrupt header is an error,
/// never a crash or a huge allocation.
public enum Safetensors {
    /// Tensors by name (as `NpyArray`s: shape and float64 values) and the metadata.
    public struct Contents {
        public var tensors: [String: NpyArray]
        public var metadata: [String: String]

        public init(tensors: [String: NpyArray], metadata: [String: String]) {
            self.tensors = tensors
            self.metadata = metadata
        }
    }

    /// Headers beyond this are refused as corrupt (the format's reference reader allows 100 MB).
    static let maximumHeader = 100_000_000

    /// Reads a file; a `FileError` says what is wrong with it.
    public static func read(_ path: String) throws -> Contents {
        do { return try decode(try AtomicFile.read(path)) }
        catch let error as NpyFormatError { throw FileError("cannot read '\(path)': \(error.message)") }
    }

    /// Writes a file atomically.
    public static func write(_ contents: Contents, to path: String) throws {
        try AtomicFile.write(encode(contents), to: path)
    }

    public static func encode(_ contents: Contents) -> [UInt8] {
        var header: [String: Any] = [:]
        var offset = 0
        let names = contents.tensors.keys.sorted()
        for name in names {
            let tensor = contents.tensors[name]!
            header[name] = ["dtype": "F64", "shape": tensor.shape, "data_offsets": [offset, offset + 8 * tensor.count]]
            offset += 8 * tensor.count
        }
        if !contents.metadata.isEmpty { header["__metadata__"] = contents.metadata }
        var json = [UInt8]((try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data("{}".utf8))
        // Pad to a multiple of 8 bytes, as the reference writer does, so the data is aligned.
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var out = [UInt8]()
        out.reserveCapacity(8 + json.count + offset)
        appendLittleEndian(UInt64(json.count), to: &out)
        out += json
        for name in names {
            for value in contents.tensors[name]!.values { appendLittleEndian(value.bitPattern, to: &out) }
        }
        return out
    }

    public static func decode(_ bytes: [UInt8]) throws -> Contents {
        guard bytes.count >= 8 else {
            throw NpyFormatError("truncated safetensors file (\(bytes.count) bytes, no header length)")
        }
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(bytes[k]) << (8 * k) }
        guard length <= UInt64(maximumHeader), Int(length) <= bytes.count - 8 else {
            throw NpyFormatError("the header length \(length) is larger than the file (\(bytes.count) bytes): truncated or not a safetensors file")
        }
        let dataStart = 8 + Int(length)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])),
              let header = object as? [String: Any] else {
            throw NpyFormatError("the header is not a JSON object: not a safetensors file")
        }
        var metadata: [String: String] = [:]
        if let meta = header["__metadata__"] {
            guard let strings = meta as? [String: String] else {
                throw NpyFormatError("__metadata__ must map strings to strings")
            }
            metadata = strings
        }
        let dataSize = bytes.count - dataStart
        var tensors: [String: NpyArray] = [:]
        // In name order, so that a file with several faults always reports the same one.
        for name in header.keys.sorted() where name != "__metadata__" {
            tensors[name] = try tensor(name, header[name]!, bytes, dataStart: dataStart, dataSize: dataSize)
        }
        return Contents(tensors: tensors, metadata: metadata)
    }

    private static func tensor(_ name: String, _ entry: Any, _ bytes: [UInt8], dataStart: Int, dataSize: Int) throws -> NpyArray {
        guard let fields = entry as? [String: Any], let dtype = fields["dtype"] as? String,
              let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2 else {
            throw NpyFormatError("tensor '\(name)' needs dtype, shape and data_offsets")
        }
        let width: Int
        switch dtype {
        case "F64": width = 8
        case "F32": width = 4
        default: throw NpyFormatError("tensor '\(name)' has dtype \(dtype); ae reads F64 and F32")
        }
        var count = 1
        for extent in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard extent >= 0, !overflow, product <= dataSize else {
                throw NpyFormatError("tensor '\(name)' has shape \(shape), more than the file holds")
            }
            count = product
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin >= 0, begin <= end, end <= dataSize else {
            throw NpyFormatError("tensor '\(name)' has data_offsets [\(begin), \(end)] outside the \(dataSize) bytes of data: truncated or corrupt")
        }
        guard end - begin == count * width else {
            throw NpyFormatError("tensor '\(name)': data_offsets [\(begin), \(end)] hold \(end - begin) bytes, its shape \(shape) of \(dtype) needs \(count * width)")
        }
        let start = dataStart + begin
        let values = (0..<count).map { k -> Double in
            var bits: UInt64 = 0
            for b in 0..<width { bits |= UInt64(bytes[start + k * width + b]) << (8 * b) }
            return width == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(bits)))
        }
        return NpyArray(shape: shape, values: values)
    }
}
