/// The string functions of the core library: split join upper lower replace trim starts_with
/// ends_with find repeat pad. Strings are indexed by character, as `s[i]` and `len(s)` count them;
/// every function returns a new string.
enum StringBuiltins {
    static var functions: [Function] {
        [split, join, upper, lower, replace, trim, startsWith, endsWith, find, repeatFunction, pad]
    }

    static var split: Function {
        Function(name: "split", parameters: [Parameter("s"), Parameter("sep", default: .nil)],
                 doc: """
                 split(s, sep: nil): the parts of s between the occurrences of sep, as a list of strings
                 (two adjacent seps give an empty part). Without sep, s is split at runs of white space
                 and has no empty parts (as in Python); with sep "", the parts are the characters.

                     split("a,b,,c", ",")         # ["a", "b", "", "c"]
                     split("  one two\\n three ")  # ["one", "two", "three"]
                 """) { args in
            let s = try args.string("s")
            let parts: [Substring]
            switch args["sep"] {
            case .nil:
                parts = s.split(whereSeparator: \.isWhitespace)
            case .string(let sep) where sep.isEmpty:
                return .list(s.map { .string(String($0)) })
            case .string(let sep):
                parts = s.split(separator: sep, omittingEmptySubsequences: false)
            default:
                throw args.mismatch("sep", expected: "a string")
            }
            return .list(parts.map { .string(String($0)) })
        }
    }

    static var join: Function {
        Function(name: "join", parameters: [Parameter("xs"), Parameter("sep", default: .string(""))],
                 doc: """
                 join(xs, sep: ""): the elements of the list xs as one string, with sep between them.
                 Elements that are not strings are written as str() writes them.

                     join(["a", "b", "c"], ", ")    # "a, b, c"
                     join([1, 2.5], "-")            # "1-2.5"
                 """) { args in
            let items = try args.list("xs")
            let sep = try args.string("sep")
            let limit = args.context.options.maxElements
            let sepCount = sep.count
            var text = ""
            var length = 0
            var check = InterruptCheck(args.context)
            for (i, item) in items.enumerated() {
                let part: String
                if case .string(let s) = item { part = s } else { part = describe(item, quoted: false) }
                length += part.count + (i > 0 ? sepCount : 0)
                if length > limit { try args.checkSize(length, of: "string") }
                if i > 0 { text += sep }
                text += part
                try check.step(part.utf8.count)
            }
            return .string(text)
        }
    }

    static var upper: Function {
        Function(name: "upper", parameters: [Parameter("s")],
                 doc: """
                 upper(s): s in capital letters (all of Unicode: "ß" becomes "SS").

                     upper("Spiral 2")    # "SPIRAL 2"
                 """) { args in .string(try args.string("s").uppercased()) }
    }

    static var lower: Function {
        Function(name: "lower", parameters: [Parameter("s")],
                 doc: """
                 lower(s): s in small letters.

                     lower("DAE")    # "dae"
                 """) { args in .string(try args.string("s").lowercased()) }
    }

    static var replace: Function {
        Function(name: "replace", parameters: [Parameter("s"), Parameter("old"), Parameter("new")],
                 doc: """
                 replace(s, old, new): s with every occurrence of old (from the left, not overlapping)
                 replaced by new.

                     replace("a-b-c", "-", "+")    # "a+b+c"
                 """) { args in
            let s = try args.string("s")
            let old = try args.string("old")
            let new = try args.string("new")
            guard !old.isEmpty else {
                throw NativeError("replace(): old must not be empty", argument: "old")
            }
            let found = s.ranges(of: old)
            let (added, overflow) = found.count.multipliedReportingOverflow(by: new.count)
            try args.checkSize(overflow ? Int.max : s.count - found.count * old.count + added, of: "string")
            var text = ""
            var start = s.startIndex
            for range in found {
                text += s[start..<range.lowerBound]
                text += new
                start = range.upperBound
            }
            text += s[start...]
            return .string(text)
        }
    }

    static var trim: Function {
        Function(name: "trim", parameters: [Parameter("s")],
                 doc: """
                 trim(s): s without the white space (spaces, tabs, newlines) at its start and end.

                     trim("  spiral \\n")    # "spiral"
                 """) { args in
            let s = try args.string("s")
            guard let first = s.firstIndex(where: { !$0.isWhitespace }),
                  let last = s.lastIndex(where: { !$0.isWhitespace }) else { return .string("") }
            return .string(String(s[first...last]))
        }
    }

