import Foundation

/// An open document of the language server, and the conversions between ae's positions (1-based
/// lines and columns counted in characters) and LSP's (0-based lines, columns in UTF-16 code units).
struct TextDocument {
    let uri: String
    let text: String
    /// Split as ae's `SourceFile` splits, so line numbers agree with the errors'.
    let lines: [Substring]

    init(uri: String, text: String) {
        self.uri = uri
        self.text = text
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The file path for a `file:` URI (imports resolve from its folder); the URI itself otherwise.
    var path: String {
        guard uri.hasPrefix("file:"), let url = URL(string: uri), url.isFileURL else { return uri }
        return url.path
    }

    /// The LSP position of ae's (line, column).
    func lspPosition(line: Int, column: Int) -> [String: Int] {
        guard line >= 1, line <= lines.count else { return ["line": max(line - 1, 0), "character": 0] }
        return ["line": line - 1, "character": String(lines[line - 1].prefix(max(column - 1, 0))).utf16.count]
    }

    /// The LSP range of `length` characters from ae's (line, column).
    func lspRange(line: Int, column: Int, length: Int) -> [String: Any] {
        ["start": lspPosition(line: line, column: column),
         "end": lspPosition(line: line, column: column + max(length, 0))]
    }

    /// ae's 1-based (line, column) of an LSP position; a position inside a UTF-16 pair, or past the
    /// line's end, is clamped.
    func aePosition(_ position: [String: Any]) -> (line: Int, column: Int)? {
        guard let line = position["line"] as? Int, let character = position["character"] as? Int,
              line >= 0, line < lines.count else { return nil }
        var units = 0
        var column = 1
        for c in lines[line] {
            let width = String(c).utf16.count
            if units + width > character { break }
            units += width
            column += 1
        }
        return (line + 1, column)
    }

    /// The characters before a position: the text completion and signature help look back through.
    func characters(before position: (line: Int, column: Int)) -> [Character] {
        var result: [Character] = []
        for line in lines.prefix(position.line - 1) { result += line; result.append("\n") }
        result += lines[position.line - 1].prefix(position.column - 1)
        return result
    }

    /// The name under (or just before) a position, and the column where it starts.
    func name(at position: (line: Int, column: Int)) -> (name: String, column: Int)? {
        let characters = Array(lines[position.line - 1])
        func isName(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        var start = min(position.column - 1, characters.count)
        var end = start
        while start > 0, isName(characters[start - 1]) { start -= 1 }
        while end < characters.count, isName(characters[end]) { end += 1 }
        guard start < end, !characters[start].isNumber else { return nil }
        return (String(characters[start..<end]), start + 1)
    }
}
