import CReadline
import Glibc

/// Tab completion through readline: names of builtins and variables and, inside a call's parentheses,
/// the function's argument labels (`sigma:`). The candidates come from the engine.
enum Completion {
    /// Characters that end a word: everything that cannot be part of a name.
    private static let wordBreaks = " \t\n\"'`@$><=;|&{}()[],+-*/%^:!?.#~\\"

    nonisolated(unsafe) private static var completer: ((String, Int) -> [String])?
    nonisolated(unsafe) private static var candidates: [String] = []
    nonisolated(unsafe) private static var next = 0

    static func install(_ completer: @escaping (String, Int) -> [String]) {
        Completion.completer = completer
        // readline keeps the pointer: the copy lives as long as the program.
        rl_completer_word_break_characters = UnsafePointer(strdup(wordBreaks))
        rl_attempted_completion_function = { text, _, _ in
            // Never fall back to completing file names.
            rl_attempted_completion_over = 1
            guard let text else { return nil }
            let word = String(cString: text)
            let found = Completion.complete(word: word)
            guard !found.isEmpty else { return nil }
            Completion.candidates = found
            // A label is followed by its value, so a space reads well after it; a name is followed by
            // `(`, `.`, `[` or an operator, so nothing is added.
            rl_completion_append_character = found.allSatisfy { $0.hasSuffix(":") } ? 32 : 0
            return rl_completion_matches(text, { _, state in
                if state == 0 { Completion.next = 0 }
                guard Completion.next < Completion.candidates.count else { return nil }
                defer { Completion.next += 1 }
                return strdup(Completion.candidates[Completion.next])
            })
        }
    }

    /// The engine's candidates that extend `word`, the text readline will replace.
    private static func complete(word: String) -> [String] {
        guard let completer, let buffer = rl_line_buffer else { return [] }
        let line = String(cString: buffer)
        let bytes = Array(line.utf8)
        let point = max(0, min(Int(rl_point), bytes.count))
        let cursor = String(decoding: bytes[..<point], as: UTF8.self).count
        var seen = Set<String>()
        return completer(line, cursor).filter { $0.hasPrefix(word) && seen.insert($0).inserted }
    }
}
