import XCTest

/// Every example in the help of the core library's list, string and record functions runs.
final class LibraryDocExamplesTests: XCTestCase {
    static let lists = ["map", "filter", "reduce", "sort", "reversed", "zip", "enumerate", "any", "all", "count",
                        "unique", "flatten", "append", "insert", "remove"]
    static let strings = ["split", "join", "upper", "lower", "replace", "trim", "starts_with", "ends_with", "find",
                          "repeat", "pad"]
    static let records = ["keys", "values", "has", "merge"]

    func testEveryExampleRuns() throws {
        try assertHelpExamplesRun(Self.lists + Self.strings + Self.records)
    }
}
