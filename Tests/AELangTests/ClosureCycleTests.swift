import AELang
import XCTest

/// A host object whose lifetime the tests watch through weak references.
private final class Token: HostObject {
    static let typeName = "Token"
    var summary: String { "Token" }
}

/// Hands out tokens to a script and remembers each one weakly.
private final class TokenSource {
    private var issued: [() -> AnyObject?] = []

    var live: Int { issued.filter { $0() != nil }.count }

    func register(in engine: Engine) {
        engine.register(Function(name: "token", parameters: [], doc: "token(): a new token.") { [unowned self] _ in
            let token = Token()
            issued.append { [weak token] in token }
            return .object(token)
        })
    }
}

/// Closures that capture themselves form reference cycles; the engine frees them.
final class ClosureCycleTests: XCTestCase {
    func testARecursiveLocalFunctionIsFreedWithItsEngine() throws {
        let tokens = TokenSource()
        do {
            let (engine, _) = makeEngine()
            tokens.register(in: engine)
            // `me` captures itself and `o`: cell -> function -> closure -> the same cell.
            try engine.run("""
                fn outer(o) {
                    fn me(n) { if n == 0 { o } else { me(n - 1) } }
                    me(3)
                }
                for i in range(10) { outer(token()) }
                fn pair(o) {
                    fn ping(n) { if n == 0 { o } else { pong(n - 1) } }
                    fn pong(n) { ping(n) }
                    ping(2)
                }
                pair(token())
                """)
            XCTAssertEqual(tokens.live, 11, "the cycles hold their tokens while the engine lives")
        }
        XCTAssertEqual(tokens.live, 0)
    }

    func testCapturedVariablesWithoutCyclesDoNotAccumulate() throws {
        let tokens = TokenSource()
        let (engine, _) = makeEngine()
        tokens.register(in: engine)
        try engine.run("""
            fn outer(o) {
                fn inner() { o }
                inner()
            }
            for i in range(5000) { outer(token()) }
            """)
        // No cycle: each token goes with its call.
        XCTAssertEqual(tokens.live, 0)
        withExtendedLifetime(engine) {}
    }
}
