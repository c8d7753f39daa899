import Foundation
import AEFiles

/// A dataset read from CSV, with its column names when the file had a header row.
public struct CSVTable: Equatable {
    public let data: Dataset
    /// The header's names, or nil when the file had no header.
    public let columns: [String]?

    public init(data: Dataset, columns: [String]?) {
        self.data = data
        self.columns = columns
    }
}

/// Datasets as comma-separated text, the way pandas and `np.savetxt(..., delimiter=",")` write them.
///
/// Reading: values are separated by commas (or, when the first row has no comma, by tabs or runs of
/// spaces, as `np.savetxt` writes by default); blank lines and lines starting with `#` are skipped;
/// the first row is a header when none of its fields is a number (or as `header:` says). Every row
/// must have as many values as the first; NaN and infinite values are refused, since no model can
/// learn from them. Errors name the line and the column (both from 1):
///
///     cannot read 'x.csv': line 3, column 2: 'abc' is not a number
///
/// Writing: one row per line, values in the shortest form that reads back exactly, an optional
/// header, a final newline; atomically (see ``AtomicFile``).
public enum DatasetCSV {
    /// Reads a CSV file. `header`: nil detects it, true/false forces it.
    public static func read(_ path: String, header: Bool? = nil) throws -> CSVTable {
        let bytes = try AtomicFile.read(path)
        do { return try parse(bytes, header: header) }
        catch let error as DataError { throw FileError("cannot read '\(path)': \(error.message)") }
    }

    /// Writes `data` to a CSV file atomically, with `columns` as the header when given.
    public static func write(_ data: Dataset, columns: [String]? = nil, to path: String) throws {
        do { try AtomicFile.write(Array(try format(data, columns: columns).utf8), to: path) }
        catch let error as DataError { throw FileError("cannot write '\(path)': \(error.message)") }
    }

    /// The CSV text of `data`; throws ``DataError`` for a non-finite value or a header of the wrong width.
    public static func format(_ data: Dataset, columns: [String]? = nil) throws -> String {
        var out = ""
        if let columns {
            guard columns.count == data.dim else {
                throw DataError("the header has \(columns.count) names for \(data.dim) columns")
            }
            out += columns.map(quoteIfNeeded).joined(separator: ",") + "\n"
        }
        out.reserveCapacity(out.utf8.count + data.values.count * 22)
        for i in 0..<data.n {
            for j in 0..<data.dim {
                let x = data.values[i * data.dim + j]
                guard x.isFinite else {
                    throw DataError("row \(i), column \(j) is \(x), and CSV data must be finite")
                }
                if j > 0 { out += "," }
                out += x.description
            }
            out += "\n"
        }
        return out
    }

    static func quoteIfNeeded(_ name: String) -> String {
        guard name.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return name }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    enum Separator { case comma, whitespace }

    /// Parses CSV bytes; throws ``DataError`` naming the line and column of the first bad value.
    public static func parse(_ bytes: [UInt8], header: Bool? = nil) throws -> CSVTable {
        var values = [Double]()
        var columns: [String]? = nil
        var width = 0
        var separator = Separator.comma
        var sawFirstRow = false
        var lineNumber = 0
        // Spreadsheet programs often start UTF-8 files with a byte-order mark.
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let line = bytes[start..<lineEnd]
            start = end + 1
            let content = line.drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            if content.isEmpty || content.first == UInt8(ascii: "#") { continue }

            if !sawFirstRow {
                sawFirstRow = true
                separator = line.contains(UInt8(ascii: ",")) ? .comma : .whitespace
                let fields = split(line, separator)
                let isHeader = header ?? fields.allSatisfy { parseNumber($0) == nil }
                width = fields.count
                if isHeader {
                    columns = fields.map(unquote)
                    continue
                }
            }
            let fields = split(line, separator)
            guard fields.count == width else {
                throw DataError("line \(lineNumber): expected \(width) value\(width == 1 ? "" : "s"), found \(fields.count)")
            }
            for (column, field) in fields.enumerated() {
                guard let x = fastNumber(field) ?? parseNumber(field) else {
                    let text = unquote(field)
                    if text.isEmpty { throw DataError("line \(lineNumber), column \(column + 1): empty value") }
                    throw DataError("line \(lineNumber), column \(column + 1): '\(text)' is not a number")
                }
                guard !x.isNaN else {
                    throw DataError("line \(lineNumber), column \(column + 1): NaN is not allowed in data")
                }
                guard x.isFinite else {
                    throw DataError("line \(lineNumber), column \(column + 1): '\(unquote(field))' is not finite")
                }
                values.append(x)
            }
        }
        guard width > 0, !values.isEmpty else { throw DataError("no data rows") }
        return CSVTable(data: Dataset(rows: values.count / width, dim: width, values: values), columns: columns)
    }

    static func split(_ line: ArraySlice<UInt8>, _ separator: Separator) -> [ArraySlice<UInt8>] {
        switch separator {
        case .comma:
            // Commas inside double quotes (a header name like "b,c") do not separate fields.
            var fields = [ArraySlice<UInt8>]()
            var fieldStart = line.startIndex
            var quoted = false
            for i in line.indices {
                if line[i] == UInt8(ascii: "\"") { quoted.toggle() }
                else if line[i] == UInt8(ascii: ","), !quoted {
                    fields.append(line[fieldStart..<i])
                    fieldStart = i + 1
                }
            }
            fields.append(line[fieldStart..<line.endIndex])
            return fields
        case .whitespace:
            return line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        }
    }

    /// The field without surrounding blanks and quotes.
    static func unquote(_ field: ArraySlice<UInt8>) -> String {
        var text = String(decoding: field, as: UTF8.self).trimmingBlanks()
        if text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") {
            text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return text
    }

    /// The common case without building a String: an unquoted number of fewer than 64 characters,
    /// parsed by `strtod` from a stack buffer. Nil sends the field to the general path.
    static func fastNumber(_ field: ArraySlice<UInt8>) -> Double? {
        var lo = field.startIndex, hi = field.endIndex
        while lo < hi && (field[lo] == UInt8(ascii: " ") || field[lo] == UInt8(ascii: "\t")) { lo += 1 }
        while hi > lo && (field[hi - 1] == UInt8(ascii: " ") || field[hi - 1] == UInt8(ascii: "\t")) { hi -= 1 }
        let count = hi - lo
        guard count > 0, count < 64, field[lo] != UInt8(ascii: "\"") else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
            for k in 0..<count { buffer[k] = CChar(bitPattern: field[lo + k]) }
            buffer[count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let x = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == count else { return nil }
            return x
        }
    }

    /// The field as a number (NaN and infinities included, so the caller can refuse them by name).
    static func parseNumber(_ field: ArraySlice<UInt8>) -> Double? {
        let text = unquote(field)
        guard !text.isEmpty else { return nil }
        return Double(text)
    }
}

extension String {
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
