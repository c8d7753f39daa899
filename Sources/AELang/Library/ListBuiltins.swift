/// The list functions of the core library: map filter reduce sort reversed zip enumerate any all count
/// unique flatten append insert remove.
///
/// Lists are values, so none of them changes its argument: each returns a new list, and a script
/// keeps it by assigning (`xs = append(xs, v)`). Those that walk elements take a string too (its
/// characters) or a Dataset (its rows, each a list of numbers); `filter`, `sort`, `reversed` and
/// `unique` return a value of the kind they were given, a Dataset for a Dataset.
enum ListBuiltins {
    static var functions: [Function] {
        [map, filter, reduce, sort, reversed, zip, enumerate, any, all, count, unique, flatten, append, insert, remove]
    }

    static var map: Function {
        Function(name: "map", parameters: [Parameter("xs"), Parameter("f")],
                 doc: """
                 map(xs, f): the list of f(x) for each element x of xs, in order. A string's elements are
                 its characters, a Dataset's its rows (lists of numbers); the result is a list in every case.

                     map([1, 2, 3], fn(x) x * x)    # [1, 4, 9]
                 """) { args in
            let xs = try args.elements("xs")
            var f = try args.callback("f", arity: 1, calls: "f(x) with each element")
            var out = [Value]()
            out.reserveCapacity(xs.count)
            for i in 0..<xs.count {
                let y = try f(xs[i])
                try args.checkNesting(y, under: 1)
                out.append(y)
            }
            return .packing(out)
        }
    }

    static var filter: Function {
        Function(name: "filter", parameters: [Parameter("xs"), Parameter("f")],
                 doc: """
                 filter(xs, f): the elements x of xs for which f(x) is true (neither false nor nil), in
                 order, as a value of the kind of xs: a list, a string (of the characters kept), or a
                 Dataset of the rows kept (possibly none).

                     filter([3, -1, 2], fn(x) x > 0)    # [3, 2]
                 """) { args in
            let xs = try args.elements("xs")
            var f = try args.callback("f", arity: 1, calls: "f(x) with each element")
            var kept = [Int]()
            for i in 0..<xs.count where try f(xs[i]).isTruthy { kept.append(i) }
            return xs.select(kept)
        }
    }

    static var reduce: Function {
        Function(name: "reduce", parameters: [Parameter("xs"), Parameter("f"), Parameter("init")],
                 doc: """
                 reduce(xs, f, init): folds xs from the left: starts from init and replaces it by
                 f(acc, x) for each element x in turn; init for an empty xs.

                     reduce([1, 2, 3], fn(acc, x) acc * 10 + x, 0)    # 123
                 """) { args in
            let xs = try args.elements("xs")
            var f = try args.callback("f", arity: 2, calls: "f(acc, x) with the result so far and each element")
            var acc = args["init"]
            for i in 0..<xs.count { acc = try f(acc, xs[i]) }
            return acc
        }
    }

    static var sort: Function {
        Function(name: "sort", parameters: [Parameter("xs"), Parameter("key", default: .nil),
                                            Parameter("reverse", default: .bool(false))],
                 doc: """
                 sort(xs, key: nil, reverse: false): the elements of xs in ascending order, as a new list
                 (a Dataset's rows, as a Dataset). They must be all numbers (nan after every number), all
                 strings, or all lists of them (compared element by element); a key function orders by
                 key(x) instead, calling it once per element. The sort is stable: equal elements keep
                 their order, also with reverse: true, which sorts in descending order.

                     sort([3, 1, 2])                            # [1, 2, 3]
                     sort(["bb", "a", "ccc"], key: len, reverse: true)    # ["ccc", "bb", "a"]
                 """) { args in
            let xs = try args.listOrRows("xs")
            let reverse = try args.bool("reverse")
            if !args.isNil("key") {
                var key = try args.callback("key", arity: 1, calls: "key(x) once with each element")
                var keys = [Value]()
                keys.reserveCapacity(xs.count)
                for i in 0..<xs.count { keys.append(try key(xs[i])) }
                return xs.select(try Sorting.order(of: keys, reverse: reverse, keyed: true))
            }
            switch xs.source {
            case .numbers(let numbers):
                return .numbers(Sorting.numbers(numbers, reverse: reverse))
            case .list(let items):
                guard let numbers = items.numbers, !numbers.isEmpty else {
                    return xs.select(try Sorting.order(of: items, reverse: reverse, keyed: false))
                }
                return .numbers(Sorting.numbers(numbers, reverse: reverse))
            case .matrix(let matrix, let numbers, let columns):
                if columns == 1 {
                    return matrix.make(rows: xs.count, columns: 1, elements: Sorting.numbers(numbers, reverse: reverse))
                }
                // Rows compare lexicographically.
                return xs.select(Sorting.order(xs.count, reverse: reverse) { i, j in
                    for k in 0..<columns {
                        let c = Sorting.compare(numbers[i * columns + k], numbers[j * columns + k])
                        if c != 0 { return c }
                    }
                    return 0
                })
            case .string:
                preconditionFailure("listOrRows excludes strings")
            }
        }
    }

