import AELang
import XCTest

/// Native functions declared with Swift-typed parameters: conversion, defaults, nil, results, and the
/// same positioned errors as the `Arguments` accessors.
final class TypedFunctionTests: XCTestCase {
    func engine() -> Engine {
        let (engine, _) = makeEngine()
        engine.register(Function(name: "discount",
                                 parameters: [Parameter("price"), Parameter("rate", default: Value(0.1))],
                                 doc: "discount(price, rate: 0.1): the price after a discount.") {
            (price: Double, rate: Double) in price * (1 - rate)
        })
        engine.register(Function(name: "repeat_text", parameters: [Parameter("text"), Parameter("times")],
                                 doc: "repeat_text(text, times)") { (text: String, times: Int) in
            String(repeating: text, count: times)
        })
        engine.register(Function(name: "scaled", parameters: [Parameter("xs"), Parameter("by", default: .nil)],
                                 doc: "scaled(xs, by:)") { (xs: [Double], by: Double?) in
            xs.map { $0 * (by ?? 2) }
        })
        engine.register(Function(name: "apply", parameters: [Parameter("f"), Parameter("x")],
                                 doc: "apply(f, x)") { (f: Function, x: Value) -> Value in .list([.function(f), x]) })
        return engine
    }

    func testArgumentsAreConvertedAndResultsReturned() throws {
        let e = engine()
        XCTAssertEqual(try e.run("discount(200)"), .number(180))
        XCTAssertEqual(try e.run("discount(200, rate: 0.25)"), .number(150))
        XCTAssertEqual(try e.run("discount(rate: 0.5, price: 10)"), .number(5))
        XCTAssertEqual(try e.run("repeat_text(\"ab\", 3)"), .string("ababab"))
        XCTAssertEqual(try e.run("scaled([1, 2])"), Value([2.0, 4]))
        XCTAssertEqual(try e.run("scaled(3, by: 10)"), Value([30.0]))
        XCTAssertEqual(e.describe(try e.run("apply(len, nil)")), "[<fn len>, nil]")
        XCTAssertEqual(try e.run("help(discount)"), .nil)
    }

    func testWrongTypesAreErrorsAtTheArgument() throws {
        let e = engine()
        let error = scriptError(e, "x = discount(\"cheap\")", file: "t.ae")
        XCTAssertEqual(error?.rendered, """
            t.ae:1:14: error: discount(): price must be a number, not string
              1 | x = discount("cheap")
                |              ^^^^^^^

            """)
        XCTAssertEqual(scriptError(e, "repeat_text(\"a\", 1.5)")?.message, "repeat_text(): times must be a whole number, got 1.5")
        XCTAssertEqual(scriptError(e, "scaled([1, \"b\"])")?.message, "scaled(): xs must be a list of numbers, found a string")
        XCTAssertEqual(scriptError(e, "apply(1, 2)")?.message, "apply(): f must be a function, not number")
        XCTAssertEqual(scriptError(e, "discount()")?.message, "missing argument 'price' for discount(price:, rate:)")
    }
}
