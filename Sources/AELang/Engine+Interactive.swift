/// What the REPL needs beyond running code: continuation and completion.
extension Engine {
    /// True while brackets are open or the last line ends with an operator: the REPL then reads
    /// another line. An unterminated string makes the entry complete, since strings cannot span lines.
    public func isIncomplete(_ source: String) -> Bool {
        var lexer = Lexer(source)
        let tokens = lexer.tokenize()
        // Strings cannot span lines, so no further line can close an unterminated one: the entry is
        // complete (and its error shows at once), even inside an open bracket.
        if lexer.endedInString { return false }
        var balance = 0
        for token in tokens {
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace: balance += 1
            case .rightParen, .rightBracket, .rightBrace: balance -= 1
            default: break
            }
        }
        if balance > 0 { return true }
        let last = tokens.last { $0.kind != .newline && $0.kind != .eof }
        return last?.kind.continuesLine ?? false
    }

    /// True when the last token of `source` (comments aside) is `;`: the REPL then shows no value.
    func endsWithSemicolon(_ source: String) -> Bool {
        var lexer = Lexer(source)
        let last = lexer.tokenize().last { $0.kind != .newline && $0.kind != .eof }
        return last?.kind == .semicolon
    }

    /// Candidates for the word before `cursor` (a character offset into `line`): builtins, variables and
    /// keywords; inside a call's parentheses also that function's argument labels ("sigma:"); after
    /// `name.` the fields or attributes of that value.
    public func completions(line: String, cursor: Int) -> [String] {
        let characters = Array(line.prefix(max(0, min(cursor, line.count))))
        var start = characters.count
        while start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber || characters[start - 1] == "_" {
            start -= 1
        }
        let word = String(characters[start...])
        func isName(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

        // After `base.`: fields of a record or attributes of a host object held by a global.
        if start > 0, characters[start - 1] == "." {
            var baseStart = start - 1
            while baseStart > 0, isName(characters[baseStart - 1]) { baseStart -= 1 }
            let base = String(characters[baseStart..<(start - 1)])
            var names: [String] = []
            switch global(base) {
            case .record(let record)?: names = record.keys
            case .object(let object)?: names = object.attributeNames
            default: break
            }
            return names.filter { $0.hasPrefix(word) }.sorted()
        }

        var candidates = Set(globalNames.filter { $0.hasPrefix(word) })
        for keyword in TokenKind.keywords.keys where keyword.hasPrefix(word) && !word.isEmpty {
            candidates.insert(keyword)
        }
        // Inside the innermost open call: that function's labels.
        var depth = 0
        var index = start - 1
        while index >= 0 {
            let c = characters[index]
            if c == ")" || c == "]" { depth += 1 }
            if c == "(" || c == "[" {
                if depth == 0 {
                    if c == "(" {
                        var nameEnd = index
                        while nameEnd > 0, characters[nameEnd - 1] == " " { nameEnd -= 1 }
                        var nameStart = nameEnd
                        while nameStart > 0, isName(characters[nameStart - 1]) { nameStart -= 1 }
                        let name = String(characters[nameStart..<nameEnd])
                        if case .function(let function)? = global(name) {
                            for parameter in function.parameters where parameter.name.hasPrefix(word) {
                                candidates.insert(parameter.name + ":")
                            }
                        }
                    }
                    break
                }
                depth -= 1
            }
            index -= 1
        }
        return candidates.sorted()
    }
}
