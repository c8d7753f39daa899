/// A recursive-descent parser with panic-mode recovery: after an error it skips to the end of the
/// statement and goes on, so one run reports up to 20 errors. Nesting deeper than
/// `EngineOptions.maxNesting` is an error, never a stack overflow.
struct Parser {
    private var tokens: [Token]
    private var position = 0
    private let file: SourceFile
    private let maxNesting: Int
    private var depth = 0
    /// Greater than zero inside parentheses and brackets, where newlines do not end anything.
    private var newlinesIgnored = 0
    private(set) var errors: [ScriptError] = []
    static let maxErrors = 20

    private struct Failure: Error {}
    /// Thrown when parsing cannot usefully go on (too many errors, nesting limit).
    private struct Abort: Error {}

    init(tokens: [Token], file: SourceFile, maxNesting: Int) {
        self.tokens = tokens
        self.file = file
        self.maxNesting = maxNesting
    }

    /// Parses a whole file. Check `errors` afterwards.
    mutating func parseProgram() -> [Node] {
        var nodes: [Node] = []
        do {
            try parseStatements(into: &nodes, until: .eof)
        } catch {}
        return nodes
    }

    // MARK: Token access

    private mutating func peek() -> Token {
        if newlinesIgnored > 0 {
            while tokens[position].kind == .newline { position += 1 }
        }
        return tokens[position]
    }

    private mutating func check(_ kind: TokenKind) -> Bool { peek().kind == kind }

    @discardableResult
    private mutating func advance() -> Token {
        let token = peek()
        if token.kind != .eof { position += 1 }
        return token
    }

    private mutating func match(_ kind: TokenKind) -> Bool {
        if check(kind) { advance(); return true }
        return false
    }

    private mutating func skipNewlines() {
        while tokens[position].kind == .newline { position += 1 }
    }

    @discardableResult
    private mutating func expect(_ kind: TokenKind, _ message: String) throws -> Token {
        if check(kind) { return advance() }
        throw unexpected(message)
    }

