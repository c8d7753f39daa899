import _AEKernels

/// The orders `sort` uses: numbers ascending with nan after every number, strings as `<` compares
/// them, lists of numbers and strings lexicographically (a list before a longer one it starts).
/// Every order is stable: equal keys keep the order they had, with `reverse` too (which sorts in
/// descending order, so nan comes first).
enum Sorting {
    /// Two values that do not compare: a number and a string, or a bool, a record ...
    struct Incomparable: Error {
        let first: String
        let second: String
        /// The position inside the lists being compared, when it is there that they differ.
        let position: Int?
    }

    /// Numbers in order, stably: 0 and -0, equal as numbers, keep the order they came in, and nan
    /// goes after every number (before, with `reverse`).
    ///
    /// A radix sort of the doubles' bit patterns in C (ae_sort_doubles, _AEKernels/SortDoubles.c):
    /// a few streaming passes instead of n·log n comparisons through a closure. If it cannot get its
    /// work space (a bucket's worth of memory), the comparison sort gives the same order.
    static func numbers(_ xs: [Double], reverse: Bool) -> [Double] {
        let n = xs.count
        guard n > 1 else { return xs }
        var sorted = true
        let result = [Double](unsafeUninitializedCapacity: n) { out, count in
            sorted = xs.withUnsafeBufferPointer { ae_sort_doubles($0.baseAddress, n, reverse ? 1 : 0, out.baseAddress) } == 0
            count = sorted ? n : 0
        }
        if sorted { return result }
        return order(n, reverse: reverse) { compare(xs[$0], xs[$1]) }.map { xs[$0] }
    }

    /// The indices 0..<count in the stable order `compare` (three-way: < 0, 0, > 0) gives.
    static func order(_ count: Int, reverse: Bool, by compare: (Int, Int) throws -> Int) rethrows -> [Int] {
        var order = Array(0..<count)
        try order.sort { i, j in
            let c = try compare(i, j)
            return c != 0 ? (reverse ? c > 0 : c < 0) : i < j
        }
        return order
    }

    /// Three-way comparison of numbers, nan after every number (and equal to nan).
    @inline(__always)
    static func compare(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        if a == b { return 0 }
        return a.isNaN ? (b.isNaN ? 0 : 1) : -1
    }

    /// Three-way comparison of two numbers, two strings, or two lists of them (lexicographically).
    static func compare(_ a: Value, _ b: Value) throws -> Int {
        switch (a, b) {
        case let (.number(x), .number(y)):
            return compare(x, y)
        case let (.string(x), .string(y)):
            return x < y ? -1 : (y < x ? 1 : 0)
        case let (.numbers(xs), .numbers(ys)):
            for k in 0..<min(xs.count, ys.count) {
                let c = compare(xs[k], ys[k])
                if c != 0 { return c }
            }
            return xs.count < ys.count ? -1 : (xs.count > ys.count ? 1 : 0)
        case (.list, .list), (.list, .numbers), (.numbers, .list):
            let n = a.listCount!, m = b.listCount!
            for k in 0..<min(n, m) {
                let c: Int
                do { c = try compare(element(a, k), element(b, k)) }
                catch let error as Incomparable where error.position == nil {
                    throw Incomparable(first: error.first, second: error.second, position: k)
                }
                if c != 0 { return c }
            }
            return n < m ? -1 : (n > m ? 1 : 0)
        default:
            throw Incomparable(first: a.typeName, second: b.typeName, position: nil)
        }
    }

    /// Element k of a list of either form.
    private static func element(_ list: Value, _ k: Int) -> Value {
        switch list {
        case .list(let items): return items[k]
        case .numbers(let xs): return .number(xs[k])
        default: preconditionFailure("not a list")
        }
    }

    /// The kind of key `sort` can order, nil for any other value.
    static func kind(_ value: Value) -> String? {
        switch value {
        case .number: return "number"
        case .string: return "string"
        case .list, .numbers: return "list"
        default: return nil
        }
    }

    /// The stable order of `keys`, which must all be numbers, all strings or all lists of them, else
    /// an error under `xs` (or under `key` when `keyed`: the keys are what the key function returned).
    static func order(of keys: [Value], reverse: Bool, keyed: Bool) throws -> [Int] {
        guard let first = keys.first else { return [] }
        guard let firstKind = kind(first) else { throw unsortable(keys[0], at: 0, keyed: keyed) }
        switch firstKind {
        case "number":
            var numbers = [Double]()
            numbers.reserveCapacity(keys.count)
            for (i, key) in keys.enumerated() {
                guard case .number(let x) = key else { throw mixed(keys, 0, i, keyed: keyed) }
                numbers.append(x)
            }
            return order(keys.count, reverse: reverse) { compare(numbers[$0], numbers[$1]) }
        case "string":
            var strings = [String]()
            strings.reserveCapacity(keys.count)
            for (i, key) in keys.enumerated() {
                guard case .string(let s) = key else { throw mixed(keys, 0, i, keyed: keyed) }
                strings.append(s)
            }
            return order(keys.count, reverse: reverse) { i, j in
                strings[i] < strings[j] ? -1 : (strings[j] < strings[i] ? 1 : 0)
            }
        default:
            for (i, key) in keys.enumerated() where kind(key) != firstKind { throw mixed(keys, 0, i, keyed: keyed) }
            return try order(keys.count, reverse: reverse) { i, j in
                do { return try compare(keys[i], keys[j]) }
                catch let error as Incomparable {
                    let place = error.position.map { " at position \($0)" } ?? ""
                    let which = keyed ? "the keys of elements" : "elements"
                    let (a, b) = i < j ? (error.first, error.second) : (error.second, error.first)
                    throw NativeError("sort(): \(which) \(min(i, j)) and \(max(i, j)) do not compare: \(a.withArticle) and \(b.withArticle)\(place)",
                                      argument: keyed ? "key" : "xs",
                                      hint: "\(keyed ? "keys that are lists" : "lists") compare element by element: numbers with numbers, strings with strings")
                }
            }
        }
    }

    private static func unsortable(_ key: Value, at i: Int, keyed: Bool) -> NativeError {
        if keyed {
            return NativeError("sort(): key returned \(key.typeName.withArticle) for element \(i)",
                               argument: "key", hint: "key must return numbers, strings or lists of them")
        }
        return NativeError("sort(): cannot sort \(key.typeName.withArticle) (element \(i))", argument: "xs",
                           hint: "sort orders numbers, strings or lists of them; a key can make one: sort(xs, key: fn(x) ...)")
    }

    private static func mixed(_ keys: [Value], _ i: Int, _ j: Int, keyed: Bool) -> NativeError {
        guard kind(keys[j]) != nil else { return unsortable(keys[j], at: j, keyed: keyed) }
        let a = keys[i].typeName, b = keys[j].typeName
        if keyed {
            return NativeError("sort(): key returned \(a.withArticle) for element \(i) and \(b.withArticle) for element \(j)",
                               argument: "key", hint: "key must return values of one type: numbers, strings or lists")
        }
        return NativeError("sort(): cannot sort a mix of \(a)s and \(b)s (element \(i) is \(a.withArticle), element \(j) \(b.withArticle))",
                           argument: "xs", hint: "a key can make them comparable, e.g. sort(xs, key: str)")
    }
}
