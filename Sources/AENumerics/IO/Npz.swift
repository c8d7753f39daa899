import AEFiles

/// NumPy's `.npz`: a ZIP archive of `.npy` files, one per named array (what `np.savez` writes and
/// `np.load` reads).
///
/// Written here uncompressed ("stored", as `np.savez` does), with CRC-32 checks; read back from stored
/// archives, including NumPy's ZIP64 entries. Compressed archives (`np.savez_compressed`) are refused
/// with a clear error.
///
///     try Npz.write(["W": w, "sigma": NpyArray(scalar: 0.1)], to: "model.npz")
///     let arrays = try Npz.read("model.npz")     # ["W": ..., "sigma": ...]
public enum Npz {
    /// Reads every array of an `.npz` file, keyed by name (without the `.npy` suffix).
    public static func read(_ path: String) throws -> [String: NpyArray] {
        do { return try decode(try AtomicFile.read(path)) }
        catch let error as NpyFormatError { throw FileError("cannot read '\(path)': \(error.message)") }
    }

    /// Writes the arrays as an `.npz` file, atomically; entries are in name order.
    public static func write(_ arrays: [String: NpyArray], to path: String) throws {
        try AtomicFile.write(encode(arrays), to: path)
    }

    /// The bytes of a stored ZIP holding `name.npy` for each array, in name order.
    public static func encode(_ arrays: [String: NpyArray]) -> [UInt8] {
        var out = [UInt8]()
        var central = [UInt8]()
        let names = arrays.keys.sorted()
        for name in names {
            let data = Npy.encode(arrays[name]!)
            let file = Array((name + ".npy").utf8)
            let crc = crc32(data)
            let offset = UInt32(out.count)
            // Local file header (PKWARE APPNOTE 4.3.7).
            appendLittleEndian(UInt32(0x0403_4B50), to: &out)
            appendLittleEndian(UInt16(20), to: &out)          // version needed
            appendLittleEndian(UInt16(0), to: &out)           // flags
            appendLittleEndian(UInt16(0), to: &out)           // method: stored
            appendLittleEndian(UInt16(0), to: &out)           // time
            appendLittleEndian(UInt16(0x21), to: &out)        // date: 1980-01-01
            appendLittleEndian(crc, to: &out)
            appendLittleEndian(UInt32(data.count), to: &out)
            appendLittleEndian(UInt32(data.count), to: &out)
            appendLittleEndian(UInt16(file.count), to: &out)
            appendLittleEndian(UInt16(0), to: &out)
            out += file
            out += data
            // Central directory entry (4.3.12).
            appendLittleEndian(UInt32(0x0201_4B50), to: &central)
            appendLittleEndian(UInt16(20), to: &central)      // version made by
            appendLittleEndian(UInt16(20), to: &central)      // version needed
            appendLittleEndian(UInt16(0), to: &central)
            appendLittleEndian(UInt16(0), to: &central)
            appendLittleEndian(UInt16(0), to: &central)
            appendLittleEndian(UInt16(0x21), to: &central)
            appendLittleEndian(crc, to: &central)
            appendLittleEndian(UInt32(data.count), to: &central)
            appendLittleEndian(UInt32(data.count), to: &central)
            appendLittleEndian(UInt16(file.count), to: &central)
            appendLittleEndian(UInt16(0), to: &central)       // extra
            appendLittleEndian(UInt16(0), to: &central)       // comment
            appendLittleEndian(UInt16(0), to: &central)       // disk
            appendLittleEndian(UInt16(0), to: &central)       // internal attributes
            appendLittleEndian(UInt32(0o100644) << 16, to: &central)  // external: a regular file
            appendLittleEndian(offset, to: &central)
            central += file
        }
        let centralOffset = UInt32(out.count)
        out += central
        // End of central directory (4.3.16).
        appendLittleEndian(UInt32(0x0605_4B50), to: &out)
        appendLittleEndian(UInt16(0), to: &out)
        appendLittleEndian(UInt16(0), to: &out)
        appendLittleEndian(UInt16(names.count), to: &out)
        appendLittleEndian(UInt16(names.count), to: &out)
        appendLittleEndian(UInt32(central.count), to: &out)
        appendLittleEndian(centralOffset, to: &out)
        appendLittleEndian(UInt16(0), to: &out)
        return out
    }

