import Foundation
import XCTest

/// `ae --dump-api`: every builtin of the program as JSON, agreeing with `help`.
final class DumpAPITests: XCTestCase {
    func testDaeIsDescribedWithItsLabelsDefaultsTopicAndHelp() throws {
        let outcome = try AEProgram.run(["--dump-api"])
        XCTAssertEqual(outcome.status, 0)
        XCTAssertEqual(outcome.stderr, "")
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let functions = try XCTUnwrap(root["functions"] as? [[String: Any]])
        let dae = try XCTUnwrap(functions.first { $0["name"] as? String == "dae" })
        XCTAssertEqual(dae["topic"] as? String, "models")
        let parameters = try XCTUnwrap(dae["parameters"] as? [[String: Any]])
        let written = parameters.map { p in "\(p["name"]!)" + ((p["default"] as? String).map { "=\($0)" } ?? "") }
        XCTAssertEqual(written, ["hidden", "sigma", "tied=false", "activation=\"tanh\"", "decoder=\"linear\"",
                                 "replicate=1", "resample=false", "seed=nil", "init=nil"])
        let help = try AEProgram.run(["-e", "help(\"dae\")"]).stdout
        XCTAssertEqual((dae["help"] as? String).map { $0 + "\n" }, help)
        // The core builtins and the numerical ones, in the order help() lists their topics.
        XCTAssertEqual(root["topics"] as? [String], ["language", "lists", "strings", "records", "math", "arrays",
                                                     "files", "data", "models", "densities", "sampling", "plots"])
        // Exactly the functions help() lists, each once.
        let index = try AEProgram.run(["-e", "help()"]).stdout
        let listed = index.split(separator: "\n").dropLast().flatMap { line in
            (line.hasPrefix(" ") ? line : line.drop { $0 != ":" }.dropFirst())
                .split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        }
        let names = functions.compactMap { $0["name"] as? String }
        XCTAssertEqual(names.count, Set(names).count)
        XCTAssertEqual(Set(names), Set(listed))
        XCTAssertGreaterThan(names.count, 150)
        XCTAssertTrue(functions.contains { $0["name"] as? String == "print" })
    }

    func testTheEditorModesTakeNoScript() throws {
        for arguments in [["--dump-api", "x.ae"], ["--lsp", "-e", "1"], ["--check", "--lsp"], ["--lsp", "--dump-api"]] {
            let outcome = try AEProgram.run(arguments)
            XCTAssertEqual(outcome.status, 64, "\(arguments)")
            XCTAssertTrue(outcome.stderr.contains("takes no script, -e or other mode"), outcome.stderr)
            XCTAssertEqual(outcome.stdout, "")
        }
    }

    func testTheOutputIsTheSameOnEveryRun() throws {
        XCTAssertEqual(try AEProgram.run(["--dump-api"]).stdout, try AEProgram.run(["--dump-api", "--seed", "3"]).stdout)
    }
}
