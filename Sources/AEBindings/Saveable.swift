import AELang
import Foundation

/// A host object that `save(value, path)` can write: a model, a dataset, a figure, a chain. Each writes
/// atomically (a temporary file in the same folder, then rename), so a failed save leaves any old file
/// intact.
protocol Saveable: HostObject {
    /// Writes the object to `path`, choosing the format from the extension; throws a ``NativeError``
    /// naming the `path` argument for an unknown extension.
    func save(to path: String) throws
}

enum FileBuiltins {
    static var functions: [Function] { [save, mkdir] }

    static let save = Function(
        name: "save",
        parameters: [Parameter("value"), Parameter("path")],
        doc: """
        save(value, path): write a model, dataset, figure or chain to a file; the extension picks the format.

            save(ae, "spiral.aemodel")     # a trained auto-encoder (load(path) reads it back)
            save(ae, "spiral.npz")         # NumPy's .npz: W, b, V, c, kind, sigma
            save(ae, "m.safetensors")      # PyTorch: encoder.weight, encoder.bias, decoder.weight, ...
            save(spiral(100), "s.csv")     # a dataset as CSV (also .npy)
            save(fig, "field.svg")         # a figure as SVG
            save(c, "chain.npz")           # a Chain: draws (chain, draw, dim) for ArviZ; load reads it
        """
    ) { args in
        let path = try args.context.writablePath(try args.string("path"))
        guard case .object(let object) = args["value"], let saveable = object as? any Saveable else {
            throw NativeError("save(): cannot save a \(args["value"].typeName)", argument: "value",
                              hint: "save writes models, datasets, figures and chains")
        }
        try saveable.save(to: path)
        return .nil
    }

    static let mkdir = Function(
        name: "mkdir",
        parameters: [Parameter("path")],
        doc: """
        mkdir(path): creates the folder `path` and any missing parent folders (nothing to do when it
        exists); returns path. Needs the host's permission to write files, like save. save itself never
        creates folders: a missing folder is an error there.

            out = mkdir("out/figures")
            save(fig, out + "/field.svg")
        """
    ) { args in
        let path = try args.context.writablePath(try args.string("path"))
        guard !path.isEmpty else { throw NativeError("mkdir(): the path is empty", argument: "path") }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw NativeError("mkdir(): '\(path)' exists and is not a folder", argument: "path")
            }
            return .string(path)
        }
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            // Name the first part of the path that blocks it: a file where a folder should be, or a
            // folder we may not write into.
            var reason = "permission denied or read-only file system"
            let parts = path.split(separator: "/")
            for count in 1..<max(1, parts.count) {
                let prefix = (path.hasPrefix("/") ? "/" : "") + parts[..<count].joined(separator: "/")
                if manager.fileExists(atPath: prefix, isDirectory: &isDirectory), !isDirectory.boolValue {
                    reason = "'\(prefix)' is a file, not a folder"
                    break
                }
            }
            throw NativeError("mkdir(): cannot create '\(path)': \(reason)", argument: "path")
        }
        return .string(path)
    }
}
