import AELang
import XCTest

final class LanguageTests: XCTestCase {
    private func value(_ source: String) throws -> Value {
        let (engine, _) = makeEngine()
        return try engine.run(source)
    }

    func testClosuresCaptureVariablesNotCopies() throws {
        XCTAssertEqual(try value("fn make() { v = 1; get = fn() v; v = 2; get }\nmake()()"), .number(2))
        XCTAssertEqual(try value("fn c() { n = 0; fn() { n = n + 1; n } }\nf = c(); f(); f(); f()"), .number(3))
    }

    func testListsAreValues() throws {
        XCTAssertEqual(try value("a = [1, 2]; b = a; a[0] = 5; b"), .list([.number(1), .number(2)]))
        XCTAssertEqual(try value("r = {xs: [1]}; s = r; r.xs[0] = 2; s.xs[0]"), .number(1))
    }

    func testAppendInPlaceKeepsOtherCopies() throws {
        XCTAssertEqual(try value("a = [1]; b = a; a = a ++ [2]; [a, b]"),
                       .list([.list([.number(1), .number(2)]), .list([.number(1)])]))
        XCTAssertEqual(try value("s = \"a\"; t = s; s = s + \"b\"; t + s"), .string("aab"))
    }

    func testEditDistanceHints() {
        let (engine, _) = makeEngine()
        XCTAssertEqual(scriptError(engine, "lenn([1])")?.hint, "did you mean 'len'?")
        XCTAssertNil(scriptError(engine, "zzzzzz")?.hint, "nothing close")
        XCTAssertEqual(scriptError(engine, "price(1)")?.hint, "did you mean 'print'?")
    }

    func testNumbersAndOperators() throws {
        XCTAssertEqual(try value("-7 % 3"), .number(2))
        XCTAssertEqual(try value("2 ^ 3 ^ 2"), .number(512))
        XCTAssertEqual(try value("-2 ^ 2"), .number(-4))
        XCTAssertEqual(try value("1 < 2 and 2 < 3"), .bool(true))
        XCTAssertEqual(try value("nil or 4"), .number(4))
    }

    func testTracebackListsUserFrames() {
        let (engine, _) = makeEngine()
        let error = scriptError(engine, "fn a(x) { x + nil }\nfn b(x) {\n  a(x)\n}\nb(1)", file: "tb.ae")
        XCTAssertEqual(error?.message, "cannot add number and nil")
        XCTAssertEqual(error?.traceback.map(\.function), ["a", "b"])
        XCTAssertEqual(error?.traceback.map(\.line), [1, 3])
        XCTAssertTrue(error?.rendered.contains("traceback (innermost first):\n  in a at tb.ae:1:13\n  in b at tb.ae:3:3\n") ?? false,
                      error?.rendered ?? "")
    }
}
