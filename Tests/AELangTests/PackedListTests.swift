import AELang
import XCTest

/// Lists of numbers are stored packed (`Value.numbers`); builtins that do not declare that they handle
/// that form see an ordinary `.list`, at any depth, in their arguments and in what their callbacks
/// return.
final class PackedListTests: XCTestCase {
    /// A builtin that reports the form of what it received, and of what its callback returns.
    private func probe(accepting: Bool) -> Function {
        let function = Function(name: "probe", parameters: [Parameter("x"), Parameter("f", default: .nil)],
                                doc: "probe(x, f): the forms of x and of f(x).\n\n    probe([1])") { args in
            func form(_ value: Value) -> String {
                switch value {
                case .numbers: return "packed"
                case .list(let items): return "list[" + items.map(form).joined(separator: ",") + "]"
                case .record(let record): return "record{" + record.values.map(form).joined(separator: ",") + "}"
                default: return value.typeName
                }
            }
            var text = form(args["x"])
            if case .function(let f) = args["f"] { text += " -> " + form(try args.context.call(f, [args["x"]])) }
            return .string(text)
        }
        function.acceptsPackedLists = accepting
        return function
    }

    func testLiteralsRangesAndArithmeticMakePackedLists() throws {
        let (engine, _) = makeEngine()
        engine.register([probe(accepting: true)])
        XCTAssertEqual(try engine.run("probe([1, 2])"), .string("packed"))
        XCTAssertEqual(try engine.run("probe(range(3) * 2)"), .string("packed"))
        XCTAssertEqual(try engine.run("probe([1, \"a\"])"), .string("list[number,string]"))
        XCTAssertEqual(try engine.run("probe([[1], {a: [2]}], fn(x) x[0])"), .string("list[packed,record{packed}] -> packed"))
        XCTAssertEqual(try engine.run("[1, 2]"), .numbers([1, 2]))
        XCTAssertEqual(try engine.run("[1, 2]"), .list([.number(1), .number(2)]), "the two forms are one value")
    }

    func testBuiltinsThatDoNotDeclareItSeeOrdinaryLists() throws {
        let (engine, _) = makeEngine()
        engine.register([probe(accepting: false)])
        XCTAssertEqual(try engine.run("probe([1, 2])"), .string("list[number,number]"))
        XCTAssertEqual(try engine.run("probe([[1], {a: [2]}], fn(x) x[0])"),
                       .string("list[list[number],record{list[number]}] -> list[number]"))
    }

    func testHostConversionsReadBothForms() throws {
        let (engine, _) = makeEngine()
        XCTAssertEqual([Double](try engine.run("range(3) ++ [7]")), [0, 1, 2, 7])
        XCTAssertEqual(try engine.run("[1.5]").asList, [.number(1.5)])
        XCTAssertEqual([[Double]](try engine.run("[[1, 2], [3, 4]] * 2")), [[2, 4], [6, 8]])
    }
}
