import XCTest
import AELang
import AEBindings

/// Every example in the data builtins' help text runs.
final class DataDocExamplesTests: XCTestCase {
    static let names = ["seed", "spiral", "circle", "gaussian", "mixture", "manifold10", "grid", "dataset",
                        "rows", "col", "concat", "shuffle", "load_csv", "save_csv", "load_npy", "save_npy"]

    func testEveryExampleRuns() throws {
        try assertHelpExamplesRun(Self.names, files: true) {
            // The files the load examples read.
            try "x,y\n0.5,1\n2,3\n".write(toFile: "points.csv", atomically: true, encoding: .utf8)
            var options = EngineOptions()
            options.allowFileWrite = true
            let engine = Engine(options: options)
            engine.register(Builtins.all)
            _ = try engine.run("save_npy(spiral(10), \"samples.npy\")")
        }
    }
}
