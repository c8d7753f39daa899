import XCTest
import AELang
import AEBindings

/// Every example in the density builtins' help runs, and the values they state are right.
final class DensityDocExamplesTests: XCTestCase {
    static let names = ["normal", "mixture", "energy1d", "spiral_density", "manifold10_density", "density",
                        "draw", "logp", "energy", "true_score", "true_hessian", "rcae1d", "dae1d",
                        "optimal_dae", "score_error", "local_mean", "directions", "asymmetry", "curl"]

    func testEveryExampleRuns() throws {
        try assertHelpExamplesRun(Self.names)
    }

    /// The values the examples state in their comments.
    func testExampleValues() throws {
        let engine = Engine(output: { _ in }, diagnostics: { _ in })
        engine.register(Builtins.all)
        func value(_ code: String) throws -> Value { try engine.run(code) }
        XCTAssertEqual(try value("logp(normal(), 0)"), .number(-0.9189385332046727))
        XCTAssertEqual(try value("energy(normal(), 1)"), .number(1.4189385332046727))
        XCTAssertEqual(try value("true_score(normal(sd: 2), 1)"), .number(-0.25))
        XCTAssertEqual(try value("true_score(normal(mean: [0, 0], sd: 0.5), [1, 0])"), .list([.number(-4), .number(0)]))
        XCTAssertEqual(try value("rcae1d(energy1d(), 0.31).error"), .number(2.6688192345736974))
        XCTAssertEqual(try value("dae1d(energy1d(), 0.31).error"), .number(2.7777531670738322))
        XCTAssertEqual(try value("optimal_dae(normal(sd: 0.7), 0.4, x: 1)"), .number(0.7538461538461538))
        XCTAssertEqual(try value("asymmetry(optimal_dae(spiral_density(), 0.02), [0.1, 0.2])"), .number(0))
        guard case .number(let s) = try value("true_score(density(fn(x) x^4 / 4 - x^2 / 2), 0.5)") else {
            return XCTFail("true_score of a density(fn) is a number")
        }
        XCTAssertEqual(s, 0.375, accuracy: 1e-8)
    }
}
