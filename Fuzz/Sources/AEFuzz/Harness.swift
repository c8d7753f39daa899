import AEBindings
import AELang

/// libFuzzer's entry point: runs the input as an ae script in a fresh engine under tight limits.
/// Any ScriptError is a correct outcome; a crash, a hang (libFuzzer's -timeout) or a leak is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Tight enough that the slowest inputs (training, density(fn) normalising a script energy) cost
    // about 25 ms, so the fuzzer spends its time on many inputs rather than a few long ones (with
    // 0.1 s, such inputs made up most of the corpus and held a worker to ~200 executions/s).
    let options = EngineOptions.sandbox(steps: 20_000, seconds: 0.025, elements: 20_000, callDepth: 100)
    let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
    engine.register(Builtins.all)
    engine.moduleLoader = { name in name == "helpers" ? "fn helper(x) { x + 1 }" : nil }
    do {
        let value = try engine.run(source, file: "<fuzz>")
        _ = engine.describe(value)
    } catch let error as ScriptError {
        _ = error.rendered
    } catch let errors as ScriptErrors {
        _ = errors.rendered
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
