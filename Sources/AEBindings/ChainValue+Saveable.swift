import AELang
import AEFiles
import AENumerics
import Foundation

/// `save(chain, "c.npz")`: the draws in ArviZ's (chain, draw, dim) layout (docs/chain-format.md);
/// `load` reads the file back as a Chain.
extension ChainValue: Saveable {
    func save(to path: String) throws {
        guard (path as NSString).pathExtension.lowercased() == "npz" else {
            throw NativeError("save(): a Chain is saved as .npz, not '\(path)'", argument: "path",
                              hint: "NumPy's np.load and ArviZ's az.from_dict read it (docs/chain-format.md)")
        }
        do { try ChainFile.save(chain, to: path) }
        catch let error as FileError { throw NativeError("save(): \(error.message)", argument: "path") }
    }
}