    /// Parses the bytes of an `.npz` archive.
    public static func decode(_ bytes: [UInt8]) throws -> [String: NpyArray] {
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw NpyFormatError("truncated .npz archive") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { let lo = try u16(at), hi = try u16(at + 2); return lo | hi << 16 }
        func u64(_ at: Int) throws -> Int { let lo = try u32(at), hi = try u32(at + 4); return lo | hi << 32 }

        let first = bytes.count >= 22 ? try u32(0) : 0
        guard first == 0x0403_4B50 || first == 0x0605_4B50 else {
            throw NpyFormatError("not an .npz file (not a ZIP archive)")
        }
        // The end-of-central-directory record is the last 22 bytes plus a comment of up to 65535 bytes.
        var eocd = -1
        var at = bytes.count - 22
        while at >= max(0, bytes.count - 22 - 65535) {
            if try u32(at) == 0x0605_4B50 { eocd = at; break }
            at -= 1
        }
        guard eocd >= 0 else { throw NpyFormatError("truncated .npz archive (no ZIP directory)") }
        var entries = try u16(eocd + 10)
        var directory = try u32(eocd + 16)
        if entries == 0xFFFF || directory == 0xFFFF_FFFF {
            // ZIP64 end-of-central-directory locator just before the classic record.
            let locator = eocd - 20
            guard try u32(locator) == 0x0706_4B50 else { throw NpyFormatError("corrupt ZIP64 directory") }
            let record = try u64(locator + 8)
            guard try u32(record) == 0x0606_4B50 else { throw NpyFormatError("corrupt ZIP64 directory") }
            entries = try u64(record + 32)
            directory = try u64(record + 48)
        }
        var arrays = [String: NpyArray]()
        var p = directory
        for _ in 0..<entries {
            guard try u32(p) == 0x0201_4B50 else { throw NpyFormatError("corrupt ZIP directory") }
            let method = try u16(p + 10)
            let crc = try u32(p + 16)
            var size = try u32(p + 20)
            var uncompressed = try u32(p + 24)
            let nameLength = try u16(p + 28), extraLength = try u16(p + 30), commentLength = try u16(p + 32)
            var local = try u32(p + 42)
            guard p + 46 + nameLength <= bytes.count else { throw NpyFormatError("truncated .npz archive") }
            let name = String(decoding: bytes[(p + 46) ..< (p + 46 + nameLength)], as: UTF8.self)
            // ZIP64 extra field: the 64-bit values of whichever fields are 0xFFFFFFFF, in order.
            var e = p + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let tag = try u16(e), length = try u16(e + 2)
                if tag == 1 {
                    var q = e + 4
                    if uncompressed == 0xFFFF_FFFF { uncompressed = try u64(q); q += 8 }
                    if size == 0xFFFF_FFFF { size = try u64(q); q += 8 }
                    if local == 0xFFFF_FFFF { local = try u64(q); q += 8 }
                }
                e += 4 + length
            }
            p = extraEnd + commentLength
            guard method == 0 else {
                throw NpyFormatError("entry '\(name)' is compressed (np.savez_compressed); save with np.savez instead")
            }
            guard try u32(local) == 0x0403_4B50 else { throw NpyFormatError("corrupt ZIP entry '\(name)'") }
            let localName = try u16(local + 26), localExtra = try u16(local + 28)
            let start = local + 30 + localName + localExtra
            guard size == uncompressed, start + size <= bytes.count else {
                throw NpyFormatError("truncated .npz archive (entry '\(name)')")
            }
            let data = Array(bytes[start ..< start + size])
            guard crc32(data) == UInt32(crc) else { throw NpyFormatError("entry '\(name)' fails its CRC-32 check") }
            let key = name.hasSuffix(".npy") ? String(name.dropLast(4)) : name
            do { arrays[key] = try Npy.decode(data) }
            catch let error as NpyFormatError { throw NpyFormatError("entry '\(name)': \(error.message)") }
        }
        return arrays
    }

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (ISO 3309, the polynomial ZIP uses).
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
