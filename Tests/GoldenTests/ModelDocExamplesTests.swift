import XCTest

/// Every example in the model builtins' help text runs (with file access, for save and load).
final class ModelDocExamplesTests: XCTestCase {
    static let names = ["dae", "rcae", "cae", "train", "reconstruct", "encode", "score", "jacobian", "hessian",
                        "energy_diff", "load"]

    func testEveryExampleRuns() throws {
        try assertHelpExamplesRun(Self.names, files: true)
    }
}
