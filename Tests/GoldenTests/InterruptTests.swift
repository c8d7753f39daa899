import Synchronization
import XCTest
import AELang
import AEBindings

/// Ctrl-C during `sample` or `train`: the builtin stops early and returns what it has (a partial
/// Chain, a model with the iterations done), so the REPL shows it; the interrupt flag stays set, so a
/// running script still stops at the evaluator's next check. `interrupt_now()` stands for Ctrl-C.
final class InterruptTests: XCTestCase {
    func engine() -> Engine {
        var options = EngineOptions()
        options.quiet = true
        let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
        engine.register(Builtins.all)
        engine.register(Function(name: "interrupt_now", parameters: [], doc: "sets the interrupt flag") { [unowned engine] _ in
            engine.cancel()
            return .nil
        })
        return engine
    }

    /// The next REPL entry: like the `ae` REPL, the host clears the interrupt flag before each entry
    /// (the engine leaves clearing to its host, so that no Ctrl-C is lost).
    func next(_ e: Engine, _ source: String) throws -> Value? {
        e.interruptFlag.clear()
        return try e.evaluateInteractive(source)
    }

    func attribute(_ value: Value?, _ name: String) -> Value? {
        guard case .object(let object)? = value else { return nil }
        return object.attribute(name)
    }

    func testSampleReturnsThePartialChainAtThePrompt() throws {
        let e = engine()
        let chain = try e.evaluateInteractive("interrupt_now(); sample(normal(mean: [0, 0]), mh(0.5), 100, chains: 2, burn: 0)")
        XCTAssertEqual(attribute(chain, "interrupted"), .bool(true))
        XCTAssertEqual(try next(e, "len(ans)"), .number(1))
        XCTAssertEqual(try next(e, "1 + 1"), .number(2))
    }

    /// Annealed Langevin stops after its first step and returns every chain's state then, undenoised.
    func testAnnealedSampleReturnsTheStatesSoFarAtThePrompt() throws {
        let e = engine()
        let chain = try e.evaluateInteractive(
            "l = ladder(normal(mean: [0, 0]), sigmas: [2, 1]); interrupt_now(); sample(l, annealed_langevin(0.01), 30, start: [3, 3])")
        XCTAssertEqual(attribute(chain, "interrupted"), .bool(true))
        XCTAssertEqual(try next(e, "c = ans; len(c.samples)"), .number(30))
        XCTAssertEqual(try next(e, "c.samples[0] != [3, 3] and max(c.travel) < 3"), .bool(true))
    }

    func testSampleInterruptedDuringBurnInReturnsAnEmptyChain() throws {
        let e = engine()
        _ = try e.evaluateInteractive("interrupt_now(); c = sample(normal(), mh(0.5), 100, chains: 2, burn: 50)")
        XCTAssertEqual(try next(e, "c.interrupted"), .bool(true))
        XCTAssertEqual(try next(e, "len(c)"), .number(0))
        for query in ["str(c)", "summary(c)", "c.rhat", "c.ess", "c.samples", "c.acceptance"] {
            XCTAssertNoThrow(try next(e, query), query)
        }
    }

    func testTrainReturnsTheModelAtThePrompt() throws {
        let e = engine()
        _ = try e.evaluateInteractive("ae = dae(hidden: 3, sigma: 0.1)")
        let model = try e.evaluateInteractive("interrupt_now(); train(ae, spiral(20), iters: 50)")
        // Stopped inside the first evaluation: initialised, no iteration done.
        XCTAssertEqual(attribute(model, "iterations"), .number(0))
        XCTAssertEqual(try next(e, "len(ae.losses)"), .number(0))
    }

    func testAnInterruptStillEndsARunningScript() {
        for call in ["sample(normal(), mh(0.5), 100, burn: 0)", "train(dae(hidden: 3, sigma: 0.1), spiral(20), iters: 50)"] {
            let printed = Mutex("")
            var options = EngineOptions()
            options.quiet = true
            let e = Engine(options: options, output: { text in printed.withLock { $0 += text } }, diagnostics: { _ in })
            e.register(Builtins.all)
            e.register(Function(name: "interrupt_now", parameters: [], doc: "") { [unowned e] _ in e.cancel(); return .nil })
            XCTAssertThrowsError(try e.run("interrupt_now(); x = \(call); for i in range(100000) { }; print(1)")) { error in
                XCTAssertEqual((error as? ScriptError)?.kind, .interrupted, call)
            }
            XCTAssertEqual(printed.withLock { $0 }, "", call)
        }
    }

    /// One evaluation here takes seconds (4·10⁵ rows × 10⁴ hidden units): the deadline must stop it
    /// midway, not after the evaluation and its line search.
    func testADeadlineStopsTrainingInsideOneEvaluation() {
        var options = EngineOptions()
        options.quiet = true
        options.deadline = 0.2
        let e = Engine(options: options, output: { _ in }, diagnostics: { _ in })
        e.register(Builtins.all)
        let start = Date()
        XCTAssertThrowsError(try e.run("train(dae(hidden: 10000, sigma: 0.1), gaussian(400000, mean: [0, 0]), iters: 5)")) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "time limit exceeded (0.2 s)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2.5)
    }
}
