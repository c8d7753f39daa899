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
        if let call = Engine.openCall(in: Array(characters[..<start])),
           case .function(let function)? = global(call.name) {
            for parameter in function.parameters where parameter.name.hasPrefix(word) {
                candidates.insert(parameter.name + ":")
            }
        }
        return candidates.sorted()
    }

    /// The innermost call whose parentheses are still open at the end of `text` (the text before the
    /// cursor): for completing argument labels and for signature help. Nil outside any call.
    public static func openCall(in text: [Character]) -> OpenCall? {
        func isName(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        var depth = 0
        var commas = 0
        var argumentStart = text.count
        var index = text.count - 1
        while index >= 0 {
            let c = text[index]
            if c == ")" || c == "]" || c == "}" { depth += 1 }
            if c == "," && depth == 0 {
                if commas == 0 { argumentStart = index + 1 }
                commas += 1
            }
            if c == "(" || c == "[" || c == "{" {
                if depth > 0 {
                    depth -= 1
                } else {
                    guard c == "(" else { return nil }
                    if commas == 0 { argumentStart = index + 1 }
                    var nameEnd = index
                    while nameEnd > 0, text[nameEnd - 1] == " " { nameEnd -= 1 }
                    var nameStart = nameEnd
                    while nameStart > 0, isName(text[nameStart - 1]) { nameStart -= 1 }
                    guard nameStart < nameEnd else { return nil }
                    // `label:` at the start of the argument being typed.
                    let argument = String(text[argumentStart...]).drop { $0 == " " }
                    let label = argument.prefix { isName($0) }
                    let afterLabel = argument.dropFirst(label.count).drop { $0 == " " }
                    return OpenCall(name: String(text[nameStart..<nameEnd]), argumentIndex: commas,
                                    label: !label.isEmpty && afterLabel.first == ":" ? String(label) : nil)
                }
            }
            index -= 1
        }
        return nil
    }
}

/// A call being typed: `dae(hidden: 10, sig` is the argument at index 1 of `dae`, not yet labelled.
public struct OpenCall: Equatable {
    public let name: String
    /// How many arguments come before the one being typed.
    public let argumentIndex: Int
    /// The label of the argument being typed, once its `:` is written.
    public let label: String?

    public init(name: String, argumentIndex: Int, label: String?) {
        self.name = name
        self.argumentIndex = argumentIndex
        self.label = label
    }
}
