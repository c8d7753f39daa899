import XCTest
import AELang
import AEBindings
import Foundation

/// Every data builtin, every argument replaced in turn by each of a set of bad values: each call
/// either works or stops with a positioned runtime error, never a crash or an untyped failure.
final class DataBadInputTests: XCTestCase {
    /// A working call of each builtin, argument by argument.
    static let calls: [(String, [String])] = [
        ("seed", ["1"]),
        ("spiral", ["10", "0.01"]),
        ("circle", ["10", "1", "0"]),
        ("gaussian", ["10", "[0, 1]", "1", "nil", "nil"]),
        ("mixture", ["10", "[{mean: 0, sd: 1}, {mean: 2, cov: [[1]]}]", "[1, 2]"]),
        ("manifold10", ["10"]),
        ("grid", ["-1", "1", "-1", "1", "5"]),
        ("dataset", ["[[1, 2], [3, 4]]"]),
        ("rows", ["spiral(5)", "0", "2"]),
        ("col", ["spiral(5)", "1"]),
        ("concat", ["spiral(5)", "spiral(3)"]),
        ("shuffle", ["spiral(5)"]),
        ("save_csv", ["spiral(3)", "\"ok.csv\"", "[\"x\", \"y\"]"]),
        ("load_csv", ["\"ok.csv\"", "nil"]),
        ("save_npy", ["spiral(3)", "\"ok.npy\""]),
        ("load_npy", ["\"ok.npy\""]),
    ]

    static let badValues = [
        "nil", "true", "-1", "0", "0.5", "0 / 0", "1 / 0", "-1 / 0", "1e300", "2 ^ 62", "\"text\"", "\"\"",
        "[]", "[0 / 0]", "[[1], [2, 3]]", "[[]]", "[\"a\"]", "{a: 1}", "{mean: nil}", "fn(x) x", "spiral(2)",
        "manifold10(2)", "[1, 2, 3]", "[{mean: [1, 2]}, {mean: 1}]", "\"/no/such/folder/x.csv\"",
    ]

    func testNoBadArgumentCrashes() throws {
        let sandbox = try BadInputSandbox("ae-data-bad")
        defer { sandbox.close() }
        let options = sandbox.options(seconds: 5)
        var failures = 0, successes = 0
        for (name, arguments) in Self.calls {
            let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
            engine.register(Builtins.all)
            let good = "\(name)(\(arguments.joined(separator: ", ")))"
            XCTAssertNoThrow(try engine.run(good), "the baseline call \(good) works")
            for position in arguments.indices {
                for bad in Self.badValues {
                    var args = arguments
                    args[position] = bad
                    let source = "\(name)(\(args.joined(separator: ", ")))"
                    do {
                        try engine.run(source)
                        successes += 1
                    } catch let error as ScriptError {
                        XCTAssertEqual(error.kind, .runtime, "\(source): \(error.rendered)")
                        XCTAssertGreaterThan(error.line, 0, "\(source) is positioned")
                        XCTAssertTrue(error.message.contains(name + "()") || error.message.hasPrefix("cannot "),
                                      "\(source): the message names the builtin or the file: \(error.message)")
                        failures += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(failures, 200)
        XCTAssertGreaterThan(successes, 10)
    }
}
