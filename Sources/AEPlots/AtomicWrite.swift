import AEFiles

/// Writes `text` to `path` atomically (``AtomicFile/write(_:to:faultAfter:)``: a temporary file in the
/// same folder, flushed, then renamed over the target), so a reader never sees half a file and a
/// failed write leaves any old file intact. Failures are ``PlotError``s that name the path.
public func writeAtomically(_ text: String, to path: String) throws {
    do {
        try AtomicFile.write(Array(text.utf8), to: path)
    } catch let error as FileError {
        throw PlotError(error.message)
    }
}
