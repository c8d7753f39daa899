import AEBindings
import AELang
import Foundation
import XCTest

/// Every builtin (Builtins.all and the core ones) called with bad input: wrong types, missing and
/// unknown arguments, NaN, ±Inf, zero, negative and huge values, empty data, mismatched dimensions.
/// Each call returns a value or throws a positioned ScriptError, under a deadline and a size limit:
/// never a crash, a hang, or an error of another type.
final class BuiltinBadInputTests: XCTestCase {
    /// Values that trip builtins up, spliced in as source text. Paths are relative: the test runs in a
    /// temporary folder, and mkdir() creates what it is given (an absolute path would land in /).
    static let badValues = [
        "nil", "true", "0", "-1", "0.5", "-0.5", "0 / 0", "1 / 0", "-1 / 0", "1e300", "-1e300", "2 ^ 62", "1e15",
        "\"\"", "\"text\"", "[]", "[[]]", "[0 / 0]", "[1, 2, 3]", "[[1], [2, 3]]", "[\"a\"]", "{}", "{a: 1}",
        "fn(x) x", "fn() nil", "empty", "none", "d3", "d1", "spiral(2)", "m", "\"no/such/folder/x\"", "\".\"",
    ]

    /// A plausible value for a parameter, by its name; anything else gets `1`.
    static let plausible: [String: String] = [
        "data": "spiral(20)", "samples": "spiral(20)", "points": "spiral(5)", "x": "[0.1, 0.2]", "y": "[0.2, 0.1]",
        "a": "spiral(20)", "b": "spiral(20)", "ae": "m", "model": "m", "density": "normal(mean: [0, 0])",
        "sampler": "mh(0.1)", "chain": "ch", "fig": "scatter(spiral(5))", "figs": "[scatter(spiral(5))]",
        "figures": "[scatter(spiral(5))]", "f": "fn(x) x", "energy": "fn(x) x[0] * x[0]",
        "function": "fn() 1", "path": "\"out.csv\"", "n": "5", "sigma": "0.1", "hidden": "3", "values": "[1, 2, 3]",
        "xs": "[1, 2, 3]", "ys": "[[1, 2, 3]]", "grid": "grid(-1, 1, -1, 1, 3)", "field": "score_field",
        "components": "[normal(mean: [0, 0]), normal(mean: [1, 1])]", "curve": "\"spiral\"", "value": "1",
        "condition": "true", "message": "\"m\"", "topic": "\"len\"", "step": "0.1", "steps": "3", "lag": "1",
        "layers": "[scatter(spiral(5))]", "start": "[0.1, 0.2]", "stop": "3", "from": "[0, 0]", "to": "[0.1, 0.1]",
    ]

    /// Globals every call can use: a small trained model, a chain, tiny and odd datasets: `empty` a
    /// single row (`rows` rejects an empty range), `none` no rows at all (a slice can pick none).
    static let prelude = """
        m = dae(hidden: 3, sigma: 0.1)
        train(m, spiral(30), iters: 3)
        ch = sample(m, mh(0.1), 10, chains: 2, burn: 2)
        empty = rows(spiral(3), 0, 1)
        none = spiral(3)[0:0]
        d3 = gaussian(5, mean: [0, 0, 0])
        d1 = gaussian(5, mean: [0])
        score_field = nil
        """

    func testEveryBuiltinSurvivesBadInput() throws {
        let sandbox = try BadInputSandbox("ae-bad-input")
        defer { sandbox.close() }
        let options = sandbox.options(seconds: 2)
        let probe = Engine(options: options, output: { _ in }, diagnostics: { _ in })
        probe.register(Builtins.all)
        let functions: [Function] = probe.globalNames.compactMap {
            if case .function(let function)? = probe.global($0), function.isNative { return function }
            return nil
        }
        XCTAssertGreaterThan(functions.count, 80, "every builtin is covered")
        var calls = 0, errors = 0
        var slowest = (0.0, "")
        for function in functions {
            let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
            engine.register(Builtins.all)
            try engine.run(Self.prelude, file: "prelude.ae")
            let parameters = function.parameters.filter { !$0.isVariadic }
            let required = parameters.filter(\.isRequired)
            func good(_ p: Parameter) -> String { Self.plausible[p.name] ?? "1" }
            var sources = [
                "\(function.name)()",
                "\(function.name)(no_such_argument: 1)",
                "\(function.name)(\(Array(repeating: "1", count: parameters.count + 3).joined(separator: ", ")))",
            ]
            for bad in Self.badValues {
                sources.append("\(function.name)(\(bad))")
                if !parameters.isEmpty {
                    sources.append("\(function.name)(\(parameters.map { _ in bad }.joined(separator: ", ")))")
                }
                for p in parameters {
                    // The required ones plausible, this one bad (by name).
                    let others = required.filter { $0.name != p.name }.map { "\($0.name): \(good($0))" }
                    sources.append("\(function.name)(\((others + ["\(p.name): \(bad)"]).joined(separator: ", ")))")
                }
            }
            for source in sources {
                engine.interruptFlag.clear()
                calls += 1
                let start = Date()
                do {
                    _ = try engine.run(source, file: "bad.ae")
                } catch let error as ScriptError {
                    errors += 1
                    XCTAssertGreaterThan(error.line, 0, "\(source) is positioned: \(error.rendered)")
                    // error("") stops with the message it was given, which is empty.
                    if function.name != "error" { XCTAssertFalse(error.message.isEmpty, source) }
                } catch let error as ScriptErrors {
                    errors += 1
                    XCTAssertTrue(error.errors.allSatisfy { $0.line > 0 }, source)
                } catch {
                    XCTFail("\(source) threw \(type(of: error)): \(error)")
                }
                let seconds = Date().timeIntervalSince(start)
                if seconds > slowest.0 { slowest = (seconds, source) }
            }
        }
        print("bad input: \(calls) calls over \(functions.count) builtins, \(errors) errors, slowest \(slowest)")
        XCTAssertGreaterThan(errors, calls / 2)
        XCTAssertLessThan(slowest.0, 10, "no call outlives its deadline by much: \(slowest.1)")
    }

    /// Requests that would not fit in memory fail at once, before allocating.
    func testHugeRequestsFailBeforeAllocating() throws {
        var options = EngineOptions()
        options.quiet = true
        let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
        engine.register(Builtins.all)
        for source in ["dae(hidden: 1e12, sigma: 0.1)", "range(1e15)", "grid(0, 1, 0, 1, 1e9)", "spiral(1e12)",
                       "gaussian(1e9, mean: [0, 0])", "manifold10(1e11)", "rcae(hidden: 1e10, sigma: 0.1)"] {
            let start = Date()
            do {
                _ = try engine.run(source, file: "huge.ae")
                XCTFail("\(source) should fail")
            } catch let error as ScriptError {
                XCTAssertTrue([.runtime, .limit].contains(error.kind), "\(source): \(error.rendered)")
                XCTAssertTrue(error.message.contains("limit") || error.message.contains("memory")
                              || error.message.contains("more than") || error.message.contains("at most"),
                              "\(source): \(error.message)")
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 1, source)
        }
    }
}
