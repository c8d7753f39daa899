import XCTest

/// Every example in the plotting builtins' help runs.
final class PlotDocExamplesTests: XCTestCase {
    static let names = ["scatter", "lines", "curve", "quiver", "pairs", "hist", "trace", "markers", "images", "figure", "add",
                        "panels", "show"]

    func testEveryExampleRuns() throws {
        try assertHelpExamplesRun(Self.names)
    }
}