    static var reversed: Function {
        Function(name: "reversed", parameters: [Parameter("xs")],
                 doc: """
                 reversed(xs): the elements of xs in reverse order, as a value of the kind of xs: a list,
                 a string, or a Dataset (its rows reversed).

                     reversed([1, 2, 3])    # [3, 2, 1]
                     reversed("abc")        # "cba"
                 """) { args in
            let xs = try args.elements("xs")
            return xs.select(Array((0..<xs.count).reversed()))
        }
    }

    static var zip: Function {
        Function(name: "zip", parameters: [Parameter("lists", variadic: true)],
                 doc: """
                 zip(lists...): the list of [a, b, ...] taking one element from each argument in turn,
                 as many as each has: they must all be of one length (unlike Python's zip, which stops
                 at the shortest). Strings give characters, Datasets rows.

                     zip([1, 2], ["a", "b"])    # [[1, "a"], [2, "b"]]
                 """) { args in
            let values = try args.list("lists")
            let lists = try values.enumerated().map { k, value in
                guard let elements = Elements(value) else {
                    throw NativeError("zip(): argument \(k) must be a list, string or Dataset, not \(value.typeName)",
                                      argument: "lists")
                }
                return elements
            }
            guard let first = lists.first else { return .list([]) }
            if let k = lists.firstIndex(where: { $0.count != first.count }) {
                throw NativeError("zip(): the arguments must be of one length: argument 0 has \(first.count) elements, argument \(k) has \(lists[k].count)",
                                  argument: "lists", hint: "zip pairs every element; shorten the longer one first")
            }
            var out = [Value]()
            out.reserveCapacity(first.count)
            for i in 0..<first.count {
                let tuple = lists.map { $0[i] }
                for element in tuple { try args.checkNesting(element, under: 2) }
                out.append(.packing(tuple))
            }
            return .list(out)
        }
    }

    static var enumerate: Function {
        Function(name: "enumerate", parameters: [Parameter("xs")],
                 doc: """
                 enumerate(xs): the list of [i, x] for each element x of xs and its index i, from 0.
                 Strings give characters, Datasets rows.

                     enumerate(["a", "b"])    # [[0, "a"], [1, "b"]]
                 """) { args in
            let xs = try args.elements("xs")
            var out = [Value]()
            out.reserveCapacity(xs.count)
            for i in 0..<xs.count {
                let x = xs[i]
                try args.checkNesting(x, under: 2)
                out.append(.packing([.number(Double(i)), x]))
            }
            return .list(out)
        }
    }

    static var any: Function { truthTest(any: true) }
    static var all: Function { truthTest(any: false) }

