/// Numbers with a shape, as the array operations read their operands and build their results.
///
/// A number is rank 0, a list of numbers rank 1, a list of rows (lists of numbers of one length) or a
/// ``NumericMatrix`` (a Dataset) rank 2. The elements are contiguous and row-major whatever the
/// source, and ``value(rows:columns:elements:)`` builds a result of the source's own kind.
public struct NumericArray {
    /// Where the numbers came from, which decides the kind of value a result becomes.
    public enum Source {
        case number
        case list
        case rowList
        case matrix(any NumericMatrix)
    }

    public let source: Source
    /// 0, 1 or 2.
    public let rank: Int
    /// The length of a list, the rows of a matrix; 1 for a number.
    public let rows: Int
    /// 1 for a number or a list.
    public let columns: Int
    public let elements: [Double]

    public init(source: Source, rank: Int, rows: Int, columns: Int, elements: [Double]) {
        self.source = source
        self.rank = rank
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// Reads `value` as an array, or nil when it is not numbers in a shape: a string, a list with
    /// something other than numbers, rows of different lengths. ``shapeProblem(_:)`` says why.
    public init?(_ value: Value) {
        switch value {
        case .number(let x):
            self.init(source: .number, rank: 0, rows: 1, columns: 1, elements: [x])
        case .object(let object as any NumericMatrix):
            self.init(source: .matrix(object), rank: 2, rows: object.rows, columns: object.columns,
                      elements: object.elements)
        case .numbers(let xs):
            self.init(source: .list, rank: 1, rows: xs.count, columns: 1, elements: xs)
        case .list(let items):
            if let width = items.first?.listCount {
                guard width > 0 else { return nil }
                var elements = [Double]()
                elements.reserveCapacity(items.count * width)
                for item in items {
                    switch item {
                    case .numbers(let row) where row.count == width:
                        elements.append(contentsOf: row)
                    case .list(let row) where row.count == width:
                        for x in row {
                            guard case .number(let x) = x else { return nil }
                            elements.append(x)
                        }
                    default:
                        return nil
                    }
                }
                self.init(source: .rowList, rank: 2, rows: items.count, columns: width, elements: elements)
            } else {
                var elements = [Double]()
                elements.reserveCapacity(items.count)
                for item in items {
                    guard case .number(let x) = item else { return nil }
                    elements.append(x)
                }
                self.init(source: .list, rank: 1, rows: items.count, columns: 1, elements: elements)
            }
        default:
            return nil
        }
    }

    /// Why `value` is not an array, for an error message: "element 2 is a string",
    /// "row 3 has 2 numbers, row 0 has 3"; nil when it is one.
    public static func shapeProblem(_ value: Value) -> String? {
        guard case .list(let items) = value else {
            return NumericArray(value) == nil ? "it is \(withArticle(value.typeName))" : nil
        }
        if let width = items.first?.listCount {
            if width == 0 { return "row 0 is empty" }
            for (i, item) in items.enumerated() {
                guard let row = item.listItems else { return "element \(i) is \(withArticle(item.typeName)), not a row" }
                if row.count != width { return "row \(i) has \(row.count) element\(row.count == 1 ? "" : "s"), row 0 has \(width)" }
                if let j = row.firstIndex(where: { if case .number = $0 { return false } else { return true } }) {
                    return "row \(i), element \(j) is \(withArticle(row[j].typeName))"
                }
            }
            return nil
        }
        if let i = items.firstIndex(where: { if case .number = $0 { return false } else { return true } }) {
            return "element \(i) is \(withArticle(items[i].typeName))"
        }
        return nil
    }

    /// The shape as messages name it: "number", "list of 3", "list of 4 rows of 2", "Dataset 1000×2".
    public var shapeDescription: String {
        switch source {
        case .number: return "number"
        case .list: return "list of \(rows)"
        case .rowList: return "list of \(rows) rows of \(columns)"
        case .matrix(let m): return "\(type(of: m).typeName) \(rows)×\(columns)"
        }
    }

    /// A result of this array's kind: a list for a list, a list of rows for a list of rows, the same
    /// host type for a matrix (a number for a number when there is one element; a list of empty rows
    /// for a matrix of no columns).
    public func value(rows: Int, columns: Int, elements: [Double]) -> Value {
        switch source {
        case .number where elements.count == 1:
            return .number(elements[0])
        case .number, .list:
            return elements.isEmpty ? .list([]) : .numbers(elements)
        case .rowList:
            return NumericArray.rowList(rows: rows, columns: columns, elements: elements)
        case .matrix(let m):
            // A host matrix has at least one column; the transpose of one with no rows has none.
            guard columns >= 1 else { return NumericArray.rowList(rows: rows, columns: columns, elements: elements) }
            return m.make(rows: rows, columns: columns, elements: elements)
        }
    }

    /// A list of `rows` lists of `columns` numbers.
    public static func rowList(rows: Int, columns: Int, elements: [Double]) -> Value {
        .list((0..<rows).map { i in .numbers(Array(elements[i * columns ..< (i + 1) * columns])) })
    }

    /// True for a Dataset or other host matrix.
    public var isMatrix: Bool {
        if case .matrix = source { return true }
        return false
    }
}
