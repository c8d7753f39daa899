import Foundation

/// sqrt exp log abs floor (element-wise on lists), min max, and the summaries sum mean median sd.
enum MathBuiltins {
    static var functions: [Function] {
        elementwise("sqrt", "the square root", Foundation.sqrt, example: "sqrt(2)    # 1.4142135623730951")
            + elementwise("exp", "e to the power x", Foundation.exp, example: "exp(1)    # 2.718281828459045")
            + elementwise("log", "the natural logarithm", Foundation.log, example: "log(exp(2))    # 2")
            + elementwise("abs", "the absolute value", Swift.abs, example: "abs(-3)    # 3")
            + elementwise("floor", "the largest whole number <= x", Foundation.floor, example: "floor(2.7)    # 2")
            + [extremum("min", <), extremum("max", >)] + summaries
    }

    private static func elementwise(_ name: String, _ what: String, _ f: @escaping (Double) -> Double,
                                    example: String) -> [Function] {
        [Function(name: name, parameters: [Parameter("x")],
                  doc: "\(name)(x): \(what) of x; of each element when x is a list.\n\n    \(example)") { args in
            switch args["x"] {
            case .number(let x): return .number(f(x))
            case .list: return .list(try args.numbers("x").map { .number(f($0)) })
            default: throw args.mismatch("x", expected: "a number or a list of numbers")
            }
        }]
    }

    /// The numbers of a variadic call: min(3, 1, 2) or min([3, 1, 2]).
    private static func numbers(_ args: Arguments, _ name: String) throws -> [Double] {
        let items = try args.list("values")
        let values: [Value]
        if items.count == 1, case .list(let inner) = items[0] { values = inner } else { values = items }
        return try values.map {
            guard case .number(let x) = $0 else {
                throw NativeError("\(name)(): needs numbers, found \($0.typeName.withArticle)", argument: "values")
            }
            return x
        }
    }

    private static func extremum(_ name: String, _ better: @escaping (Double, Double) -> Bool) -> Function {
        Function(name: name, parameters: [Parameter("values", variadic: true)],
                 doc: "\(name)(values...): the \(name == "min" ? "smallest" : "largest") of the numbers, given one by one or as a list.\n\n    \(name)(3, 1, 2)    # \(name == "min" ? 1 : 3)") { args in
            let xs = try numbers(args, name)
            guard var best = xs.first else { throw NativeError("\(name)(): needs at least one number", argument: "values") }
            for x in xs.dropFirst() where better(x, best) || x.isNaN { best = x }
            return .number(best)
        }
    }

    private static func summary(_ name: String, _ doc: String, minimum: Int = 1,
                                _ f: @escaping ([Double]) -> Double) -> Function {
        Function(name: name, parameters: [Parameter("xs")], doc: doc) { args in
            let xs = try args.numbers("xs")
            guard xs.count >= minimum else {
                throw NativeError("\(name)(): needs at least \(minimum) number\(minimum == 1 ? "" : "s"), got \(xs.count)",
                                  argument: "xs")
            }
            return .number(f(xs))
        }
    }

    private static var summaries: [Function] {
        [
            summary("sum", "sum(xs): the sum of a list of numbers (0 for an empty list).\n\n    sum([1, 2, 3])    # 6",
                    minimum: 0) { xs in xs.reduce(0, +) },
            summary("mean", "mean(xs): the arithmetic mean of a list of numbers.\n\n    mean([1, 2, 6])    # 3") { xs in
                xs.reduce(0, +) / Double(xs.count)
            },
            summary("median", "median(xs): the middle value (the mean of the two middle values for an even count).\n\n    median([3, 1, 2])    # 2") { xs in
                let sorted = xs.sorted()
                let n = sorted.count
                return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            },
            summary("sd", "sd(xs): the sample standard deviation (divides by n - 1).\n\n    sd([1, 2, 3])    # 1",
                    minimum: 2) { xs in
                let mean = xs.reduce(0, +) / Double(xs.count)
                let squares = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                return Foundation.sqrt(squares / Double(xs.count - 1))
            },
        ]
    }
}
