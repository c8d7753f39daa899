import AEBindings
import AELang
import XCTest

/// `help()` lists every function by area; `mkdir` obeys the host's file-write permission.
final class HelpIndexTests: XCTestCase {
    private func engine(allowFileWrite: Bool = true) -> (Engine, () -> String) {
        final class Sink { var text = "" }
        let sink = Sink()
        var options = EngineOptions()
        options.quiet = true
        options.allowFileWrite = allowFileWrite
        let engine = Engine(options: options, output: { sink.text += $0 }, diagnostics: { _ in })
        engine.register(Builtins.all)
        return (engine, { sink.text })
    }

    func testEveryBuiltinIsListedUnderItsArea() throws {
        let (engine, output) = engine()
        try engine.run("# Doubles x.\nfn twice(x) { 2 * x }\nhelp()")
        let lines = output().split(separator: "\n").map(String.init)
        let labels = lines.compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { return nil }
            return String(line[..<colon])
        }
        XCTAssertEqual(labels, ["language", "lists", "strings", "records", "math", "arrays", "files", "data", "models", "densities", "sampling", "plots",
                                "written in ae"])
        XCTAssertEqual(lines.last, "type help(name) for one of them; the language is described in docs/language.md")
        func names(_ label: String) -> Set<String> {
            // A group's names run from its label line over the indented lines below it.
            guard let start = lines.firstIndex(where: { $0.hasPrefix(label + ":") }) else { return [] }
            var text = String(lines[start].dropFirst(label.count + 1))
            for line in lines[(start + 1)...] {
                guard line.hasPrefix(" ") else { break }
                text += " " + line
            }
            return Set(text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init))
        }
        XCTAssertTrue(names("math").isSuperset(of: ["sin", "atan2", "round", "clamp", "format"]))
        XCTAssertTrue(names("arrays").isSuperset(of: ["norm", "dot", "transpose", "outer", "less", "not_equal",
                                                      "zeros", "linspace", "tolist"]))
        XCTAssertTrue(names("math").isSuperset(of: ["sum", "median", "min", "max"]))
        XCTAssertEqual(names("lists"), Set(LibraryDocExamplesTests.lists))
        XCTAssertEqual(names("strings"), Set(LibraryDocExamplesTests.strings))
        XCTAssertEqual(names("records"), Set(LibraryDocExamplesTests.records))
        XCTAssertTrue(names("files").isSuperset(of: ["save", "mkdir"]))
        XCTAssertTrue(names("models").isSuperset(of: ["dae", "train", "score"]))
        XCTAssertTrue(names("plots").isSuperset(of: ["scatter", "show"]))
        XCTAssertEqual(names("written in ae"), ["twice"])
        XCTAssertNil(labels.first { $0 == "other" }, "every builtin has a topic")
        for function in Builtins.all {
            XCTAssertNotNil(function.topic, "\(function.name) has no topic")
        }
    }

    func testMkdirNeedsTheFileWritePermission() {
        let (engine, _) = engine(allowFileWrite: false)
        XCTAssertThrowsError(try engine.run("mkdir(\"/tmp/ae-mkdir-denied\")")) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "writing files is not allowed in this engine")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/ae-mkdir-denied"))
    }
}
