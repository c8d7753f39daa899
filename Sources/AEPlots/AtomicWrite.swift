import Foundation
import AEPaths

/// Writes `text` to `path` atomically: first to a temporary file in the same folder, then renamed over
/// the target, so a reader never sees half a file and a failed write leaves any old file intact.
/// A missing folder is a ``PlotError`` that names it.
public func writeAtomically(_ text: String, to path: String) throws {
    let folder = containingFolder(of: path)
    let shownFolder = folder.isEmpty ? "." : folder
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: shownFolder, isDirectory: &isFolder) else {
        throw PlotError("cannot write '\(path)': the folder '\(shownFolder)' does not exist")
    }
    guard isFolder.boolValue else {
        throw PlotError("cannot write '\(path)': '\(shownFolder)' is not a folder")
    }
    let name = (path as NSString).lastPathComponent
    // Random too, not only the process id: engines on several threads may save the same name at once.
    let temporary = (shownFolder as NSString)
        .appendingPathComponent(".\(name).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
        throw PlotError("cannot write '\(path)': the folder '\(shownFolder)' is not writable")
    }
    if rename(temporary, path) != 0 {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw PlotError("cannot write '\(path)': \(reason)")
    }
}
