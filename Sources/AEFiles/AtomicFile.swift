#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An error reading or writing a file, with a message meant for the user.
public struct FileError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Whole-file reads and atomic whole-file writes.
///
/// A write goes to a temporary file in the same folder, is flushed to disk, and is then renamed over
/// the target: readers see either the old file or the new one, never a half-written file, even when
/// the process dies midway.
///
///     try AtomicFile.write([0x41, 0x45], to: "model.ae")
///     let bytes = try AtomicFile.read("model.ae")
public enum AtomicFile {
    /// Every byte of the file at `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileError("cannot read '\(path)': no such file")
        }
        guard !isDirectory.boolValue else { throw FileError("cannot read '\(path)': it is a folder") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError("cannot read '\(path)': permission denied or unreadable")
        }
        return [UInt8](data)
    }

    /// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync, rename).
    /// `faultAfter` (tests only) makes the write fail after that many bytes, leaving the old file intact.
    public static func write(_ bytes: [UInt8], to path: String, faultAfter: Int? = nil) throws {
        // The folder as the user wrote it (relative stays relative): checked, named in messages, and
        // where the temporary file goes.
        let folder = containingFolder(of: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw FileError("cannot write '\(path)': folder '\(folder)' does not exist")
        }
        guard isDirectory.boolValue else {
            throw FileError("cannot write '\(path)': '\(folder)' is not a folder")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FileError("cannot write '\(path)': it is a folder")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let temporary = folder + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw FileError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        let limit = min(bytes.count, faultAfter ?? Int.max)
        var written = 0
        let failure: String? = bytes.withUnsafeBytes { raw -> String? in
            while written < limit {
                let n = Glibc.write(fd, raw.baseAddress! + written, limit - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                written += n
            }
            return nil
        }
        if let failure {
            close(fd)
            throw FileError("cannot write '\(path)': \(failure)")
        }
        if faultAfter != nil && limit < bytes.count {
            close(fd)
            throw FileError("cannot write '\(path)': injected fault after \(limit) bytes")
        }
        guard fsync(fd) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw FileError("cannot write '\(path)': \(message)")
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            throw FileError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        ok = true
    }
}
