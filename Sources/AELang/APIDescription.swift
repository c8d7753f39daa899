import Foundation

/// The builtins an engine has, described for tools: `ae --dump-api`, the language server, editors and
/// documentation read this one description, so they cannot disagree with `help`.
///
///     let engine = Engine()
///     engine.register(myFunctions)
///     print(engine.apiDescription().json)
public struct APIDescription: Codable, Equatable {
    /// One parameter of a builtin.
    public struct Parameter: Codable, Equatable {
        public let name: String
        /// The default as ae source (`0.01`, `"tanh"`, `nil`); absent for a required parameter.
        public let defaultValue: String?
        public let variadic: Bool

        enum CodingKeys: String, CodingKey {
            case name, variadic
            case defaultValue = "default"
        }
    }

    /// One builtin: how it is called and what `help(name)` prints.
    public struct Function: Codable, Equatable {
        public let name: String
        /// `dae(hidden:, sigma:, tied:)`, as error messages show it.
        public let signature: String
        /// The area `help()` lists it under; "other" when the host filed it under none.
        public let topic: String
        public let parameters: [Parameter]
        public let help: String
    }

    /// The topics in the order `help()` lists them.
    public let topics: [String]
    /// Every builtin, sorted by name.
    public let functions: [Function]

    /// Pretty-printed JSON with sorted keys: the same engine gives the same bytes.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and arrays of them cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension Engine {
    /// Every builtin registered with this engine (the core ones and the host's), described.
    public func apiDescription() -> APIDescription {
        var functions: [APIDescription.Function] = []
        for name in globalNames {
            guard case .function(let function)? = global(name), function.isNative else { continue }
            let parameters = function.parameters.map { parameter in
                APIDescription.Parameter(name: parameter.name,
                                         defaultValue: parameter.defaultValue.map { describe($0) },
                                         variadic: parameter.isVariadic)
            }
            functions.append(APIDescription.Function(name: name, signature: function.signature,
                                                     topic: function.topic ?? "other",
                                                     parameters: parameters, help: function.doc))
        }
        let topics = topicOrder + (functions.contains { $0.topic == "other" } ? ["other"] : [])
        return APIDescription(topics: topics, functions: functions)
    }
}
