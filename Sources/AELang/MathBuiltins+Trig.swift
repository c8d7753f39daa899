import Foundation

/// Trigonometric and hyperbolic functions, rounding, sign, clamp, nan tests and `format`.
/// Out-of-domain arguments follow IEEE 754 as the other math builtins do: `asin(2)` is nan.
extension MathBuiltins {
    static var trigonometry: [Function] {
        [
            elementwise("sin", "the sine (x in radians)", example: "sin(pi / 2)    # 1") {
                NumericArray.map($0, Foundation.sin)
            },
            elementwise("cos", "the cosine (x in radians)", example: "cos(0)    # 1") {
                NumericArray.map($0, Foundation.cos)
            },
            elementwise("tan", "the tangent (x in radians)", example: "tan(pi / 4)    # 0.9999999999999999") {
                NumericArray.map($0, Foundation.tan)
            },
            elementwise("asin", "the arc sine, in [-pi/2, pi/2] (nan outside [-1, 1])",
                        example: "asin(1)    # 1.5707963267948966") { NumericArray.map($0, Foundation.asin) },
            elementwise("acos", "the arc cosine, in [0, pi] (nan outside [-1, 1])",
                        example: "acos(-1)    # 3.141592653589793") { NumericArray.map($0, Foundation.acos) },
            elementwise("atan", "the arc tangent, in (-pi/2, pi/2)", example: "atan(1)    # 0.7853981633974483") {
                NumericArray.map($0, Foundation.atan)
            },
            elementwise("sinh", "the hyperbolic sine", example: "sinh(0)    # 0") { NumericArray.map($0, Foundation.sinh) },
            elementwise("cosh", "the hyperbolic cosine", example: "cosh(0)    # 1") { NumericArray.map($0, Foundation.cosh) },
            elementwise("tanh", "the hyperbolic tangent", example: "tanh(1)    # 0.7615941559557649") {
                NumericArray.map($0, Foundation.tanh)
            },
            atan2,
        ]
    }

    static var rounding: [Function] {
        [
            elementwise("sign", "-1, 0 or 1 as x is negative, zero or positive (nan for nan)",
                        example: "sign(-2.5)    # -1") {
                NumericArray.mapSIMD($0, { x in
                    x.replacing(with: 1, where: x .> 0).replacing(with: -1, where: x .< 0).replacing(with: 0, where: x .== 0)
                })
            },
            round, clamp,
            predicate("isnan", "true when x is nan (not a number)", example: "isnan(0 / 0)    # true") { $0.isNaN },
            predicate("isfinite", "true when x is neither nan nor ±inf", example: "isfinite(1 / 0)    # false") { $0.isFinite },
            format,
        ]
    }

    static let atan2 = Function(
        name: "atan2", parameters: [Parameter("y"), Parameter("x")],
        doc: """
        atan2(y, x): the angle in (-pi, pi] of the point (x, y) from the positive x axis, in radians.
        Note the order: y first, as in C and NumPy.

            atan2(1, -1)    # 2.356194490192345
        """
    ) { args in
        .number(Foundation.atan2(try args.number("y"), try args.number("x")))
    }

    static let round = Function(
        name: "round", parameters: [Parameter("x"), Parameter("digits", default: .number(0))],
        doc: """
        round(x, digits: 0): x rounded to `digits` decimals, half away from zero; negative digits
        round to tens, hundreds ...; of each element when x is a list, a list of rows or a Dataset.
        Rounds the number as it prints, so round(1.005, digits: 2) is 1.01.

            round(2.5)                  # 3
            round(-2.5)                 # -3
            round(3.14159, digits: 2)   # 3.14
            round(1234, digits: -2)     # 1200
        """
    ) { args in
        let digits = try args.int("digits", in: -400...400)
        return try args.array("x").map { roundDecimal($0, digits) }
    }

    private static let powersOfTen: [Double] = (0...22).map { Foundation.pow(10, Double($0)) }

