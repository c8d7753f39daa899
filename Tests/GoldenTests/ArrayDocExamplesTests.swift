import XCTest
import AELang
import AEBindings

/// Every example in the help of the array builtins, and of the math builtins that now take arrays, runs.
final class ArrayDocExamplesTests: XCTestCase {
    static let names = ["norm", "argmin", "argmax", "cumsum", "dot", "transpose", "outer",
                        "less", "greater", "less_equal", "greater_equal", "equal", "not_equal",
                        "zeros", "ones", "full", "linspace", "tolist",
                        "sum", "mean", "median", "sd", "min", "max",
                        "sqrt", "exp", "log", "abs", "floor", "ceil", "sin", "cos", "tan", "asin", "acos", "atan",
                        "sinh", "cosh", "tanh", "sign", "round", "clamp", "isnan", "isfinite"]

    func testEveryExampleRuns() throws {
        try assertHelpExamplesRun(Self.names)
    }
}
