import AELang
import Foundation
import XCTest

/// `Engine.apiDescription()`: what `ae --dump-api`, the language server and hosts describe the
/// builtins with. A host's own functions are described as the core ones are.
final class APIDescriptionTests: XCTestCase {
    private func hostEngine() -> Engine {
        let (engine, _) = makeEngine()
        let blur = Function(
            name: "blur",
            parameters: [Parameter("images", variadic: true), Parameter("radius", default: .number(1.5)),
                         Parameter("mode", default: .string("edge")), Parameter("mask", default: .nil)],
            doc: "blur(images..., radius: 1.5, mode: \"edge\", mask: nil): each image blurred.\n\n    blur(img)"
        ) { _ in .nil }
        blur.topic = "imaging"
        let unfiled = Function(name: "ping", parameters: [Parameter("host")], doc: "ping(host): true when it answers.") { _ in .nil }
        engine.register([blur, unfiled])
        return engine
    }

    func testAHostFunctionIsDescribedExactly() throws {
        let json = hostEngine().apiDescription().json
        XCTAssertTrue(json.contains(#"""
                {
                  "help" : "blur(images..., radius: 1.5, mode: \"edge\", mask: nil): each image blurred.\n\n    blur(img)",
                  "name" : "blur",
                  "parameters" : [
                    {
                      "name" : "images",
                      "variadic" : true
                    },
                    {
                      "default" : "1.5",
                      "name" : "radius",
                      "variadic" : false
                    },
                    {
                      "default" : "\"edge\"",
                      "name" : "mode",
                      "variadic" : false
                    },
                    {
                      "default" : "nil",
                      "name" : "mask",
                      "variadic" : false
                    }
                  ],
                  "signature" : "blur(images..., radius:, mode:, mask:)",
                  "topic" : "imaging"
                },
            """#), json)
    }

    func testTopicsFollowHelpsOrderAndUnfiledFunctionsAreOther() throws {
        let description = hostEngine().apiDescription()
        XCTAssertEqual(description.topics, ["language", "lists", "strings", "records", "math", "arrays", "imaging", "other"])
        XCTAssertEqual(description.functions.first { $0.name == "ping" }?.topic, "other")
        XCTAssertEqual(description.functions.map(\.name), description.functions.map(\.name).sorted())
    }

    func testEveryBuiltinIsDescribedWithItsHelpAndNothingElse() throws {
        let engine = hostEngine()
        try engine.run("fn mine(x) { x }\ny = 2")
        let description = engine.apiDescription()
        let builtins = engine.globalNames.filter { name in
            if case .function(let function)? = engine.global(name) { return function.isNative }
            return false
        }
        XCTAssertEqual(description.functions.map(\.name), builtins)
        XCTAssertFalse(builtins.contains("mine"))
        for function in description.functions {
            XCTAssertEqual(function.help, engine.help(function.name), function.name)
        }
    }

    func testTheJSONDecodesBackToTheSameDescription() throws {
        let description = hostEngine().apiDescription()
        let decoded = try JSONDecoder().decode(APIDescription.self, from: Data(description.json.utf8))
        XCTAssertEqual(decoded, description)
    }
}
