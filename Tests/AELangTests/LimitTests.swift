import AELang
import XCTest

final class LimitTests: XCTestCase {
    func testThousandDeepRecursionWorks() throws {
        let (engine, _) = makeEngine()
        XCTAssertEqual(try engine.run("fn d(n) { if n == 0 { 0 } else { 1 + d(n - 1) } }\nd(999)"), .number(999))
    }

    func testDeepRecursionIsAnErrorNotACrash() {
        let (engine, _) = makeEngine()
        let error = scriptError(engine, "fn d(n) { if n == 0 { 0 } else { 1 + d(n - 1) } }\nd(100000)")
        XCTAssertEqual(error?.kind, .limit)
        XCTAssertEqual(error?.message, "call depth exceeded (limit 1000)")
        XCTAssertEqual(error?.exitCode, 70)
    }

    func testRaisedCallDepthStillFitsTheStack() throws {
        let (engine, _) = makeEngine { $0.maxCallDepth = 100_000 }
        XCTAssertEqual(try engine.run("fn d(n) { if n == 0 { 0 } else { 1 + d(n - 1) } }\nd(99999)"), .number(99999))
    }

    func testDeepNestingIsASyntaxError() {
        let (engine, _) = makeEngine()
        let source = "x = " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let error = scriptError(engine, source)
        XCTAssertEqual(error?.kind, .syntax)
        XCTAssertEqual(error?.message, "nesting too deep (more than 200 levels)")
        let unary = scriptError(engine, "x = " + String(repeating: "-", count: 100_000) + "1")
        XCTAssertEqual(unary?.message, "nesting too deep (more than 200 levels)")
        let blocks = scriptError(engine, String(repeating: "if true { ", count: 300) + String(repeating: "}", count: 300))
        XCTAssertEqual(blocks?.message, "nesting too deep (more than 200 levels)")
    }

    func testStepsDeadlineAndSizes() {
        let (steps, _) = makeEngine { $0.maxSteps = 500 }
        XCTAssertEqual(scriptError(steps, "for i in range(1000) { }")?.message, "step limit exceeded (500 steps)")
        let (timed, _) = makeEngine { $0.deadline = 0.1 }
        XCTAssertEqual(scriptError(timed, "while true { }")?.kind, .limit)
        let (sized, _) = makeEngine { $0.maxElements = 10 }
        XCTAssertEqual(scriptError(sized, "xs = []\nfor i in range(20) { xs = xs ++ [i] }")?.message,
                       "size limit exceeded: 11 elements (limit 10)")
        XCTAssertEqual(scriptError(sized, "s = \"{range(5)}{range(5)}\"")?.kind, .limit)
    }

    func testAtMostTwentySyntaxErrors() {
        let (engine, _) = makeEngine()
        let source = String(repeating: "x = )\n", count: 30)
        XCTAssertThrowsError(try engine.run(source)) { error in
            XCTAssertEqual((error as? ScriptErrors)?.errors.count, 20)
            XCTAssertEqual((error as? ScriptErrors)?.errors.map(\.line), Array(1...20))
        }
    }
}

final class DeepValueTests: XCTestCase {
    func testValuesNestedDeeperThanMaxNestingAreALimitError() {
        let (engine, _) = makeEngine()
        let error = scriptError(engine, "x = []\nfor i in range(300000) { x = [x] }")
        XCTAssertEqual(error?.kind, .limit)
        XCTAssertEqual(error?.message, "value nested too deeply (more than 200 levels)")
        XCTAssertEqual(error?.line, 2)
        let record = scriptError(engine, "r = {}\nfor i in range(1000) { r = {a: r} }")
        XCTAssertEqual(record?.message, "value nested too deeply (more than 200 levels)")
        let assigned = scriptError(engine, "y = [0]\nfor i in range(1000) { y[0] = y }")
        XCTAssertEqual(assigned?.message, "value nested too deeply (more than 200 levels)")
    }

    func testDeepValuesCanBeDroppedByTheHostOnAnOrdinaryStack() throws {
        var value: Value? = nil
        do {
            let (engine, _) = makeEngine { $0.maxNesting = 3000 }
            value = try engine.run("x = []\nfor i in range(2999) { x = [x] }\nx")
            XCTAssertNotNil(engine.global("x"))
        }
        // The engine was dropped here, on the test's thread; now the value it returned.
        value = nil
        XCTAssertNil(value)
    }
}