    /// any(xs, f) and all(xs, f): they stop at the first element that decides.
    private static func truthTest(any: Bool) -> Function {
        let name = any ? "any" : "all"
        let doc = any ? """
            any(xs, f: nil): true when some element of xs is true (neither false nor nil), or, given
            f, when f(x) is true for some element x; false for an empty xs. Stops at the first such
            element. Strings give characters, Datasets rows.

                any([false, nil, 0])               # true: 0 is true
                any([1, 5, 2], fn(x) x > 4)        # true
            """ : """
            all(xs, f: nil): true when every element of xs is true (neither false nor nil), or, given
            f, when f(x) is true for every element x; true for an empty xs. Stops at the first element
            that is not. Strings give characters, Datasets rows.

                all([1, "a", []])                  # true
                all([1, 5, 2], fn(x) x > 1)        # false
            """
        return Function(name: name, parameters: [Parameter("xs"), Parameter("f", default: .nil)], doc: doc) { args in
            let xs = try args.elements("xs")
            var f = args.isNil("f") ? nil : try args.callback("f", arity: 1, calls: "f(x) with each element")
            var check = InterruptCheck(args.context)
            for i in 0..<xs.count {
                let x = xs[i]
                let truth = try f?.callAsFunction(x).isTruthy ?? x.isTruthy
                if truth == any { return .bool(any) }
                try check.step()
            }
            return .bool(!any)
        }
    }

    static var count: Function {
        Function(name: "count", parameters: [Parameter("xs"), Parameter("f")],
                 doc: """
                 count(xs, f): how many elements x of xs make f(x) true, when f is a function; else how
                 many elements equal f (==). In a string, count(s, "ab") counts the places "ab" occurs
                 (not overlapping); with a function, the characters. Datasets give rows.

                     count([3, -1, 2], fn(x) x > 0)    # 2
                     count(["a", "b", "a"], "a")       # 2
                 """) { args in
            let xs = try args.elements("xs")
            if case .function = args["f"] {
                var f = try args.callback("f", arity: 1, calls: "f(x) with each element")
                var n = 0
                for i in 0..<xs.count where try f(xs[i]).isTruthy { n += 1 }
                return .number(Double(n))
            }
            if case .string(let s) = args["xs"], case .string(let sub) = args["f"] {
                guard !sub.isEmpty else {
                    throw NativeError("count(): the text to count must not be empty", argument: "f")
                }
                return .number(Double(s.ranges(of: sub).count))
            }
            let value = args["f"]
            var n = 0
            var check = InterruptCheck(args.context)
            for i in 0..<xs.count {
                if xs[i] == value { n += 1 }
                try check.step()
            }
            return .number(Double(n))
        }
    }

    static var unique: Function {
        Function(name: "unique", parameters: [Parameter("xs")],
                 doc: """
                 unique(xs): the elements of xs without repeats (as == compares), each where it first
                 occurs; of a Dataset, its distinct rows, as a Dataset.

                     unique([3, 1, 3, 2, 1])    # [3, 1, 2]
                 """) { args in
            let xs = try args.listOrRows("xs")
            var kept = [Int]()
            var check = InterruptCheck(args.context)
            // A nan equals nothing, itself included: each one is kept, and none goes in a set (where
            // they would all land in one bucket).
            var numbers: [Double]?
            if case .numbers(let xs) = xs.source { numbers = xs }
            if case .list(let items) = xs.source { numbers = items.numbers }
            if let numbers {
                var seen = Set<Double>(minimumCapacity: numbers.count)
                for (i, x) in numbers.enumerated() {
                    if x.isNaN || seen.insert(x).inserted { kept.append(i) }
                    try check.step()
                }
                return xs.select(kept)
            }
            var seen = Set<HashableValue>(minimumCapacity: xs.count)
            for i in 0..<xs.count {
                let x = xs[i]
                if case .number(let v) = x, v.isNaN { kept.append(i) }
                else if seen.insert(HashableValue(x)).inserted { kept.append(i) }
                try check.step()
            }
            return xs.select(kept)
        }
    }

