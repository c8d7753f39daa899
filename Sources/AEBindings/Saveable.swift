import AELang

/// A host object that `save(value, path)` can write: a model, a dataset, a figure. Each writes
/// atomically (a temporary file in the same folder, then rename), so a failed save leaves any old file
/// intact.
protocol Saveable: HostObject {
    /// Writes the object to `path`, choosing the format from the extension; throws a ``NativeError``
    /// naming the `path` argument for an unknown extension.
    func save(to path: String) throws
}

enum FileBuiltins {
    static var functions: [Function] { [save] }

    static let save = Function(
        name: "save",
        parameters: [Parameter("value"), Parameter("path")],
        doc: """
        save(value, path): write a model, dataset or figure to a file; the extension picks the format.

            save(ae, "spiral.aemodel")     # a trained auto-encoder (load(path) reads it back)
            save(ae, "spiral.npz")         # NumPy's .npz: W, b, V, c, kind, sigma
            save(spiral(100), "s.csv")     # a dataset as CSV (also .npy)
            save(fig, "field.svg")         # a figure as SVG
        """
    ) { args in
        let path = try args.context.writablePath(try args.string("path"))
        guard case .object(let object) = args["value"], let saveable = object as? any Saveable else {
            throw NativeError("save(): cannot save a \(args["value"].typeName)", argument: "value",
                              hint: "save writes models, datasets and figures")
        }
        try saveable.save(to: path)
        return .nil
    }
}
