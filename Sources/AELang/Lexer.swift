/// Turns source text into tokens. Errors (an unknown character, an unterminated string) become
/// `.error` tokens carrying the message, so the parser reports them in order with the others.
struct Lexer {
    private let chars: [Character]
    private var index = 0
    private var line: Int
    private var column: Int
    /// Whole-line comments by line number (for doc comments above `fn`).
    private(set) var lineComments: [Int: String] = [:]
    /// True when the text ended inside a string literal (the REPL then asks for more input).
    private(set) var endedInString = false

    init(_ text: String, line: Int = 1, column: Int = 1) {
        chars = Array(text)
        self.line = line
        self.column = column
    }

    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        var lineHasToken = false
        while true {
            skipSpaces()
            guard index < chars.count else { break }
            let c = chars[index]
            if c == "#" {
                let startLine = line
                var text = ""
                advance()
                while index < chars.count, chars[index] != "\n" { text.append(chars[index]); advance() }
                if !lineHasToken {
                    lineComments[startLine] = text.hasPrefix(" ") ? String(text.dropFirst()) : text
                }
                continue
            }
            if c == "\n" {
                tokens.append(Token(kind: .newline, text: "\n", location: here(1)))
                advance()
                lineHasToken = false
                continue
            }
            lineHasToken = true
            tokens.append(scanToken())
        }
        tokens.append(Token(kind: .eof, text: "", location: here(1)))
        return tokens
    }

    private func here(_ length: Int) -> SourceLocation {
        SourceLocation(line: line, column: column, length: length)
    }

    private mutating func advance() {
        if chars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    private mutating func skipSpaces() {
        while let c = peek(), c == " " || c == "\t" || c == "\r" { advance() }
    }

    private mutating func scanToken() -> Token {
        let start = here(1)
        let c = chars[index]
        if c.isNumber && c.isASCII || (c == "." && (peek(1)?.isASCII ?? false) && (peek(1)?.isNumber ?? false)) {
            return scanNumber(start)
        }
        if c.isLetter || c == "_" {
            var text = ""
            while let d = peek(), d.isLetter || d.isNumber || d == "_" { text.append(d); advance() }
            var location = start
            location.length = text.count
            return Token(kind: TokenKind.keywords[text] ?? .name, text: text, location: location)
        }
        if c == "\"" { return scanString(start) }
        advance()
        func two(_ next: Character, _ long: TokenKind, _ short: TokenKind) -> Token {
            if peek() == next {
                advance()
                var location = start
                location.length = 2
                return Token(kind: long, text: String(c) + String(next), location: location)
            }
            return Token(kind: short, text: String(c), location: start)
        }
        switch c {
        case "(": return Token(kind: .leftParen, text: "(", location: start)
        case ")": return Token(kind: .rightParen, text: ")", location: start)
        case "[": return Token(kind: .leftBracket, text: "[", location: start)
        case "]": return Token(kind: .rightBracket, text: "]", location: start)
        case "{": return Token(kind: .leftBrace, text: "{", location: start)
        case "}": return Token(kind: .rightBrace, text: "}", location: start)
        case ",": return Token(kind: .comma, text: ",", location: start)
        case ".": return Token(kind: .dot, text: ".", location: start)
        case ":": return Token(kind: .colon, text: ":", location: start)
        case ";": return Token(kind: .semicolon, text: ";", location: start)
        case "+": return two("+", .plusPlus, .plus)
        case "-": return Token(kind: .minus, text: "-", location: start)
        case "*": return Token(kind: .star, text: "*", location: start)
        case "/": return Token(kind: .slash, text: "/", location: start)
        case "%": return Token(kind: .percent, text: "%", location: start)
        case "^": return Token(kind: .caret, text: "^", location: start)
        case "@": return Token(kind: .at, text: "@", location: start)
        case "=": return two("=", .equal, .assign)
        case "<": return two("=", .lessEqual, .less)
        case ">": return two("=", .greaterEqual, .greater)
        case "!":
            if peek() == "=" {
                advance()
                return Token(kind: .notEqual, text: "!=", location: SourceLocation(line: start.line, column: start.column, length: 2))
            }
            return Token(kind: .error, text: "unexpected character '!' (use 'not' for negation)", location: start)
        default:
            return Token(kind: .error, text: "unexpected character '\(c)'", location: start)
        }
    }

    private mutating func scanNumber(_ start: SourceLocation) -> Token {
        var text = ""
        func digits() { while let d = peek(), d.isASCII, d.isNumber || d == "_" { if d != "_" { text.append(d) }; advance() } }
        digits()
        if peek() == ".", let d = peek(1), d.isASCII, d.isNumber {
            text.append("."); advance(); digits()
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            if let d = sign, d.isASCII, d.isNumber {
                text.append("e"); advance(); digits()
            } else if sign == "+" || sign == "-", let d = peek(2), d.isASCII, d.isNumber {
                text.append("e"); advance(); text.append(sign!); advance(); digits()
            }
        }
        var location = start
        location.length = column - start.column
        if let d = peek(), d.isLetter || d == "_" {
            while let d = peek(), d.isLetter || d.isNumber || d == "_" { advance() }
            location.length = column - start.column
            return Token(kind: .error, text: "malformed number", location: location)
        }
        return Token(kind: .number, text: text, location: location, number: Double(text) ?? .nan)
    }

    private mutating func scanString(_ start: SourceLocation) -> Token {
        advance() // opening quote
        var parts: [StringPart] = []
        var text = ""
        while true {
            guard let c = peek() else {
                endedInString = true
                var location = start
                location.length = 1
                return Token(kind: .error, text: "unterminated string", location: location)
            }
            if c == "\"" { advance(); break }
            if c == "\n" {
                endedInString = true
                return Token(kind: .error, text: "unterminated string", location: start)
            }
            if c == "\\" {
                let escapeStart = here(2)
                advance()
                guard let e = peek(), e != "\n" else {
                    endedInString = true
                    return Token(kind: .error, text: "unterminated string", location: start)
                }
                advance()
                switch e {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "0": text.append("\0")
                case "\\": text.append("\\")
                case "\"": text.append("\"")
                case "{": text.append("{")
                case "}": text.append("}")
                default:
                    skipRestOfString()
                    return Token(kind: .error, text: "unknown escape '\\\(e)' (known: \\n \\t \\r \\0 \\\\ \\\" \\{ \\})",
                                 location: escapeStart)
                }
                continue
            }
            if c == "{" {
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                let codeStart = here(1)
                advance()
                var code = ""
                var depth = 1
                var inner = false
                while let d = peek(), d != "\n" {
                    if d == "\"" { inner.toggle() }
                    if !inner {
                        if d == "{" { depth += 1 }
                        if d == "}" { depth -= 1; if depth == 0 { break } }
                    }
                    code.append(d)
                    advance()
                }
                guard peek() == "}" else {
                    endedInString = peek() == nil
                    return Token(kind: .error, text: "unterminated '{' in string (write \\{ for a literal brace)",
                                 location: codeStart)
                }
                advance()
                parts.append(.code(code, SourceLocation(line: codeStart.line, column: codeStart.column + 1,
                                                        length: code.count)))
                continue
            }
            text.append(c)
            advance()
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        var location = start
        if line == start.line { location.length = column - start.column }
        return Token(kind: .string, text: "", location: location, parts: parts)
    }

    private mutating func skipRestOfString() {
        while let c = peek(), c != "\"", c != "\n" { advance() }
        if peek() == "\"" { advance() }
    }
}
