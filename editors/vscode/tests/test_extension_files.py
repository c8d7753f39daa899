"""The VS Code extension's files: valid JSON, and the grammar's keywords exactly ae's (Token.swift)."""

import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parents[1]
ROOT = HERE.parents[1]


def swift_keywords():
    source = (ROOT / "Sources/AELang/Token.swift").read_text(encoding="utf-8")
    table = source[source.index("static let keywords"):source.index("]", source.index("static let keywords") + 40)]
    return set(re.findall(r'"(\w+)": \.kw', table))


def test_the_json_files_parse():
    for name in ("package.json", "language-configuration.json", "syntaxes/ae.tmLanguage.json"):
        json.loads((HERE / name).read_text(encoding="utf-8"))


def test_the_grammar_highlights_exactly_aes_keywords():
    grammar = json.loads((HERE / "syntaxes/ae.tmLanguage.json").read_text(encoding="utf-8"))
    words = set()
    for pattern in grammar["repository"]["keywords"]["patterns"]:
        words |= set(re.findall(r"[a-z]+", pattern["match"].replace("\\b", " ")))
    assert len(swift_keywords()) == 16
    assert words == swift_keywords()


def test_the_extension_starts_ae_lsp_for_ae_files():
    package = json.loads((HERE / "package.json").read_text(encoding="utf-8"))
    assert package["contributes"]["languages"][0]["extensions"] == [".ae"]
    assert '"--lsp"' in (HERE / "extension.js").read_text(encoding="utf-8")


def test_every_pattern_of_the_grammar_compiles():
    # Python's regular expressions stand in for Oniguruma's here: the grammar uses only what both share.
    grammar = json.loads((HERE / "syntaxes/ae.tmLanguage.json").read_text(encoding="utf-8"))
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("match", "begin", "end"):
                if key in node:
                    found.append(node[key])
                    re.compile(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(grammar)
    assert len(found) > 15
