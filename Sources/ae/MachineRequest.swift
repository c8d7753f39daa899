import Foundation

/// One request line of the machine mode, checked: a JSON object with an `id` (any JSON value, echoed
/// back) and a string `type`. Anything else is `Malformed`, answered with an error reply.
struct MachineRequest {
    /// Why a line is not a request; the message goes back in the error reply.
    struct Malformed: Error {
        let message: String
        /// The request's id when the line had one, so the reply can name it.
        var id: Any = NSNull()
    }

    let id: Any
    let type: String
    private let fields: [String: Any]

    init(line: [UInt8]) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed]) else {
            throw Malformed(message: "not JSON: a request is one JSON object a line")
        }
        guard let fields = object as? [String: Any] else {
            throw Malformed(message: "a request is a JSON object, e.g. {\"id\": 1, \"type\": \"execute\", \"code\": \"1 + 1\"}")
        }
        guard let type = fields["type"] as? String else {
            throw Malformed(message: "the request has no string field 'type'", id: fields["id"] ?? NSNull())
        }
        self.fields = fields
        self.type = type
        id = fields["id"] ?? NSNull()
    }

    /// The string field `name`, required.
    func string(_ name: String) throws -> String {
        guard let value = fields[name] as? String else {
            throw Malformed(message: "'\(type)' needs a string field '\(name)'")
        }
        return value
    }

    /// The `cursor` field: a character offset into `code`, at most its length (default: the end).
    func cursor(in code: String) throws -> Int {
        guard let value = fields["cursor"] else { return code.count }
        guard !(value is Bool), let number = value as? NSNumber,
              let cursor = Int(exactly: number.doubleValue), (0...code.count).contains(cursor) else {
            throw Malformed(message: "'cursor' must be a whole number from 0 to the length of 'code' (\(code.count))")
        }
        return cursor
    }
}
