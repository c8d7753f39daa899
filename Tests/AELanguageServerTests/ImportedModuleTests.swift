import AELang
import AELanguageServer
import Foundation
import XCTest

/// Hover, definition and signature help for the names an imported module gives a script: a module
/// in the script's folder, a stdlib module, a module that cannot be found, a name no module defines.
final class ImportedModuleTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ae-lsp-imports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "# Halves x, for the tests.\nfn half(x) { x / 2 }\nunit = 1\n"
            .write(to: folder.appendingPathComponent("helpers.ae"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    private func uri(_ name: String) -> String { folder.appendingPathComponent(name).absoluteString }

    private func range(_ line: Int, _ start: Int, _ end: Int) -> [String: [String: Int]] {
        ["start": ["line": line, "character": start], "end": ["line": line, "character": end]]
    }

    private func location(_ id: Int, in answers: [[String: Any]]) -> (uri: String?, range: [String: [String: Int]]?) {
        let location = LSPSession.result(id, in: answers) as? [String: Any]
        return (location?["uri"] as? String, location?["range"] as? [String: [String: Int]])
    }

    func testAModuleInTheScriptsFolder() throws {
        let script = uri("uses.ae")
        let answers = try LSPSession.serve(nil, [
            LSPSession.didOpen(script, "import \"helpers\"\nprint(half(unit))\n"),
            LSPSession.request(1, "hover", script, 1, 7), LSPSession.request(2, "definition", script, 1, 7),
            LSPSession.request(3, "hover", script, 1, 12), LSPSession.request(4, "definition", script, 1, 13),
            LSPSession.request(5, "signatureHelp", script, 1, 11),
        ])
        XCTAssertEqual(LSPSession.diagnostics(for: script, in: answers), [])
        XCTAssertEqual(LSPSession.hoverText(1, in: answers),
                       "```ae\nfn half(x)\n```\n\nHalves x, for the tests.\n\nfrom module `helpers`")
        XCTAssertEqual(location(2, in: answers).uri, uri("helpers.ae"))
        XCTAssertEqual(location(2, in: answers).range, range(1, 3, 7))
        XCTAssertEqual(LSPSession.hoverText(3, in: answers), "global variable `unit` of module `helpers` (line 3)")
        XCTAssertEqual(location(4, in: answers).uri, uri("helpers.ae"))
        XCTAssertEqual(location(4, in: answers).range, range(2, 0, 4))
        let signature = (LSPSession.result(5, in: answers) as? [String: Any])?["signatures"] as? [[String: Any]]
        XCTAssertEqual(signature?.first?["label"] as? String, "half(x:)")
    }

    /// Half a line typed (a syntax error): the module's names are still described.
    func testAModuleWhileTheScriptHasASyntaxError() throws {
        let script = uri("typing.ae")
        let answers = try LSPSession.serve(nil, [
            LSPSession.didOpen(script, "import \"helpers\"\nx = half(\n"),
            LSPSession.request(1, "hover", script, 1, 5), LSPSession.request(2, "completion", script, 1, 6),
        ])
        XCTAssertEqual(LSPSession.diagnostics(for: script, in: answers)?.count, 1)
        XCTAssertEqual(LSPSession.hoverText(1, in: answers),
                       "```ae\nfn half(x)\n```\n\nHalves x, for the tests.\n\nfrom module `helpers`")
        let labels = (LSPSession.result(2, in: answers) as? [[String: Any]])?.compactMap { $0["label"] as? String }
        XCTAssertEqual(labels?.contains("half"), true)
    }

    /// A stdlib module: described from the binary, located in the source tree's `stdlib/` (which the
    /// tests run in).
    func testAStdlibModule() throws {
        let script = uri("report.ae")
        let answers = try LSPSession.serve(nil, [
            LSPSession.didOpen(script, "import \"fmt\"\nprint(fixed(0.5, 2))\n"),
            LSPSession.request(1, "hover", script, 1, 7), LSPSession.request(2, "definition", script, 1, 7),
        ])
        XCTAssertEqual(LSPSession.diagnostics(for: script, in: answers), [])
        let hover = try XCTUnwrap(LSPSession.hoverText(1, in: answers))
        XCTAssertTrue(hover.hasPrefix("```ae\nfn fixed(x, digits: 3)\n```\n\nfixed(x, digits: 3): x as text with exactly"), hover)
        XCTAssertTrue(hover.hasSuffix("\n\nfrom module `fmt`"), hover)
        let stdlib = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("stdlib/fmt.ae")
        let line = try XCTUnwrap(try String(contentsOf: stdlib, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("fn fixed(") })
        XCTAssertEqual(location(2, in: answers).uri, stdlib.absoluteString)
        XCTAssertEqual(location(2, in: answers).range, range(line, 3, 8))
    }

    func testAModuleThatCannotBeFound() throws {
        let script = uri("lost.ae")
        let answers = try LSPSession.serve(nil, [
            LSPSession.didOpen(script, "import \"nosuch\"\nx = 2\nprint(half(x))\n"),
            LSPSession.request(1, "hover", script, 0, 9), LSPSession.request(2, "definition", script, 2, 7),
            LSPSession.request(3, "hover", script, 2, 7), LSPSession.request(4, "definition", script, 2, 11),
        ])
        XCTAssertEqual(LSPSession.diagnostics(for: script, in: answers), [
            "cannot find module 'nosuch'\nlooked for nosuch.ae in \(folder.path) and the bundled modules",
            "unknown name 'half'",
        ])
        XCTAssertTrue(LSPSession.result(1, in: answers) is NSNull)
        XCTAssertTrue(LSPSession.result(2, in: answers) is NSNull)
        XCTAssertTrue(LSPSession.result(3, in: answers) is NSNull)
        XCTAssertEqual(location(4, in: answers).uri, script)
    }

    func testANameTheModuleDoesNotDefine() throws {
        let script = uri("typo.ae")
        let answers = try LSPSession.serve(nil, [
            LSPSession.didOpen(script, "import \"helpers\"\nprint(halve(1))\n"),
            LSPSession.request(1, "hover", script, 1, 7), LSPSession.request(2, "definition", script, 1, 7),
        ])
        XCTAssertEqual(LSPSession.diagnostics(for: script, in: answers), ["unknown name 'halve'\ndid you mean 'half'?"])
        XCTAssertTrue(LSPSession.result(1, in: answers) is NSNull)
        XCTAssertTrue(LSPSession.result(2, in: answers) is NSNull)
    }
}
