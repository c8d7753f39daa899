import AELang
import AENumerics

/// A ``Dataset`` as scripts see it: `data.n`, `data.dim`, `data.mean`, `data.cov`, `data[i]` (row i as a
/// list; negative indices count from the end), `len(data)`.
final class DatasetValue: NumericMatrix {
    static let typeName = "Dataset"
    /// Left empty only by `takeElements`, whose caller holds the only reference.
    private(set) var data: Dataset

    init(_ data: Dataset) { self.data = data }

    var rows: Int { data.n }
    var columns: Int { data.dim }
    var elements: [Double] { data.values }

    func make(rows: Int, columns: Int, elements: [Double]) -> Value {
        .dataset(Dataset(rows: rows, dim: columns, values: elements))
    }

    func takeElements() -> [Double]? {
        var values: [Double] = []
        swap(&values, &data.values)
        return values
    }

    var summary: String { "Dataset(\(data.n) × \(data.dim))" }
    var count: Int? { data.n }
    var attributeNames: [String] { ["n", "dim", "mean", "cov"] }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "n": return .number(Double(data.n))
        case "dim": return .number(Double(data.dim))
        case "mean": return .list(data.mean.map(Value.number))
        case "cov": return .list(data.covariance.map { .list($0.map(Value.number)) })
        default: return nil
        }
    }

    func element(_ index: Value) throws -> Value? {
        .list(data.row(try Indexing("Dataset", of: "row").position(index, count: data.n)).map(Value.number))
    }
}

extension Value {
    /// Wraps a dataset for scripts.
    static func dataset(_ data: Dataset) -> Value { .object(DatasetValue(data)) }
}

extension Arguments {
    /// A dataset argument. A list of rows (`[[0, 1], [2, 3]]`) or of numbers (1-D points) is accepted
    /// too, so small examples need no generator.
    func dataset(_ name: String) throws -> Dataset {
        switch self[name] {
        case .object(let object as DatasetValue):
            // A slice can pick no rows; no builtin has anything to do with none.
            guard object.data.n > 0 else {
                throw NativeError("\(function.name)(): \(name) is empty (a Dataset of 0 rows)", argument: name,
                                  hint: "a slice such as d[0:0] picks no rows")
            }
            return object.data
        case .list(let items) where !items.isEmpty:
            if case .list = items[0] {
                let rows = try items.map { item -> [Double] in
                    guard case .list(let row) = item else { throw rowError(name) }
                    return try row.map { v -> Double in
                        guard case .number(let x) = v else { throw rowError(name) }
                        return x
                    }
                }
                guard rows.allSatisfy({ $0.count == rows[0].count }), !rows[0].isEmpty else {
                    throw NativeError("\(function.name)(): the rows of \(name) must all have the same length",
                                      argument: name)
                }
                return Dataset(rows: rows)
            }
            let xs = try numbers(name)
            return Dataset(rows: xs.count, dim: 1, values: xs)
        case .list:
            throw NativeError("\(function.name)(): \(name) is empty", argument: name)
        default:
            throw mismatch(name, expected: "a Dataset")
        }
    }

    private func rowError(_ name: String) -> NativeError {
        NativeError("\(function.name)(): \(name) must be a Dataset or a list of rows of numbers", argument: name)
    }
}

// MARK: For hosts

extension Value {
    /// A dataset as an ae value (what `spiral(100)` returns), for a host to hand to a script.
    public init(_ data: Dataset) { self = .dataset(data) }

    /// The dataset held by this value, or nil when it is not a Dataset.
    public var asDataset: Dataset? {
        if case .object(let object as DatasetValue) = self { return object.data }
        return nil
    }
}
