import Foundation

/// sqrt exp log abs floor ceil (element-wise on lists, lists of rows and Datasets), min max, the
/// summaries sum mean median sd (per column of a Dataset, or per row with axis: 1), and (in
/// MathBuiltins+Trig.swift) trigonometry, rounding and formatting.
enum MathBuiltins {
    static var functions: [Function] {
        [
            elementwise("sqrt", "the square root", example: "sqrt(2)    # 1.4142135623730951") {
                // nan for a negative number without calling the C library's sqrt (which sets errno).
                NumericArray.map($0) { x in x >= 0 ? x.squareRoot() : .nan }
            },
            elementwise("exp", "e to the power x", example: "exp(1)    # 2.718281828459045") {
                NumericArray.map($0, Foundation.exp)
            },
            elementwise("log", "the natural logarithm", example: "log(exp(2))    # 2") {
                NumericArray.map($0, Foundation.log)
            },
            elementwise("abs", "the absolute value", example: "abs(-3)    # 3") { NumericArray.map($0) { Swift.abs($0) } },
            elementwise("floor", "the largest whole number <= x", example: "floor(2.7)    # 2") {
                NumericArray.map($0) { $0.rounded(.down) }
            },
            elementwise("ceil", "the smallest whole number >= x", example: "ceil(2.1)    # 3") {
                NumericArray.map($0) { $0.rounded(.up) }
            },
            extremum("min", largest: false), extremum("max", largest: true),
        ] + summaries + trigonometry + rounding
    }

    /// A builtin applying `kernel` to the numbers of a number, list, list of rows or Dataset, whose
    /// result is of the same kind. The kernel is a closure over the whole contiguous array, written
    /// where the function is known (`NumericArray.map($0) { $0.squareRoot() }`), so that the
    /// compiler inlines the function into one tight loop.
    static func elementwise(_ name: String, _ what: String, example: String,
                            _ kernel: @escaping ([Double]) -> [Double]) -> Function {
        Function(name: name, parameters: [Parameter("x")],
                 doc: """
                 \(name)(x): \(what) of x; of each element when x is a list, a list of rows or a
                 Dataset (the result is of the same kind).

                     \(example)
                 """) { args in
            let x = try args.array("x")
            return x.value(rows: x.rows, columns: x.columns, elements: kernel(x.elements))
        }
    }

    /// The array of a variadic call: min(3, 1, 2) (a list of the numbers), or min(xs) of one list,
    /// list of rows or Dataset.
    private static func variadicArray(_ args: Arguments) throws -> NumericArray {
        let items = try args.list("values")
        if items.count == 1, let array = NumericArray(items[0]), array.rank > 0 { return array }
        if items.count == 1, case .list = items[0], let problem = NumericArray.shapeProblem(items[0]) {
            throw NativeError("\(args.function.name)(): needs numbers; \(problem)", argument: "values")
        }
        return NumericArray(source: .list, rank: 1, rows: items.count, columns: 1, elements: try items.map {
            guard case .number(let x) = $0 else {
                throw NativeError("\(args.function.name)(): needs numbers, found \($0.typeName.withArticle)", argument: "values")
            }
            return x
        })
    }

    private static func extremum(_ name: String, largest: Bool) -> Function {
        let what = largest ? "largest" : "smallest"
        return Function(name: name, parameters: [Parameter("values", variadic: true), Parameter("axis", default: .nil)],
                        doc: """
                        \(name)(values..., axis: nil): the \(what) of the numbers, given one by one or as a list
                        (nan if there is a nan). Of a Dataset or a list of rows, the \(what) of each column, as a
                        list (axis: 1, of each row).

                            \(name)(3, 1, 2)                       # \(largest ? 3 : 1)
                            \(name)([[1, 5], [4, 2]])              # \(largest ? "[4, 5]" : "[1, 2]")
                            \(name)([[1, 5], [4, 2]], axis: 1)     # \(largest ? "[5, 4]" : "[1, 2]")
                        """) { args in
            let array = try variadicArray(args)
            let axis = try args.axis(of: array, arrayName: "values")
            try requireLanes(args, array, axis: axis, minimum: 1, argument: "values")
            return array.reduce(axis: axis) { LaneMath.extreme($0, largest: largest) }
        }
    }

    /// Refuses a reduction whose lanes are shorter than `minimum`: "needs at least 2 numbers, got 1",
    /// "needs at least 2 rows (one value per column), got 1".
    static func requireLanes(_ args: Arguments, _ array: NumericArray, axis: Int?, minimum: Int,
                             argument: String) throws {
        let (count, unit) = array.laneLength(axis: axis)
        guard count < minimum else { return }
        let per = unit == "rows" ? " (one value per column)" : (unit == "columns" ? " (one value per row)" : "")
        let noun = minimum == 1 ? String(unit.dropLast()) : unit
        throw NativeError("\(args.function.name)(): needs at least \(minimum) \(noun)\(per), got \(count)",
                          argument: argument)
    }

    private static func summary(_ name: String, _ doc: String, minimum: Int = 1,
                                _ f: @escaping (Lane) -> Double) -> Function {
        Function(name: name, parameters: [Parameter("xs"), Parameter("axis", default: .nil)], doc: doc) { args in
            let array = try args.array("xs")
            let axis = try args.axis(of: array, arrayName: "xs")
            try requireLanes(args, array, axis: axis, minimum: minimum, argument: "xs")
            return array.reduce(axis: axis, f)
        }
    }

    private static var summaries: [Function] {
        [
            summary("sum", """
                    sum(xs, axis: nil): the sum of a list of numbers (0 for an empty list). Of a Dataset or a
                    list of rows, the sum of each column, as a list (axis: 1, of each row).

                        sum([1, 2, 3])                  # 6
                        sum([[1, 2], [3, 4]])           # [4, 6]
                        sum([[1, 2], [3, 4]], axis: 1)  # [3, 7]
                    """, minimum: 0, LaneMath.sum),
            summary("mean", """
                    mean(xs, axis: nil): the arithmetic mean of a list of numbers. Of a Dataset or a list of
                    rows, the mean of each column, as a list (axis: 1, of each row).

                        mean([1, 2, 6])                  # 3
                        mean(dataset([[0, 1], [2, 5]]))  # [1, 3]
                    """, LaneMath.mean),
            summary("median", """
                    median(xs, axis: nil): the middle value (the mean of the two middle values for an even
                    count; nan if there is a nan). Of a Dataset or a list of rows, the median of each
                    column, as a list (axis: 1, of each row).

                        median([3, 1, 2])                      # 2
                        median([[1, 9], [3, 8], [2, 7]])       # [2, 8]
                    """, LaneMath.median),
            summary("sd", """
                    sd(xs, axis: nil): the sample standard deviation (divides by n - 1). Of a Dataset or a
                    list of rows, that of each column, as a list (axis: 1, of each row).

                        sd([1, 2, 3])                    # 1
                        sd([[1, 10], [3, 30]])           # [1.4142135623730951, 14.142135623730951]
                    """, minimum: 2, LaneMath.sd),
        ]
    }
}
