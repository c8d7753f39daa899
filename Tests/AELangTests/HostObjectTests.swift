import AELang
import XCTest

/// A host object with one settable and one read-only attribute.
private final class Knob: HostObject {
    static let typeName = "Knob"
    var level = 1.0
    var summary: String { "Knob(level \(formatNumber(level)))" }
    var attributeNames: [String] { ["level", "name"] }
    func attribute(_ name: String) -> Value? {
        switch name {
        case "level": return .number(level)
        case "name": return .string("knob")
        default: return nil
        }
    }
    func setAttribute(_ name: String, to value: Value) throws {
        guard name == "level" else { throw NativeError("cannot set attribute '\(name)' of a Knob") }
        guard case .number(let x) = value else { throw NativeError("level must be a number, not \(value.typeName)") }
        level = x
    }
    var count: Int? { 3 }
    func element(_ index: Value) throws -> Value? {
        guard case .number(let i) = index, i >= 0, i < 3 else { throw NativeError("knob index out of range") }
        return .number(i * 10)
    }
}

final class HostObjectTests: XCTestCase {
    func testAttributesPrintingAndIteration() throws {
        let (engine, sink) = makeEngine()
        let knob = Knob()
        engine.setGlobal("k", .object(knob))
        try engine.run("k.level = 4\nprint(k, k.level, k.name, type(k), len(k), k[2])\nfor v in k { print(v) }")
        XCTAssertEqual(knob.level, 4)
        XCTAssertEqual(sink.text, "Knob(level 4) 4 knob Knob 3 20\n0\n10\n20\n")
        XCTAssertEqual(engine.describe(.object(knob)), "Knob(level 4)")
    }

    func testAttributeErrors() {
        let (engine, _) = makeEngine()
        engine.setGlobal("k", .object(Knob()))
        let unknown = scriptError(engine, "k.levl")
        XCTAssertEqual(unknown?.message, "Knob has no attribute 'levl'")
        XCTAssertEqual(unknown?.hint, "did you mean 'level'?")
        XCTAssertEqual(scriptError(engine, "k.name = 1")?.message, "cannot set attribute 'name' of a Knob")
        XCTAssertEqual(scriptError(engine, "k.level = \"x\"")?.message, "level must be a number, not string")
        XCTAssertEqual(scriptError(engine, "k[5]")?.message, "knob index out of range")
    }
}
