/// What an index picks among the elements of a container: a whole number, counted from the end when
/// negative (-1 is the last). Every index of the language goes through it (a list's elements, a
/// string's characters, a Dataset's rows and columns, a host object's parts such as a Chain's
/// chains), so that each error reads the same:
///
///     let rows = Indexing("Dataset", of: "row")
///     try rows.position(.number(-1), count: 3)    // 2
///     try rows.position(.number(5), count: 3)     // index 5 out of range for a Dataset of 3 rows
public struct Indexing: Sendable {
    /// What is indexed: "list", "string", "Dataset", "Chain".
    public let container: String
    /// What it holds: "element", "character", "row", "chain".
    public let unit: String

    public init(_ container: String, of unit: String) {
        self.container = container
        self.unit = unit
    }

    /// The position `index` picks among `count` elements, or a NativeError saying why it picks none.
    public func position(_ index: Value, count: Int) throws -> Int {
        guard case .number(let x) = index else {
            throw NativeError("\(withArticle(container)) index must be a number, not \(index.typeName)")
        }
        return try position(x, count: count)
    }

    public func position(_ x: Double, count: Int) throws -> Int {
        guard x == x.rounded(), abs(x) < 1e15 else {
            throw NativeError("\(withArticle(container)) index must be a whole number, got \(formatNumber(x))")
        }
        var i = Int(x)
        if i < 0 { i += count }
        guard i >= 0, i < count else {
            throw NativeError("index \(formatNumber(x)) out of range for \(described(count))",
                              hint: count == 0 ? nil : "valid indices are 0 to \(count - 1), or -1 to -\(count)")
        }
        return i
    }

    /// "a list of 3 elements", "a Dataset of 1 row".
    public func described(_ count: Int) -> String {
        "\(withArticle(container)) of \(count) \(unit)\(count == 1 ? "" : "s")"
    }

    static let listElements = Indexing("list", of: "element")
    static let characters = Indexing("string", of: "character")
}
