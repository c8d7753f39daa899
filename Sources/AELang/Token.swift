/// A position in a source file: 1-based line and column (in characters), and the span's length.
struct SourceLocation {
    var line: Int
    var column: Int
    var length: Int

    static let none = SourceLocation(line: 0, column: 0, length: 0)
}

/// One source file (or REPL entry): its name and lines, kept for rendering errors.
final class SourceFile {
    let name: String
    let lines: [Substring]
    /// Doc comment blocks, by the line of the `fn` they precede.
    var comments: [Int: String] = [:]

    init(name: String, text: String) {
        self.name = name
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var text = String(lines[number - 1])
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}

/// One piece of a string literal: text, or the source of an `{expr}` interpolation.
enum StringPart {
    case text(String)
    case code(String, SourceLocation)
}

/// The lexical categories of ae.
enum TokenKind: Equatable {
    case number, string, name
    case newline, semicolon, eof
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, dot, colon, assign
    case plus, plusPlus, minus, star, slash, percent, caret, at
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    // keywords
    case kwAnd, kwOr, kwNot, kwIf, kwElse, kwFor, kwIn, kwWhile, kwBreak, kwContinue
    case kwReturn, kwFn, kwTrue, kwFalse, kwNil, kwImport
    case error

    static let keywords: [String: TokenKind] = [
        "and": .kwAnd, "or": .kwOr, "not": .kwNot, "if": .kwIf, "else": .kwElse, "for": .kwFor,
        "in": .kwIn, "while": .kwWhile, "break": .kwBreak, "continue": .kwContinue,
        "return": .kwReturn, "fn": .kwFn, "true": .kwTrue, "false": .kwFalse, "nil": .kwNil,
        "import": .kwImport,
    ]

    /// Tokens after which a line cannot end: the expression continues on the next line.
    var continuesLine: Bool {
        switch self {
        case .plus, .plusPlus, .minus, .star, .slash, .percent, .caret, .at, .equal, .notEqual, .less, .lessEqual,
             .greater, .greaterEqual, .kwAnd, .kwOr, .kwNot, .kwIn, .assign, .comma, .dot, .colon:
            return true
        default:
            return false
        }
    }
}

struct Token {
    var kind: TokenKind
    var text: String
    var location: SourceLocation
    var number: Double = 0
    var parts: [StringPart] = []
}
