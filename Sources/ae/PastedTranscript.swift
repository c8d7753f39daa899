/// Pasting a REPL transcript back into the REPL, as Julia allows: the `ae> ` and `..> ` prompts are
/// taken off the pasted lines, and the lines of output between them are skipped.
///
/// A line is output when it has no prompt and arrived in the same paste as a line that had one (or as
/// output just skipped): it was already waiting when the line before it was read, or came in the same
/// bracketed paste. Typed lines never are, so code typed after a paste runs as usual, and a paste of
/// plain code (no prompts) runs whole.
struct PastedTranscript {
    static let prompts = [REPL.prompt, REPL.continuationPrompt]

    /// True while the lines being read belong to a paste that showed prompts.
    private var inTranscript = false

    /// The code to run for one line read, or nil to skip it. `followedInPaste`: more of the same paste
    /// came right after it.
    mutating func code(for line: String, followedInPaste: Bool) -> String? {
        for prompt in PastedTranscript.prompts where line.hasPrefix(prompt) || line == prompt.trimmingCharacters(in: .whitespaces) {
            inTranscript = followedInPaste
            return String(line.dropFirst(min(prompt.count, line.count)))
        }
        guard inTranscript else { return line }
        inTranscript = followedInPaste
        return nil
    }
}
