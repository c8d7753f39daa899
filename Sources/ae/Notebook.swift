import Foundation

/// A script as a Jupyter notebook (nbformat 4) for the `ae` kernel: `ae --notebook FILE.ae`.
///
/// The script is cut into blocks at blank lines; a block that is still incomplete by the REPL's
/// continuation rule (a function whose body has a blank line) takes the next one too. The comment
/// lines that open a block become a markdown cell (the `# ` taken off; the script's first line a
/// heading), the rest a code cell, so a sample's prose reads as text and each step runs as a cell.
struct Notebook {
    enum Cell: Equatable {
        case markdown([String])
        case code([String])
    }

    var cells: [Cell] = []

    /// `isIncomplete` is the engine's continuation rule.
    init(script: String, isIncomplete: (String) -> Bool) {
        for block in Notebook.blocks(of: script, isIncomplete: isIncomplete) {
            let comments = block.prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            let code = Array(block.dropFirst(comments.count))
            if !comments.isEmpty {
                var text = comments.map(Notebook.markdown)
                // A script's opening comment line is its title.
                if cells.isEmpty, !text[0].isEmpty { text[0] = "# " + text[0] }
                cells.append(.markdown(text))
            }
            if !code.isEmpty { cells.append(.code(code)) }
        }
    }

    /// Runs of non-blank lines, joined while the code so far is incomplete.
    private static func blocks(of script: String, isIncomplete: (String) -> Bool) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String] = []
        var blankRun: [String] = []
        for line in script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                blankRun.append(line)
                continue
            }
            if !current.isEmpty, !blankRun.isEmpty {
                if isIncomplete(current.joined(separator: "\n")) {
                    current += blankRun
                } else {
                    blocks.append(current)
                    current = []
                }
            }
            blankRun = []
            current.append(line)
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// A comment line as markdown: `# text` gives `text`, `#` an empty line; indentation after the
    /// `# ` is kept, so an indented example stays a code block.
    private static func markdown(_ line: String) -> String {
        var text = Substring(line.drop { $0 == " " || $0 == "\t" }.dropFirst())
        if text.hasPrefix(" ") { text = text.dropFirst() }
        return String(text)
    }

    /// The notebook as nbformat 4.5 JSON, keys sorted and indented by one space as Jupyter writes it.
    func json() -> String {
        let cellObjects: [[String: Any]] = cells.enumerated().map { index, cell in
            func source(_ lines: [String]) -> [String] {
                lines.enumerated().map { $0.offset < lines.count - 1 ? $0.element + "\n" : $0.element }
            }
            let id = "cell-\(index + 1)"
            switch cell {
            case .markdown(let lines):
                return ["cell_type": "markdown", "id": id, "metadata": [String: Any](), "source": source(lines)]
            case .code(let lines):
                return ["cell_type": "code", "id": id, "metadata": [String: Any](), "source": source(lines),
                        "execution_count": NSNull(), "outputs": [Any]()]
            }
        }
        let notebook: [String: Any] = [
            "cells": cellObjects,
            "metadata": [
                "kernelspec": ["name": "ae", "display_name": "ae", "language": "ae"],
                "language_info": ["name": "ae", "file_extension": ".ae", "mimetype": "text/x-ae"],
            ],
            "nbformat": 4,
            "nbformat_minor": 5,
        ]
        let data = try! JSONSerialization.data(withJSONObject: notebook,
                                               options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