    /// x rounded to `digits` decimals as its printed digits round (``DecimalText``), without the text
    /// when the answer cannot depend on it: when x·10^digits is further from a tie than the rounding
    /// errors of the product and of the printed digits, its nearest whole number r is the one the
    /// digits give, and r / 10^digits (both exact, one correctly rounded division) is the double the
    /// digits read back as. Checked against the text on 2.7 million numbers and ties.
    static func roundDecimal(_ x: Double, _ digits: Int) -> Double {
        if digits >= 0 {
            if Swift.abs(x) >= 0x1p52 { return x }  // whole already, or ±inf
            if digits < powersOfTen.count {
                let scale = powersOfTen[digits]
                let y = x * scale
                if Swift.abs(y) < 0x1p52 {
                    let fraction = y - y.rounded(.down)
                    if Swift.abs(fraction - 0.5) > Swift.abs(y) * 0x1p-50 + 0x1p-70 {
                        let r = y.rounded(.toNearestOrAwayFromZero)
                        return r == 0 ? 0 : r / scale  // round(-0.4) is 0, not -0
                    }
                }
            }
        }
        return DecimalText(x)?.rounded(decimals: digits).value ?? x
    }

    static let clamp = Function(
        name: "clamp", parameters: [Parameter("x"), Parameter("lo"), Parameter("hi")],
        doc: """
        clamp(x, lo, hi): x limited to [lo, hi] (lo when x < lo, hi when x > hi); of each element when
        x is a list, a list of rows or a Dataset. nan stays nan.

            clamp(1.7, 0, 1)          # 1
            clamp([-2, 0.5], 0, 1)    # [0, 0.5]
        """
    ) { args in
        let lo = try args.number("lo"), hi = try args.number("hi")
        guard lo <= hi else {
            throw NativeError("clamp(): lo must not exceed hi (lo is \(formatNumber(lo)), hi is \(formatNumber(hi)))",
                              argument: "lo")
        }
        let x = try args.array("x")
        // Comparisons with nan are false, so nan stays nan.
        return x.value(rows: x.rows, columns: x.columns, elements: NumericArray.mapSIMD(x.elements) {
            $0.replacing(with: lo, where: $0 .< lo).replacing(with: hi, where: $0 .> hi)
        })
    }

    private static func predicate(_ name: String, _ what: String, example: String,
                                  _ test: @escaping (Double) -> Bool) -> Function {
        Function(name: name, parameters: [Parameter("x")],
                 doc: """
                 \(name)(x): \(what); a list of bools when x is a list (a list of rows of bools for a
                 list of rows). For an n×1 Dataset, a list of n bools (a mask of its rows); for a wider
                 one, a list of n rows of bools.

                     \(example)
                 """) { args in
            let x = try args.array("x")
            return x.bools(x.elements.map { .bool(test($0)) })
        }
    }

    static let format = Function(
        name: "format", parameters: [Parameter("x"), Parameter("digits", default: .nil), Parameter("sci", default: .bool(false))],
        doc: """
        format(x, digits: nil, sci: false): a number as text. Without digits, the shortest text that
        reads back exactly (as str shows it); with digits, exactly that many digits after the point,
        rounded half away from zero (as round does); sci: true writes m e n with one digit before the
        point (digits defaults to 2 there). nan, inf and -inf print as such.

            format(2 / 3, digits: 3)           # "0.667"
            format(-0.5, digits: 0)            # "-1"
            format(0.000123456, sci: true)     # "1.23e-4"
            format(52000, digits: 1, sci: true)  # "5.2e4"
        """
    ) { args in
        let x = try args.number("x")
        let sci = try args.bool("sci")
        if args.isNil("digits") {
            return .string(sci ? DecimalFormat.scientific(x, decimals: 2) : formatNumber(x))
        }
        let digits = try args.int("digits", in: 0...400)
        return .string(sci ? DecimalFormat.scientific(x, decimals: digits) : DecimalFormat.fixed(x, decimals: digits))
    }
}