    static var startsWith: Function {
        Function(name: "starts_with", parameters: [Parameter("s"), Parameter("prefix")],
                 doc: """
                 starts_with(s, prefix): whether s begins with prefix (always, for prefix "").

                     starts_with("spiral.csv", "spi")    # true
                 """) { args in .bool(try args.string("s").hasPrefix(try args.string("prefix"))) }
    }

    static var endsWith: Function {
        Function(name: "ends_with", parameters: [Parameter("s"), Parameter("suffix")],
                 doc: """
                 ends_with(s, suffix): whether s ends with suffix (always, for suffix "").

                     ends_with("spiral.csv", ".csv")    # true
                 """) { args in .bool(try args.string("s").hasSuffix(try args.string("suffix"))) }
    }

    static var find: Function {
        Function(name: "find", parameters: [Parameter("s"), Parameter("sub")],
                 doc: """
                 find(s, sub): the index (in characters, as s[i] counts) where sub first occurs in s, or
                 -1 when it does not; 0 for sub "".

                     find("spiral", "ra")    # 3
                     find("spiral", "x")     # -1
                 """) { args in
            let s = try args.string("s")
            let sub = try args.string("sub")
            guard let range = s.firstRange(of: sub) else { return .number(-1) }
            return .number(Double(s.distance(from: s.startIndex, to: range.lowerBound)))
        }
    }

    static var repeatFunction: Function {
        Function(name: "repeat", parameters: [Parameter("s"), Parameter("n")],
                 doc: """
                 repeat(s, n): the string s written n times in a row ("" for n = 0); of a list, its
                 elements n times over.

                     repeat("ab", 3)    # "ababab"
                     repeat([0], 4)     # [0, 0, 0, 0]
                 """) { args in
            let n = try args.int("n", in: 0...Int.max)
            switch args["s"] {
            case .string(let s) where s.isEmpty:
                return .string("")
            case let list where list.listCount == 0:
                return .list([])
            case .numbers(let xs):
                let out = try repeated(xs, n, args)
                return out.isEmpty ? .list([]) : .numbers(out)
            case .string(let s):
                let (count, overflow) = s.count.multipliedReportingOverflow(by: n)
                try args.checkSize(overflow ? Int.max : count, of: "string", argument: "n")
                return .string(String(repeating: s, count: n))
            case .list(let items):
                return .list(try repeated(items, n, args))
            default:
                throw args.mismatch("s", expected: "a string or a list")
            }
        }
    }

    /// The elements of a list n times over, refused before it is built when too large.
    private static func repeated<Element>(_ items: [Element], _ n: Int, _ args: Arguments) throws -> [Element] {
        let (count, overflow) = items.count.multipliedReportingOverflow(by: n)
        try args.checkSize(overflow ? Int.max : count, of: "list", argument: "n")
        var out = [Element]()
        out.reserveCapacity(count)
        var check = InterruptCheck(args.context)
        for _ in 0..<n {
            out.append(contentsOf: items)
            try check.step(items.count)
        }
        return out
    }

    static var pad: Function {
        Function(name: "pad", parameters: [Parameter("s"), Parameter("width"),
                                           Parameter("align", default: .string("right")),
                                           Parameter("fill", default: .string(" "))],
                 doc: """
                 pad(s, width, align: "right", fill: " "): s as text (a number as str() writes it),
                 filled with fill to width characters: aligned "right" (fill before), "left" (after) or
                 "center" (the odd one after). Longer text is never cut.

                     pad(42, 5) + "|"                 # "   42|"
                     pad("ab", 6, align: "center", fill: "*")    # "**ab**"
                 """) { args in
            let text: String
            if case .string(let s) = args["s"] { text = s } else { text = describe(args["s"], quoted: false) }
            let width = try args.int("width", in: 0...Int.max)
            let align = try args.choice("align", ["right", "left", "center"])
            let fill = try args.string("fill")
            guard fill.count == 1 else {
                throw NativeError("pad(): fill must be one character, got \(quote(fill))", argument: "fill")
            }
            try args.checkSize(width, of: "string", argument: "width")
            let missing = Swift.max(0, width - text.count)
            let before = align == "right" ? missing : (align == "left" ? 0 : missing / 2)
            return .string(String(repeating: fill, count: before) + text
                           + String(repeating: fill, count: missing - before))
        }
    }
}
