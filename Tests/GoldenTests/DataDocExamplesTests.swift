import Foundation
import XCTest
import AELang
import AEBindings

/// Every example in the data builtins' help text runs.
final class DataDocExamplesTests: XCTestCase {
    static let names = ["seed", "spiral", "circle", "gaussian", "mixture", "manifold10", "grid", "dataset",
                        "rows", "col", "concat", "shuffle", "load_csv", "save_csv", "load_npy", "save_npy", "digits",
                        "load_idx"]

    func testEveryExampleRuns() throws {
        try assertHelpExamplesRun(Self.names, files: true) {
            // The files the load examples read.
            try "x,y\n0.5,1\n2,3\n".write(toFile: "points.csv", atomically: true, encoding: .utf8)
            var options = EngineOptions()
            options.allowFileWrite = true
            let engine = Engine(options: options)
            engine.register(Builtins.all)
            _ = try engine.run("save_npy(spiral(10), \"samples.npy\")")
            // MNIST's files in miniature: two blank 28×28 images and their labels.
            try Data([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28] + [UInt8](repeating: 0, count: 2 * 784))
                .write(to: URL(fileURLWithPath: "train-images-idx3-ubyte"))
            try Data([0, 0, 8, 1, 0, 0, 0, 2, 5, 0]).write(to: URL(fileURLWithPath: "train-labels-idx1-ubyte"))
        }
    }
}