    /// The error for the current token: its own message when the lexer rejected it.
    private mutating func unexpected(_ message: String) -> Error {
        let token = peek()
        if token.kind == .error { return fail(token.text, at: token.location) }
        return fail(message + ", found \(describe(token))", at: token.location)
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .newline: return "end of line"
        case .eof: return "end of input"
        case .string: return "a string"
        case .number: return "number \(token.text)"
        case .name: return "'\(token.text)'"
        default: return "'\(token.text)'"
        }
    }

    private mutating func fail(_ message: String, at location: SourceLocation, hint: String? = nil) -> Error {
        record(ScriptError(kind: .syntax, message: message, file: file, location: location, hint: hint))
        return Failure()
    }

    private mutating func record(_ error: ScriptError) {
        if errors.count < Parser.maxErrors { errors.append(error) }
    }

    private mutating func enter(_ location: SourceLocation) throws {
        depth += 1
        if depth > maxNesting {
            record(ScriptError(kind: .syntax, message: "nesting too deep (more than \(maxNesting) levels)",
                               file: file, location: location,
                               hint: "split the expression, or raise the limit (EngineOptions.maxNesting)"))
            throw Abort()
        }
    }

    private mutating func leave() { depth -= 1 }

    // MARK: Statements

    private mutating func parseStatements(into nodes: inout [Node], until end: TokenKind) throws {
        let savedIgnore = newlinesIgnored
        newlinesIgnored = 0
        defer { newlinesIgnored = savedIgnore }
        while true {
            while tokens[position].kind == .newline || tokens[position].kind == .semicolon { position += 1 }
            let token = peek()
            if token.kind == end || token.kind == .eof { return }
            let savedDepth = depth
            do {
                nodes.append(try parseStatement())
                let next = peek().kind
                if next == .newline || next == .semicolon {
                    advance()
                } else if next != end && next != .eof {
                    throw unexpected("expected end of line or ';' after the statement")
                }
            } catch is Failure {
                if errors.count >= Parser.maxErrors { throw Abort() }
                depth = savedDepth
                synchronize(end: end)
            }
        }
    }

    /// Panic mode: skip to the end of the current statement, keeping bracket balance.
    private mutating func synchronize(end: TokenKind) {
        newlinesIgnored = 0
        var balance = 0
        while true {
            let kind = tokens[position].kind
            switch kind {
            case .eof: return
            case .newline, .semicolon:
                if balance <= 0 { position += 1; return }
            // Only braces: blocks span lines, while an unclosed '(' or '[' is a likely cause of the error.
            case .leftBrace: balance += 1
            case .rightBrace:
                if balance == 0 && kind == end { return }
                balance -= 1
            default: break
            }
            position += 1
        }
    }

    private mutating func parseStatement() throws -> Node {
        let token = peek()
        switch token.kind {
        case .kwFn:
            if tokens[position + 1].kind == .name {
                advance()
                let nameToken = advance()
                let function = try parseFunctionRest(name: nameToken.text, location: nameToken.location)
                function.doc = docComment(above: token.location.line)
                return .functionDeclaration(NameRef(nameToken.text, nameToken.location), function)
            }
        case .kwFor:
            advance()
            let nameToken = try expect(.name, "expected a variable name after 'for'")
            try expect(.kwIn, "expected 'in' after the loop variable")
            let sequence = try parseExpression()
            let body = try parseBlock("the 'for' loop's body")
            return .forIn(NameRef(nameToken.text, nameToken.location), sequence, body, token.location)
        case .kwElse:
            // An `else` starting a statement belongs to no `if`. In the REPL this is what typing
            // `else` on the line after an if's closing brace does: that brace ended the entry.
            throw fail("'else' without an 'if' before it", at: token.location,
                       hint: "an 'else' follows an if's closing '}' (in the REPL, on the same line: '} else {')")
        case .kwWhile:
            advance()
            let condition = try parseExpression()
            let body = try parseBlock("the 'while' loop's body")
            return .whileLoop(condition, body, token.location)
        case .kwBreak:
            advance()
            return .breakLoop(token.location)
        case .kwContinue:
            advance()
            return .continueLoop(token.location)
        case .kwReturn:
            advance()
            let next = peek().kind
            if next == .newline || next == .semicolon || next == .rightBrace || next == .eof {
                return .returnValue(nil, token.location)
            }
            return .returnValue(try parseExpression(), token.location)
        case .kwImport:
            advance()
            let nameToken = try expect(.string, "expected a module name in quotes after 'import'")
            guard nameToken.parts.count == 1, case .text(let name) = nameToken.parts[0] else {
                throw fail("the module name must be a plain string", at: nameToken.location)
            }
            return .importModule(ModuleRef(name: name, location: nameToken.location))
        default:
            break
        }
        let expression = try parseExpression()
        if check(.assign) {
            let assignToken = advance()
            skipNewlines()
            switch expression {
            case .name, .index, .subscripts, .attribute: break
            default:
                throw fail("cannot assign to this expression", at: expression.location,
                           hint: "the left of '=' must be a name, an element xs[i], a slice xs[a:b] or a field r.name")
            }
            let value = try parseExpression()
            return .assign(expression, value, assignToken.location)
        }
        return expression
    }

    private func docComment(above line: Int) -> String? {
        var lines: [String] = []
        var current = line - 1
        while let text = file.comments[current] {
            lines.insert(text, at: 0)
            current -= 1
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    private mutating func parseBlock(_ what: String) throws -> [Node] {
        let open = try expect(.leftBrace, "expected '{' to start \(what)")
        try enter(open.location)
        defer { leave() }
        var nodes: [Node] = []
        try parseStatements(into: &nodes, until: .rightBrace)
        guard tokens[position].kind == .rightBrace else {
            throw fail("expected '}' to close the block opened at line \(open.location.line)", at: peek().location)
        }
        position += 1
        return nodes
    }

    private mutating func parseFunctionRest(name: String?, location: SourceLocation) throws -> FunctionNode {
        try expect(.leftParen, "expected '(' to start the parameter list")
        newlinesIgnored += 1
        var parameters: [ParameterNode] = []
        if !check(.rightParen) {
            repeat {
                if check(.rightParen) { break }
                let p = try expect(.name, "expected a parameter name")
                if parameters.contains(where: { $0.name == p.text }) {
                    throw fail("duplicate parameter '\(p.text)'", at: p.location)
                }
                var defaultValue: Node?
                if match(.colon) {
                    defaultValue = try parseExpression()
                } else if let last = parameters.last, last.defaultValue != nil {
                    throw fail("parameter '\(p.text)' needs a default because the one before it has one",
                               at: p.location)
                }
                parameters.append(ParameterNode(name: p.text, location: p.location, defaultValue: defaultValue))
            } while match(.comma)
        }
        try expect(.rightParen, "expected ')' after the parameters")
        newlinesIgnored -= 1
        let body: [Node]
        if check(.leftBrace) {
            body = try parseBlock("the function's body")
        } else if name == nil {
            let saved = newlinesIgnored
            newlinesIgnored = 0
            defer { newlinesIgnored = saved }
            body = [try parseExpression()]
        } else {
            throw fail("expected '{' to start the body of '\(name!)'", at: peek().location)
        }
        let function = FunctionNode(name: name, parameters: parameters, body: body, location: location)
        function.endLine = tokens[max(position - 1, 0)].location.line
        return function
    }

    // MARK: Expressions

    mutating func parseExpression() throws -> Node {
        try parseOr()
    }

    private mutating func parseOr() throws -> Node {
        var left = try parseAnd()
        while check(.kwOr) {
            let op = advance()
            skipNewlines()
            left = .binary(.or, left, try parseAnd(), op.location)
        }
        return left
    }

    private mutating func parseAnd() throws -> Node {
        var left = try parseNot()
        while check(.kwAnd) {
            let op = advance()
            skipNewlines()
            left = .binary(.and, left, try parseNot(), op.location)
        }
        return left
    }

    private mutating func parseNot() throws -> Node {
        if check(.kwNot) {
            let op = advance()
            try enter(op.location)
            defer { leave() }
            skipNewlines()
            return .unary(.not, try parseNot(), op.location)
        }
        return try parseComparison()
    }

    private static let comparisons: [TokenKind: BinaryOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
        .greater: .greater, .greaterEqual: .greaterEqual,
    ]

    /// Comparisons, and membership: `x in xs`, `x not in xs`.
    private mutating func parseComparison() throws -> Node {
        var left = try parseAdditive()
        while true {
            if let op = Parser.comparisons[peek().kind] {
                let token = advance()
                skipNewlines()
                left = .binary(op, left, try parseAdditive(), token.location)
            } else if check(.kwIn) {
                let token = advance()
                skipNewlines()
                left = .binary(.contains, left, try parseAdditive(), token.location)
            } else if check(.kwNot), tokens[position + 1].kind == .kwIn {
                let token = advance()
                var location = advance().location
                location.length += location.column - token.location.column
                location.column = token.location.column
                skipNewlines()
                left = .unary(.not, .binary(.contains, left, try parseAdditive(), location), location)
            } else {
                return left
            }
        }
    }

    private mutating func parseAdditive() throws -> Node {
        var left = try parseMultiplicative()
        while check(.plus) || check(.minus) || check(.plusPlus) {
            let token = advance()
            skipNewlines()
            let op: BinaryOperator = token.kind == .plus ? .add : token.kind == .minus ? .subtract : .concatenate
            left = .binary(op, left, try parseMultiplicative(), token.location)
        }
        return left
    }

    private mutating func parseMultiplicative() throws -> Node {
        var left = try parseUnary()
        while check(.star) || check(.slash) || check(.percent) || check(.at) {
            let token = advance()
            skipNewlines()
            let op: BinaryOperator = switch token.kind {
            case .star: .multiply
            case .slash: .divide
            case .percent: .modulo
            default: .matrixProduct
            }
            left = .binary(op, left, try parseUnary(), token.location)
        }
        return left
    }

    private mutating func parseUnary() throws -> Node {
        if check(.minus) {
            let op = advance()
            try enter(op.location)
            defer { leave() }
            skipNewlines()
            let operand = try parseUnary()
            if case .number(let x, var l) = operand, l.line == op.location.line {
                l.length += l.column - op.location.column
                l.column = op.location.column
                return .number(-x, l)
            }
            return .unary(.negate, operand, op.location)
        }
        return try parsePower()
    }

    /// `^` binds tighter than unary minus on its left (-2^2 is -4) and is right-associative.
    private mutating func parsePower() throws -> Node {
        let base = try parsePostfix()
        if check(.caret) {
            let op = advance()
            skipNewlines()
            try enter(op.location)
            defer { leave() }
            return .binary(.power, base, try parseUnary(), op.location)
        }
        return base
    }

    private mutating func parsePostfix() throws -> Node {
        var node = try parsePrimary()
        while true {
            if check(.leftParen) {
                let open = advance()
                try enter(open.location)
                newlinesIgnored += 1
                var arguments: [Argument] = []
                var seenLabel = false
                while !check(.rightParen) {
                    let start = peek()
                    if start.kind == .name, tokens[position + 1].kind == .colon {
                        advance(); advance()
                        if arguments.contains(where: { $0.label == start.text }) {
                            throw fail("argument '\(start.text)' given twice", at: start.location)
                        }
                        arguments.append(Argument(label: start.text, location: start.location,
                                                  value: try parseExpression()))
                        seenLabel = true
                    } else {
                        let value = try parseExpression()
                        if seenLabel {
                            throw fail("a positional argument cannot follow a named one", at: span(from: start))
                        }
                        arguments.append(Argument(label: nil, location: span(from: start), value: value))
                    }
                    if !match(.comma) { break }
                }
                try expect(.rightParen, "expected ')' after the arguments")
                newlinesIgnored -= 1
                leave()
                node = .call(node, arguments, calleeLocation(node, open))
            } else if check(.leftBracket) {
                let open = advance()
                try enter(open.location)
                newlinesIgnored += 1
                var subscripts = [try parseSubscript()]
                while match(.comma) {
                    if subscripts.count == 2 {
                        throw fail("at most two indices, a row's and a column's", at: peek().location,
                                   hint: "d[i, j] is one number, d[:, j] a column")
                    }
                    subscripts.append(try parseSubscript())
                }
                try expect(.rightBracket, subscripts.count == 1 ? "expected ']' after the index" : "expected ']' after the indices")
                newlinesIgnored -= 1
                leave()
                if subscripts.count == 1, case .index(let index) = subscripts[0] {
                    node = .index(node, index, open.location)
                } else {
                    node = .subscripts(node, subscripts, open.location)
                }
            } else if check(.dot) {
                advance()
                skipNewlines()
                let name = try expect(.name, "expected a field name after '.'")
                node = .attribute(node, name.text, name.location)
            } else {
                return node
            }
        }
    }

    /// One entry inside brackets: `i`, or a slice `start:stop:step` with any part left out.
    private mutating func parseSubscript() throws -> SubscriptNode {
        func partFollows() -> Bool { !check(.colon) && !check(.comma) && !check(.rightBracket) }
        let start = check(.colon) ? nil : try parseExpression()
        guard match(.colon) else { return .index(start!) }
        let stop = partFollows() ? try parseExpression() : nil
        guard match(.colon) else { return .slice(start: start, stop: stop, step: nil) }
        let step = partFollows() ? try parseExpression() : nil
        return .slice(start: start, stop: stop, step: step)
    }

    /// The `for x in xs if c ...` clauses of a comprehension, after its element.
    private mutating func parseComprehensionClauses() throws -> [ComprehensionNode.Clause] {
        var clauses: [ComprehensionNode.Clause] = []
        while true {
            if check(.kwFor) {
                let token = advance()
                let name = try expect(.name, "expected a variable name after 'for'")
                try expect(.kwIn, "expected 'in' after the loop variable")
                clauses.append(.forIn(NameRef(name.text, name.location), try parseExpression(), token.location))
            } else if check(.kwIf) {
                advance()
                clauses.append(.condition(try parseExpression()))
            } else {
                return clauses
            }
        }
    }

    private func calleeLocation(_ callee: Node, _ open: Token) -> SourceLocation {
        switch callee {
        case .name(let ref): return ref.location
        case .attribute(_, _, let l): return l
        default: return open.location
        }
    }

    /// The span from `start` to the end of the previous token, when on one line.
    private func span(from start: Token) -> SourceLocation {
        var end = position - 1
        while end > 0, tokens[end].kind == .newline { end -= 1 }
        let last = tokens[max(end, 0)].location
        var location = start.location
        if last.line == location.line, last.column >= location.column {
            location.length = last.column + last.length - location.column
        }
        return location
    }

    private mutating func parsePrimary() throws -> Node {
        let token = peek()
        switch token.kind {
        case .number:
            advance()
            return .number(token.number, token.location)
        case .string:
            advance()
            return try parseString(token)
        case .kwTrue: advance(); return .bool(true, token.location)
        case .kwFalse: advance(); return .bool(false, token.location)
        case .kwNil: advance(); return .nil(token.location)
        case .name:
            advance()
            return .name(NameRef(token.text, token.location))
        case .leftParen:
            advance()
            try enter(token.location)
            defer { leave() }
            newlinesIgnored += 1
            let inner = try parseExpression()
            try expect(.rightParen, "expected ')' to close the '(' at line \(token.location.line)")
            newlinesIgnored -= 1
            return inner
        case .leftBracket:
            advance()
            try enter(token.location)
            defer { leave() }
            newlinesIgnored += 1
            var items: [Node] = []
            while !check(.rightBracket) {
                items.append(try parseExpression())
                if items.count == 1, check(.kwFor) {
                    let clauses = try parseComprehensionClauses()
                    try expect(.rightBracket, "expected ']' to close the comprehension")
                    newlinesIgnored -= 1
                    return .comprehension(ComprehensionNode(element: items[0], key: nil, clauses: clauses,
                                                            location: token.location))
                }
                if !match(.comma) { break }
            }
            try expect(.rightBracket, "expected ']' to close the list")
            newlinesIgnored -= 1
            return .list(items, token.location)
        case .leftBrace:
            advance()
            try enter(token.location)
            defer { leave() }
            newlinesIgnored += 1
            var fields: [(key: String, value: Node)] = []
            while !check(.rightBrace) {
                let key = try expect(.name, "expected a field name in the record")
                try expect(.colon, "expected ':' after the field name '\(key.text)'")
                if fields.contains(where: { $0.key == key.text }) {
                    throw fail("field '\(key.text)' given twice", at: key.location)
                }
                fields.append((key.text, try parseExpression()))
                if fields.count == 1, check(.kwFor) {
                    let clauses = try parseComprehensionClauses()
                    try expect(.rightBrace, "expected '}' to close the comprehension")
                    newlinesIgnored -= 1
                    return .comprehension(ComprehensionNode(element: fields[0].value,
                                                            key: .name(NameRef(key.text, key.location)),
                                                            clauses: clauses, location: token.location))
                }
                if !match(.comma) { break }
            }
            try expect(.rightBrace, "expected '}' to close the record")
            newlinesIgnored -= 1
            return .record(fields, token.location)
        case .kwFn:
            advance()
            try enter(token.location)
            defer { leave() }
            return .function(try parseFunctionRest(name: nil, location: token.location))
        case .kwIf:
            return try parseIf()
        case .error:
            advance()
            throw fail(token.text, at: token.location)
        default:
            throw fail("expected an expression, found \(describe(token))", at: token.location)
        }
    }

    private mutating func parseIf() throws -> Node {
        let token = advance()
        try enter(token.location)
        defer { leave() }
        let condition = try parseExpression()
        let body = try parseBlock("the 'if' body")
        var elseBody: [Node]?
        var look = position
        while tokens[look].kind == .newline { look += 1 }
        if tokens[look].kind == .kwElse {
            position = look + 1
            if check(.kwIf) {
                elseBody = [try parseIf()]
            } else {
                elseBody = try parseBlock("the 'else' body")
            }
        }
        return .ifElse(condition, body, elseBody, token.location)
    }

    private mutating func parseString(_ token: Token) throws -> Node {
        var pieces: [Node.Piece] = []
        for part in token.parts {
            switch part {
            case .text(let text):
                pieces.append(.text(text))
            case .code(let code, let location):
                var lexer = Lexer(code, line: location.line, column: location.column)
                var sub = Parser(tokens: lexer.tokenize(), file: file, maxNesting: maxNesting - depth)
                sub.newlinesIgnored = 1
                if sub.check(.eof) {
                    throw fail("empty '{}' in string (write \\{ for a literal brace)", at: location)
                }
                do {
                    let node = try sub.parseExpression()
                    if !sub.check(.eof) {
                        _ = sub.fail("unexpected \(sub.describe(sub.peek())) in '{...}'", at: sub.peek().location)
                    }
                    if !sub.errors.isEmpty { throw Failure() }
                    pieces.append(.code(node))
                } catch {
                    for e in sub.errors { record(e) }
                    if error is Abort { throw Abort() }
                    throw Failure()
                }
            }
        }
        return .string(pieces, token.location)
    }
}
