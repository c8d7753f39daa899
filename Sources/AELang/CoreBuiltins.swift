import Foundation

/// The builtins of the language itself: output, conversion, containers, checks, timing, seeding.
/// Math builtins live in `MathBuiltins.swift`.
extension Engine {
    func coreBuiltins() -> [Function] {
        let output = context
        let language: [Function] = [
            Function(name: "print", parameters: [Parameter("values", variadic: true)],
                     doc: """
                     print(values...): writes the values separated by spaces, then a newline.
                     Strings print without quotes; everything else as the REPL shows it.

                         print("loss", 0.25)    # loss 0.25
                     """) { args in
                let items = try args.list("values")
                output.write(items.map { AELang.describe($0, quoted: false) }.joined(separator: " ") + "\n")
                return .nil
            },
            Function(name: "len", parameters: [Parameter("x")],
                     doc: """
                     len(x): the number of elements of a list, characters of a string, fields of a record,
                     or rows of a dataset.

                         len([1, 2, 3])    # 3
                     """) { args in
                switch args["x"] {
                case .list(let items): return .number(Double(items.count))
                case .numbers(let xs): return .number(Double(xs.count))
                case .string(let s): return .number(Double(s.count))
                case .record(let r): return .number(Double(r.count))
                case .object(let o):
                    if let count = o.count { return .number(Double(count)) }
                    fallthrough
                default:
                    throw args.mismatch("x", expected: "a list, string or record")
                }
            },
            Function(name: "range", parameters: RangeBounds.parameters,
                     doc: """
                     range(stop), range(start, stop), range(start, stop, step): the numbers from start
                     (default 0) up to, not including, stop. In `for i in range(n)` no list is built.

                         range(3)          # [0, 1, 2]
                         range(1, 10, 4)   # [1, 5, 9]
                     """) { [options] args in
                let (start, stop, step) = try RangeBounds.bounds(args.values)
                let count = RangeBounds.count(start, stop, step)
                guard count <= Double(options.maxElements) else {
                    throw NativeError("range(): \(formatNumber(count)) elements exceed the size limit (\(options.maxElements))")
                }
                return count == 0 ? .list([]) : .numbers((0..<Int(count)).map { start + Double($0) * step })
            },
            Function(name: "type", parameters: [Parameter("x")],
                     doc: """
                     type(x): the name of x's type: "nil", "bool", "number", "string", "list", "record",
                     "function", or a host type such as "Dataset".

                         type([1])    # "list"
                     """) { args in .string(args["x"].typeName) },
            Function(name: "str", parameters: [Parameter("x")],
                     doc: """
                     str(x): x as text, as print shows it.

                         str(0.5) + "!"    # "0.5!"
                     """) { args in .string(AELang.describe(args["x"], quoted: false)) },
            Function(name: "num", parameters: [Parameter("x")],
                     doc: """
                     num(x): a number from a string ("2.5", "1e-3", "inf"), a bool (1 or 0) or a number.

                         num("2.5") * 2    # 5
                     """) { args in
                switch args["x"] {
                case .number(let x): return .number(x)
                case .bool(let b): return .number(b ? 1 : 0)
                case .string(let s):
                    let text = s.trimmingCharacters(in: .whitespaces)
                    if let x = Double(text) { return .number(x) }
                    throw NativeError("num(): cannot read \(quote(s)) as a number", argument: "x")
                default:
                    throw args.mismatch("x", expected: "a string, bool or number")
                }
            },
            Function(name: "help", parameters: [Parameter("topic", default: .nil)],
                     doc: """
                     help(f) or help("name"): prints the documentation of a function. help() lists the
                     functions, grouped by area (language, math, data, models, densities, sampling,
                     plots ...). In the REPL, ?name does the same.

                         help(range)
                     """) { [unowned self] args in
                let text: String
                switch args["topic"] {
                case .nil:
                    text = helpIndex()
                case .function(let function):
                    text = Engine.doc(of: function)
                case .string(let name):
                    guard let doc = help(name) else {
                        throw NativeError("help(): no function named '\(name)'", argument: "topic",
                                          hint: didYouMean(name, among: globalNames))
                    }
                    text = doc
                default:
                    throw args.mismatch("topic", expected: "a function or a name")
                }
                output.write(text + (text.hasSuffix("\n") ? "" : "\n"))
                return .nil
            },
            Function(name: "assert", parameters: [Parameter("condition"), Parameter("message", default: .nil)],
                     doc: """
                     assert(condition, message): stops with an error when condition is false or nil.

                         assert(len(xs) > 0, "xs is empty")
                     """) { args in
                if args["condition"].isTruthy { return .nil }
                if case .string(let message) = args["message"] {
                    throw NativeError("assertion failed: \(message)")
                }
                throw NativeError("assertion failed")
            },
            Function(name: "error", parameters: [Parameter("message")],
                     doc: """
                     error(message): stops the script with a runtime error.

                         if n < 0 { error("n must be >= 0") }
                     """) { args in
                throw NativeError(AELang.describe(args["message"], quoted: false))
            },
            Function(name: "time", parameters: [Parameter("f")],
                     doc: """
                     time(f): calls f() and returns the seconds it took.

                         time(fn() fib(25))    # 0.02
                     """) { args in
                let f = try args.function("f")
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try args.context.call(f, [])
                return .number(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            },
        ]
        for function in language { function.topic = "language" }
        // These read any value through `describe`, `typeName` or a length, which know packed lists
        // (`time` drops its function's result).
        for function in language where ["print", "len", "type", "str", "time"].contains(function.name) {
            function.acceptsPackedLists = true
        }
        return language + Engine.library
    }

    /// The core library's builtins: they keep no per-engine state, so every engine shares one set,
    /// made once (their topics and flags are never changed afterwards). In the order `help()` lists
    /// their topics.
    private static let library: [Function] = {
        let math = MathBuiltins.functions
        // Math and array builtins read their arrays through NumericArray, which takes either form.
        for function in math { function.acceptsPackedLists = true }
        let groups: [(topic: String, functions: [Function])] = [
            ("lists", ListBuiltins.functions),
            ("strings", StringBuiltins.functions),
            ("records", RecordBuiltins.functions),
            ("math", math),
            ("arrays", ArrayBuiltins.functions),
        ]
        for (topic, functions) in groups {
            // They read lists of either form, and return lists of numbers packed.
            for function in functions {
                function.topic = topic
                function.acceptsPackedLists = true
            }
        }
        return groups.flatMap(\.functions)
    }()

    /// The text of `help()`: the functions in scope grouped by `Function.topic`, topics in the order
    /// their first builtin was registered, then the functions written in ae.
    func helpIndex() -> String {
        var groups: [String: [String]] = [:]
        var written: [String] = []
        for name in globalNames {
            guard case .function(let function)? = global(name) else { continue }
            if !function.isNative { written.append(name); continue }
            groups[function.topic ?? "other", default: []].append(name)
        }
        let known = topicOrder.filter { groups[$0] != nil }
        let rest = groups.keys.filter { !topicOrder.contains($0) }.sorted()
        var lines: [(String, [String])] = (known + rest).map { ($0, groups[$0]!.sorted()) }
        if !written.isEmpty { lines.append(("written in ae", written.sorted())) }
        let labelWidth = (lines.map { $0.0.count }.max() ?? 0) + 2
        var text = ""
        for (topic, names) in lines {
            var line = (topic + ":").padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            var lineHasName = false
            for (i, name) in names.enumerated() {
                let item = name + (i < names.count - 1 ? "," : "")
                if lineHasName && line.count + 1 + item.count > 100 {
                    text += line + "\n"
                    line = String(repeating: " ", count: labelWidth)
                    lineHasName = false
                }
                line += (lineHasName ? " " : "") + item
                lineHasName = true
            }
            text += line + "\n"
        }
        return text + "type help(name) for one of them; the language is described in docs/language.md"
    }
}
