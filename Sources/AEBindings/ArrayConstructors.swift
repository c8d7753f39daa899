import AELang
import AENumerics

/// The array constructors (help topic "arrays"): `zeros`, `ones`, `full` (a list of n numbers, or an
/// n×dim Dataset with `dim:`), `linspace`, and `tolist`, the way back from a Dataset to a list of rows
/// (`dataset(rows)`, in DataBuiltins, is the way there).
enum ArrayConstructors {
    static var functions: [Function] {
        [filled("zeros", 0), filled("ones", 1), full, linspace, tolist]
    }

    static func filled(_ name: String, _ value: Double) -> Function {
        let number = Int(value)
        return Function(
            name: name, parameters: [Parameter("n"), Parameter("dim", default: .nil)],
            doc: """
            \(name)(n, dim: nil): a list of n \(name) (n >= 0); with dim, a Dataset of n rows (n >= 1)
            and dim columns, all \(number).

                \(name)(3)                  # [\(number), \(number), \(number)]
                \(name)(100, dim: 2)        # Dataset(100 × 2)
            """
        ) { args in try make(args, value) }
    }

    static let full = Function(
        name: "full", parameters: [Parameter("n"), Parameter("value"), Parameter("dim", default: .nil)],
        doc: """
        full(n, value, dim: nil): a list of n numbers, all equal to value (n >= 0); with dim, a Dataset
        of n rows (n >= 1) and dim columns.

            full(3, 0.5)                # [0.5, 0.5, 0.5]
            full(10, -1, dim: 3)        # Dataset(10 × 3)
        """
    ) { args in try make(args, try args.number("value")) }

    /// n copies of `value`: a list, or with `dim:` an n×dim Dataset, within the element limit.
    private static func make(_ args: Arguments, _ value: Double) throws -> Value {
        if args.isNil("dim") {
            let n = try args.int("n", in: 0...Int.max)
            try args.checkElementCount(n, argument: "n")
            return .list([Value](repeating: .number(value), count: n))
        }
        let n = try args.int("n", in: 1...Int.max)
        let dim = try args.int("dim", in: 1...Int.max)
        try DataBuiltins.checkSize(args, n: n, dim: dim, argument: "n")
        return .dataset(Dataset(rows: n, dim: dim, repeating: value))
    }

    static let linspace = Function(
        name: "linspace", parameters: [Parameter("a"), Parameter("b"), Parameter("n", default: .number(50))],
        doc: """
        linspace(a, b, n: 50): a list of n evenly spaced numbers from a to b, both ends included, as
        NumPy's linspace: element i is a + i·(b - a)/(n - 1), the last exactly b. n = 1 gives [a],
        n = 0 an empty list.

            linspace(0, 1, 5)          # [0, 0.25, 0.5, 0.75, 1]
            linspace(1, -1, 3)         # [1, 0, -1]
        """
    ) { args in
        let a = try args.finite("a"), b = try args.finite("b")
        let n = try args.int("n", in: 0...Int.max)
        try args.checkElementCount(n, argument: "n")
        guard n > 1 else { return .list(n == 1 ? [.number(a)] : []) }
        let step = (b - a) / Double(n - 1)
        var out = (0..<n).map { Value.number(a + Double($0) * step) }
        out[n - 1] = .number(b)
        return .list(out)
    }

    static let tolist = Function(
        name: "tolist", parameters: [Parameter("d")],
        doc: """
        tolist(d): a Dataset as a list of its rows (each a list of numbers); the way back from
        dataset(rows). A list is returned as it is. For one column as a list of numbers, col(d, j).

            tolist(dataset([[1, 2], [3, 4]]))    # [[1, 2], [3, 4]]
            tolist(dataset([5, 6]))              # [[5], [6]]
        """
    ) { args in
        switch args["d"] {
        case .object(let matrix as any NumericMatrix):
            return NumericArray.rowList(rows: matrix.rows, columns: matrix.columns, elements: matrix.elements)
        case .list(let items):
            return .list(items)
        default:
            throw args.mismatch("d", expected: "a Dataset or a list")
        }
    }
}
