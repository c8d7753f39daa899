import AELang
import AELanguageServer
import Foundation
import XCTest

/// A host serving its own engine: editors see the host's functions as they see the builtins.
final class HostEngineTests: XCTestCase {
    func testTheHostsFunctionsAreCheckedCompletedAndDescribed() throws {
        let (engine, ran) = (Engine(output: { _ in }, diagnostics: { _ in }), RunFlag())
        engine.register(Function(name: "discount", parameters: [Parameter("price"), Parameter("rate", default: Value(0.1))],
                                 doc: "discount(price, rate: 0.1): the price after a discount.") { _ in
            ran.value = true
            return .nil
        })
        let uri = "file:///shop/cart.ae"
        let text = "bad = discont(1)\ntotal = discount(100, rate: 0.2)\n"
        let answers = try LSPSession.serve(engine, [
            LSPSession.didOpen(uri, text),
            LSPSession.request(1, "completion", uri, 1, 24), LSPSession.request(2, "hover", uri, 1, 10),
            LSPSession.request(3, "signatureHelp", uri, 1, 24),
        ])
        let signature = LSPSession.result(3, in: answers) as? [String: Any]
        XCTAssertEqual(LSPSession.diagnostics(for: uri, in: answers), ["unknown name 'discont'\ndid you mean 'discount'?"])
        let completion = LSPSession.result(1, in: answers) as? [[String: Any]]
        XCTAssertEqual(completion?.compactMap { $0["label"] as? String }, ["rate:", "range"])
        XCTAssertEqual(LSPSession.hoverText(2, in: answers), "```\ndiscount(price, rate: 0.1): the price after a discount.\n```")
        XCTAssertEqual(signature?["activeParameter"] as? Int, 1)
        XCTAssertEqual(((signature?["signatures"] as? [[String: Any]])?.first)?["label"] as? String,
                       "discount(price:, rate: 0.1)")
        XCTAssertFalse(ran.value)
    }

    /// A module of the host's `moduleLoader`: described on hover, but no file to go to.
    func testTheHostsModulesAreDescribedButHaveNoFile() throws {
        let engine = Engine(output: { _ in }, diagnostics: { _ in })
        engine.moduleLoader = { $0 == "shop" ? "# The tax on a price.\nfn tax(price) { price / 5 }\n" : nil }
        let uri = "file:///shop/bill.ae"
        let answers = try LSPSession.serve(engine, [
            LSPSession.didOpen(uri, "import \"shop\"\nt = tax(10)\n"),
            LSPSession.request(1, "hover", uri, 1, 5), LSPSession.request(2, "definition", uri, 1, 5),
        ])
        XCTAssertEqual(LSPSession.diagnostics(for: uri, in: answers), [])
        XCTAssertEqual(LSPSession.hoverText(1, in: answers), "```ae\nfn tax(price)\n```\n\nThe tax on a price.\n\nfrom module `shop`")
        XCTAssertTrue(LSPSession.result(2, in: answers) is NSNull)
    }
}

/// Set when the host's function runs (it must not: the server only analyzes).
private final class RunFlag: @unchecked Sendable {
    var value = false
}
