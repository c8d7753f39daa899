import Foundation
import XCTest

/// `ae --machine`, the JSON-lines protocol of docs/machine-mode.md, through the built executable:
/// exact messages for each request type, an error reply (never a crash) for every malformed line, and
/// SIGINT stopping a request while the session lives on.
final class MachineModeTests: XCTestCase {
    static let ready = #"{"id":null,"language":"ae","type":"ready","version":"0.1.0"}"#

    /// The lines ae answers to `requests` (one request a line).
    private func answers(_ requests: [String], timeout: TimeInterval = 30,
                         whileRunning: ((Process) -> Void)? = nil) throws -> [String] {
        let outcome = try AEProgram.run(["--machine"], input: requests.joined(separator: "\n") + "\n",
                                        timeout: timeout, whileRunning: whileRunning)
        XCTAssertTrue(outcome.finished)
        XCTAssertEqual(outcome.status, 0)
        XCTAssertEqual(outcome.stderr, "")
        return outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testExecuteEchoesTheValueAndSendsOutputAsStreams() throws {
        XCTAssertEqual(try answers([
            #"{"id": 1, "type": "execute", "code": "x = 3\nprint(\"x is\", x)\nx * 2"}"#,
            #"{"id": "two", "type": "execute", "code": "y = x"}"#,
            #"{"id": 2, "type": "execute", "code": "y * 5;"}"#,
            ##"{"id": 3, "type": "execute", "code": "# Doubles x.\nfn twice(x) { 2 * x }"}"##,
            #"{"id": 4, "type": "execute", "code": "?twice"}"#,
        ]), [
            MachineModeTests.ready,
            #"{"id":1,"name":"stdout","text":"x is 3\n","type":"stream"}"#,
            #"{"data":{"text/plain":"6"},"id":1,"type":"result"}"#,
            #"{"id":1,"status":"ok","type":"reply"}"#,
            #"{"id":"two","status":"ok","type":"reply"}"#,
            #"{"id":2,"status":"ok","type":"reply"}"#,
            #"{"id":3,"status":"ok","type":"reply"}"#,
            #"{"id":4,"name":"stdout","text":"fn twice(x:)\n\nDoubles x.\n","type":"stream"}"#,
            #"{"id":4,"status":"ok","type":"reply"}"#,
            "",
        ])
    }

    func testErrorsComeAsTheREPLRendersThem() throws {
        let lines = try answers([#"{"id": 1, "type": "execute", "code": "a = [1]\na[3]"}"#])
        XCTAssertEqual(lines[1], #"{"error":{"kind":"runtime","text":"<cell>:2:2: error: index 3 out of range for a list of 1 element\n  2 | a[3]\n    |  ^ valid indices are 0 to 0, or -1 to -1\n"},"id":1,"status":"error","type":"reply"}"#)
    }

    func testAFigureResultCarriesItsSVGBesideItsText() throws {
        let lines = try answers([#"{"id": 1, "type": "execute", "code": "scatter([[0, 0], [1, 1]])"}"#])
        let message = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        let data = try XCTUnwrap(message["data"] as? [String: String])
        XCTAssertEqual(data["text/plain"], "Figure(scatter)")
        XCTAssertTrue(data["image/svg+xml"]?.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ") ?? false)
    }

    func testShowInACellDisplaysTheFigureNotBraille() throws {
        let lines = try answers([#"{"id": 1, "type": "execute", "code": "show(scatter([[0, 0], [1, 1]]))\nprint(1)"}"#])
        let display = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        XCTAssertEqual(display["type"] as? String, "display")
        let data = try XCTUnwrap(display["data"] as? [String: String])
        XCTAssertEqual(data["text/plain"], "Figure(scatter)")
        XCTAssertTrue(data["image/svg+xml"]?.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ") ?? false)
        XCTAssertEqual(Array(lines[2..<4]), [#"{"id":1,"name":"stdout","text":"1\n","type":"stream"}"#,
                                            #"{"id":1,"status":"ok","type":"reply"}"#])
    }

    func testCompleteInspectAndIsComplete() throws {
        XCTAssertEqual(try answers([
            #"{"id": 1, "type": "complete", "code": "m = dae(hid", "cursor": 11}"#,
            #"{"id": 2, "type": "complete", "code": "1\nlen", "cursor": 5}"#,
            ##"{"id": 0, "type": "execute", "code": "# Halves x.\nfn half(x) { x / 2 }"}"##,
            #"{"id": 3, "type": "inspect", "code": "half(", "cursor": 5}"#,
            #"{"id": 4, "type": "inspect", "code": "nothing", "cursor": 2}"#,
            #"{"id": 5, "type": "is_complete", "code": "f(1,"}"#,
            #"{"id": 6, "type": "is_complete", "code": "f(1)"}"#,
        ]), [
            MachineModeTests.ready,
            #"{"cursor_end":11,"cursor_start":8,"id":1,"matches":["hidden:"],"status":"ok","type":"reply"}"#,
            #"{"cursor_end":5,"cursor_start":2,"id":2,"matches":["len"],"status":"ok","type":"reply"}"#,
            #"{"id":0,"status":"ok","type":"reply"}"#,
            #"{"data":{"text/plain":"fn half(x:)\n\nHalves x.\n"},"found":true,"id":3,"name":"half","status":"ok","type":"reply"}"#,
            #"{"data":{},"found":false,"id":4,"status":"ok","type":"reply"}"#,
            #"{"completeness":"incomplete","id":5,"indent":"    ","status":"ok","type":"reply"}"#,
            #"{"completeness":"complete","id":6,"indent":"","status":"ok","type":"reply"}"#,
            "",
        ])
    }

    func testMalformedLinesGetAnErrorReplyAndTheSessionGoesOn() throws {
        func error(_ id: String, _ message: String) -> String {
            #"{"error":{"kind":"request","message":"\#(message)"},"id":\#(id),"status":"error","type":"reply"}"#
        }
        XCTAssertEqual(try answers([
            "not json",
            #"{"id": 1, "type": "execute", "code": "#,
            "[1, 2]",
            "42",
            #"{"id": 2}"#,
            #"{"id": 3, "type": 7}"#,
            #"{"id": 4, "type": "compile"}"#,
            #"{"id": 5, "type": "execute"}"#,
            #"{"id": 6, "type": "execute", "code": 1}"#,
            #"{"id": 7, "type": "complete", "code": "ab", "cursor": 3}"#,
            #"{"id": 8, "type": "complete", "code": "ab", "cursor": -1}"#,
            #"{"id": 9, "type": "complete", "code": "ab", "cursor": 1.5}"#,
            #"{"id": 10, "type": "complete", "code": "ab", "cursor": true}"#,
            "",
            #"{"id": 11, "type": "execute", "code": "1 + 1"}"#,
        ]), [
            MachineModeTests.ready,
            error("null", "not JSON: a request is one JSON object a line"),
            error("null", "not JSON: a request is one JSON object a line"),
            error("null", #"a request is a JSON object, e.g. {\"id\": 1, \"type\": \"execute\", \"code\": \"1 + 1\"}"#),
            error("null", #"a request is a JSON object, e.g. {\"id\": 1, \"type\": \"execute\", \"code\": \"1 + 1\"}"#),
            error("2", "the request has no string field 'type'"),
            error("3", "the request has no string field 'type'"),
            error("4", "unknown request type 'compile' (execute, complete, inspect, is_complete)"),
            error("5", "'execute' needs a string field 'code'"),
            error("6", "'execute' needs a string field 'code'"),
            error("7", "'cursor' must be a whole number from 0 to the length of 'code' (2)"),
            error("8", "'cursor' must be a whole number from 0 to the length of 'code' (2)"),
            error("9", "'cursor' must be a whole number from 0 to the length of 'code' (2)"),
            error("10", "'cursor' must be a whole number from 0 to the length of 'code' (2)"),
            #"{"data":{"text/plain":"2"},"id":11,"type":"result"}"#,
            #"{"id":11,"status":"ok","type":"reply"}"#,
            "",
        ])
    }

    func testSIGINTStopsTheRunningRequestAndKeepsTheSession() throws {
        let lines = try answers([
            #"{"id": 1, "type": "execute", "code": "kept = 5\nprint(\"looping\")\nwhile true { }"}"#,
            #"{"id": 2, "type": "execute", "code": "kept + 1"}"#,
        ], timeout: 20) { process in
            usleep(1_000_000)    // past start-up, inside the loop
            process.interrupt()
        }
        XCTAssertEqual(lines, [
            MachineModeTests.ready,
            #"{"id":1,"name":"stdout","text":"looping\n","type":"stream"}"#,
            #"{"error":{"kind":"interrupted","text":"interrupted\n"},"id":1,"status":"interrupted","type":"reply"}"#,
            #"{"data":{"text/plain":"6"},"id":2,"type":"result"}"#,
            #"{"id":2,"status":"ok","type":"reply"}"#,
            "",
        ])
    }

    func testProgressOfTrainComesAsProgressMessages() throws {
        let lines = try answers([
            #"{"id": 1, "type": "execute", "code": "m = dae(hidden: 4, sigma: 0.2)\ntrain(m, spiral(50), iters: 3);\nlen(m.losses)"}"#,
        ])
        let types = try lines.dropFirst().filter { !$0.isEmpty }.map { line -> String in
            let message = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return message["type"] as? String ?? "?"
        }
        XCTAssertEqual(types.first, "progress")
        XCTAssertTrue(lines[1].hasPrefix(#"{"id":1,"text":"train DAE "#), lines[1])
        XCTAssertEqual(Array(types.suffix(3)), ["stream", "result", "reply"])
        XCTAssertTrue(lines[lines.count - 4].hasPrefix(#"{"id":1,"name":"stderr","text":"train DAE: 3 iterations, loss "#))
    }
}
