// An example host: embeds an ae engine, registers a Swift function, runs scripts under limits and
// reports their errors. Built and run by CI: `swift run -c release ae-embed-example`.
import AEBindings
import AELang
import Foundation

var output = ""
// At most 10^6 steps, 5 s, 10^6 elements and 200 nested calls; file reading and writing stay off.
let options = EngineOptions.sandbox()
let engine = Engine(options: options, output: { output += $0 }, diagnostics: { _ in })
engine.register(Builtins.all)

// A native function with a typed parameter, a named argument with a default and a doc string.
engine.register(Function(
    name: "discount",
    parameters: [Parameter("price"), Parameter("rate", default: Value(0.1))],
    doc: "discount(price, rate: 0.1): the price after a discount of `rate` (0 to 1).\n\n    discount(200, rate: 0.25)   # 150"
) { args in
    let price = try args.finite("price")
    let rate = try args.number("rate")
    guard (0...1).contains(rate) else { throw NativeError("rate must be between 0 and 1", argument: "rate") }
    return Value(price * (1 - rate))
})
// The same kind of function with Swift-typed parameters: the engine converts and checks each argument.
engine.register(Function(name: "tax", parameters: [Parameter("amount"), Parameter("percent", default: Value(20))],
                         doc: "tax(amount, percent: 20): the tax on `amount`.") { (amount: Double, percent: Double) in
    amount * percent / 100
})
engine.moduleLoader = { name in name == "shop" ? "fn total(prices) { sum(prices) }" : nil }
engine.setGlobal("prices", Value([120.0, 80, 45.5]))

var failures = 0
func expect(_ condition: Bool, _ what: String) {
    print((condition ? "ok   " : "FAIL ") + what)
    if !condition { failures += 1 }
}

// 1. A script that works: a value back, converted to Swift.
let value = try engine.run("""
    import "shop"
    print("before: {total(prices)}")
    out = []
    for p in prices { out = out ++ [discount(p, rate: 0.5)] }
    out
    """, file: "shop.ae")
expect([Double](value) == [60, 40, 22.75], "script result \(engine.describe(value))")
expect(output == "before: 245.5\n", "printed output went to the host's sink")

expect((try? engine.run("tax(200, percent: 5)")) == Value(10), "typed function")

// 2. Errors come back structured.
func failure(_ source: String) -> ScriptError? {
    do { _ = try engine.run(source, file: "bad.ae"); return nil } catch let error as ScriptError { return error } catch { return nil }
}
if let error = failure("discount(10, rate: 2)") {
    print(error.rendered)
    expect(error.kind == .runtime && error.line == 1 && error.column == 14, "bad argument is positioned at 'rate'")
}
expect(failure("tax(\"200\")")?.message == "tax(): amount must be a number, not string", "typed argument checked")
expect(failure("while true { }")?.message == "step limit exceeded (1000000 steps)", "step limit")
expect(failure("fn f(n) { f(n + 1) }\nf(0)")?.kind == .limit, "recursion limit")
expect(failure("range(1e9)")?.kind == .runtime, "allocation limit")
expect(failure("save_csv(spiral(3), \"x.csv\")")?.message == "writing files is not allowed in this engine",
       "file writing is off")

// 3. cancel() (thread-safe) stops the run; the request stays until the host clears it.
engine.cancel()
expect(failure("1 + 1")?.kind == .interrupted, "cancel")
engine.interruptFlag.clear()
expect((try? engine.run("1 + 1")) == Value(2), "runs again once cleared")

print(failures == 0 ? "embedding example: all checks passed" : "embedding example: \(failures) checks failed")
exit(failures == 0 ? 0 : 1)
