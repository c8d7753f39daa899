import AELang
import AENumerics

/// Datasets in files: CSV (`load_csv`, `save_csv`), NumPy .npy (`load_npy`, `save_npy`), and
/// `save(data, path)`. Every write is atomic (a temporary file in the same folder, then rename).
extension DataBuiltins {

    static let loadCSV = Function(
        name: "load_csv",
        parameters: [Parameter("path"), Parameter("header", default: .nil)],
        doc: """
        load_csv(path, header: nil): read a dataset from a CSV file (commas, or the spaces np.savetxt
        writes; lines starting with # are skipped). A first row without any number is a header;
        header: true/false forces it. A bad value is an error naming its line and column.

            d = load_csv("points.csv")
        """
    ) { args in
        let path = try args.context.readablePath(try args.string("path"))
        let header: Bool? = args.isNil("header") ? nil : try args.bool("header")
        let table = try fileOperation { try DatasetCSV.read(path, header: header) }
        try checkSize(args, n: table.data.n, dim: table.data.dim, argument: "path")
        return .dataset(table.data)
    }

    static let saveCSV = Function(
        name: "save_csv",
        parameters: [Parameter("data"), Parameter("path"), Parameter("header", default: .nil)],
        doc: """
        save_csv(data, path, header: nil): write a dataset as CSV (values that read back exactly),
        with an optional header of column names; atomically, so a failed save leaves the old file.

            save_csv(spiral(100), "spiral.csv", header: ["x", "y"])
            # pandas: pd.read_csv("spiral.csv")
        """
    ) { args in
        let data = try args.dataset("data")
        let path = try args.context.writablePath(try args.string("path"))
        var names: [String]? = nil
        if !args.isNil("header") {
            names = try args.list("header").map { item in
                guard case .string(let s) = item else {
                    throw NativeError("save_csv(): header must be a list of strings, found a \(item.typeName)",
                                      argument: "header")
                }
                return s
            }
            guard names!.count == data.dim else {
                throw NativeError("save_csv(): header has \(names!.count) names for \(data.dim) columns", argument: "header")
            }
        }
        try checkFinite(data, args, "data")
        try fileOperation { try DatasetCSV.write(data, columns: names, to: path) }
        return .nil
    }

    static let loadNpy = Function(
        name: "load_npy",
        parameters: [Parameter("path")],
        doc: """
        load_npy(path): read a dataset from a NumPy .npy file (a 1-D array gives one column, a 2-D array
        n × d; float and integer types are converted).

            d = load_npy("samples.npy")      # from np.save("samples.npy", x)
        """
    ) { args in
        let path = try args.context.readablePath(try args.string("path"))
        let data = try fileOperation { try DatasetNpy.read(path) }
        try checkSize(args, n: data.n, dim: data.dim, argument: "path")
        return .dataset(data)
    }

    static let saveNpy = Function(
        name: "save_npy",
        parameters: [Parameter("data"), Parameter("path")],
        doc: """
        save_npy(data, path): write a dataset as a NumPy .npy file (float64, n × d, C order), atomically.

            save_npy(manifold10(1000), "m10.npy")
            # Python: x = np.load("m10.npy")     # shape (1000, 10)
        """
    ) { args in
        let data = try args.dataset("data")
        let path = try args.context.writablePath(try args.string("path"))
        try fileOperation { try DatasetNpy.write(data, to: path) }
        return .nil
    }
}

// MARK: - save(data, path)

extension DatasetValue: Saveable {
    /// `save(data, "x.csv")` or `save(data, "x.npy")`.
    func save(to path: String) throws {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") {
            if let bad = data.values.firstIndex(where: { !$0.isFinite }) {
                throw NativeError("save(): the dataset has \(formatNumber(data.values[bad])) at row \(bad / data.dim), column \(bad % data.dim); data must be finite",
                                  argument: "value")
            }
            try DataBuiltins.fileOperation { try DatasetCSV.write(data, to: path) }
        } else if lower.hasSuffix(".npy") {
            try DataBuiltins.fileOperation { try DatasetNpy.write(data, to: path) }
        } else {
            throw NativeError("save(): a Dataset is saved as .csv or .npy, not '\(path)'", argument: "path")
        }
    }
}