    static var flatten: Function {
        Function(name: "flatten", parameters: [Parameter("xs")],
                 doc: """
                 flatten(xs): the elements of the lists in xs, one level deep, in order; an element that
                 is not a list is kept as it is. A Dataset gives all its numbers, row by row.

                     flatten([[1, 2], 3, [[4]]])    # [1, 2, 3, [4]]
                 """) { args in
            let xs = try args.listOrRows("xs")
            switch xs.source {
            case .numbers:
                return args["xs"]
            case .list(let items):
                let total = items.reduce(0) { $0 + ($1.listCount ?? 1) }
                try args.checkSize(total, of: "list")
                var out = [Value]()
                out.reserveCapacity(total)
                var check = InterruptCheck(args.context)
                for item in items {
                    switch item {
                    case .list(let inner): out.append(contentsOf: inner)
                    case .numbers(let inner): out.append(contentsOf: inner.lazy.map(Value.number))
                    default: out.append(item)
                    }
                    try check.step(item.listCount ?? 1)
                }
                return .packing(out)
            case .matrix(_, let numbers, _):
                return numbers.isEmpty ? .list([]) : .numbers(numbers)
            case .string:
                preconditionFailure("listOrRows excludes strings")
            }
        }
    }

    static var append: Function {
        Function(name: "append", parameters: [Parameter("xs"), Parameter("value")],
                 doc: """
                 append(xs, value): a new list: xs with value added at the end. xs itself does not change
                 (lists are values): write xs = append(xs, value) to grow xs, which takes amortised
                 constant time.

                     xs = [1, 2]
                     xs = append(xs, 3)    # [1, 2, 3]
                 """) { args in
            var list = args["xs"]
            guard let count = list.listCount else { throw args.mismatch("xs", expected: "a list") }
            try args.checkSize(count + 1, of: "list")
            let value = args["value"]
            try args.checkNesting(value, under: 1)
            list.appendElement(value)
            return list
        }
    }

    static var insert: Function {
        Function(name: "insert", parameters: [Parameter("xs"), Parameter("i"), Parameter("value")],
                 doc: """
                 insert(xs, i, value): a new list: xs with value inserted before index i, so that it is
                 at index i (i = len(xs) appends; a negative i counts from the end, so -1 inserts before
                 the last element). xs itself does not change: write xs = insert(xs, i, value).

                     insert(["a", "c"], 1, "b")    # ["a", "b", "c"]
                 """) { args in
            let list = args["xs"]
            guard let n = list.listCount else { throw args.mismatch("xs", expected: "a list") }
            let i = try args.int("i", in: -n...n)
            try args.checkSize(n + 1, of: "list")
            let value = args["value"]
            try args.checkNesting(value, under: 1)
            if case .numbers(var xs) = list, case .number(let x) = value {
                xs.insert(x, at: i < 0 ? i + n : i)
                return .numbers(xs)
            }
            var items = list.listItems ?? []
            items.insert(value, at: i < 0 ? i + n : i)
            return .packing(items)
        }
    }

    static var remove: Function {
        Function(name: "remove", parameters: [Parameter("xs"), Parameter("i")],
                 doc: """
                 remove(xs, i): a new list: xs without the element at index i (negative counts from the
                 end). xs itself does not change: write xs = remove(xs, i). To remove by value, use
                 filter(xs, fn(x) x != value).

                     remove([1, 2, 3], 0)    # [2, 3]
                 """) { args in
            let list = args["xs"]
            guard let n = list.listCount else { throw args.mismatch("xs", expected: "a list") }
            guard n > 0 else {
                throw NativeError("remove(): xs is empty: there is no element to remove", argument: "xs")
            }
            let i = try args.int("i", in: -n...(n - 1))
            if case .numbers(var xs) = list {
                xs.remove(at: i < 0 ? i + n : i)
                return xs.isEmpty ? .list([]) : .numbers(xs)
            }
            var items = list.listItems ?? []
            items.remove(at: i < 0 ? i + n : i)
            return .list(items)
        }
    }
}

extension Array where Element == Value {
    /// The numbers, when every element is one.
    var numbers: [Double]? {
        var numbers = [Double]()
        numbers.reserveCapacity(count)
        for item in self {
            guard case .number(let x) = item else { return nil }
            numbers.append(x)
        }
        return numbers
    }
}
