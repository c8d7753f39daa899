import AEBindings
import AELang
import XCTest

/// The random numbers belong to each engine: `seed(n)` in one engine leaves another's stream alone.
final class SeedTests: XCTestCase {
    private func engine(seed: UInt64) -> Engine {
        var options = EngineOptions()
        options.quiet = true
        options.seed = seed
        let engine = Engine(options: options, output: { _ in }, diagnostics: { _ in })
        engine.register(Builtins.all)
        return engine
    }

    private func draw(_ engine: Engine) throws -> Value {
        try engine.run("tolist(gaussian(3, dim: 1))")
    }

    func testSeedIsPerEngine() throws {
        let reseeded = engine(seed: 5), untouched = engine(seed: 5)
        _ = try reseeded.run("seed(11)")
        XCTAssertEqual(try draw(untouched), try draw(engine(seed: 5)), "seed(11) elsewhere changed this engine's stream")
        let fresh = engine(seed: 5)
        _ = try fresh.run("seed(11)")
        XCTAssertEqual(try draw(reseeded), try draw(fresh))
        XCTAssertNotEqual(try draw(engine(seed: 5)), try draw(engine(seed: 11)))
    }
}
