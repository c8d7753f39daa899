/// How values print: round-trippable text (`3`, `0.1`, `[1, "a"]`, `{a: 1}`), host objects by their
/// summary, functions as `<fn name>`.
///
/// `quoted` decides whether a top-level string prints with quotes (the REPL's echo) or as is (`print`);
/// strings inside lists and records are always quoted.
func describe(_ value: Value, quoted: Bool) -> String {
    var text = ""
    describe(value, quoted: quoted, into: &text, depth: 0)
    return text
}

private func describe(_ value: Value, quoted: Bool, into text: inout String, depth: Int) {
    switch value {
    case .nil: text += "nil"
    case .bool(let b): text += b ? "true" : "false"
    case .number(let x): text += formatNumber(x)
    case .string(let s): text += quoted ? quote(s) : s
    case .list(let items):
        if depth > 100 { text += "[...]"; return }
        text += "["
        for (i, item) in items.enumerated() {
            if i > 0 { text += ", " }
            describe(item, quoted: true, into: &text, depth: depth + 1)
        }
        text += "]"
    case .numbers(let xs):
        text += "["
        for (i, x) in xs.enumerated() {
            if i > 0 { text += ", " }
            text += formatNumber(x)
        }
        text += "]"
    case .record(let record):
        if depth > 100 { text += "{...}"; return }
        text += "{"
        for i in 0..<record.count {
            if i > 0 { text += ", " }
            text += record.keys[i] + ": "
            describe(record.values[i], quoted: true, into: &text, depth: depth + 1)
        }
        text += "}"
    case .function(let f):
        text += f.name == "<fn>" ? "<fn>" : "<fn \(f.name)>"
    case .object(let object):
        text += object.summary
    }
}

/// A string literal that reads back as `s`.
func quote(_ s: String) -> String {
    var out = "\""
    for c in s {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        case "{": out += "\\{"
        case "}": out += "\\}"
        default: out.append(c)
        }
    }
    return out + "\""
}

extension String {
    /// "a number", "an object", "nil": a type name as a message reads it.
    var withArticle: String {
        if self == "nil" { return "nil" }
        return ("aeiouAEIOU".contains(first ?? "x") ? "an " : "a ") + self
    }
}
