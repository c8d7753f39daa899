"""The ae lexer against the language's own scripts: every golden script, sample and stdlib module
lexes without an Error token (except the two golden scripts that test lexer errors, which must give
one), and a snippet gives exactly the expected tokens."""

import pathlib

import pytest
from pygments.token import Error, Token

from pygments_ae import AeLexer

ROOT = pathlib.Path(__file__).resolve().parents[3]
SCRIPTS = sorted(
    p for folder in ("Tests/golden", "samples", "stdlib", "Tests/fuzz-regressions") for p in (ROOT / folder).rglob("*.ae")
)
# Golden scripts whose point is a lexer error: ae rejects their text, so must the lexer.
LEXER_ERRORS = {"Tests/golden/syntax/bad_character.ae", "Tests/golden/syntax/unterminated_string.ae"}


def tokens(text):
    return list(AeLexer().get_tokens(text))


def test_the_scripts_are_found():
    assert len(SCRIPTS) > 400


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_script_lexes_without_error_tokens(path):
    text = path.read_text(encoding="utf-8")
    found = [(kind, value) for kind, value in tokens(text) if kind in Error]
    if str(path.relative_to(ROOT)) in LEXER_ERRORS:
        assert found
    else:
        assert found == []
    # Pygments adds a final newline when the text lacks one; nothing else may change.
    assert "".join(value for _, value in tokens(text)).rstrip("\n") == text.rstrip("\n")


def test_a_snippet_gives_exactly_these_tokens():
    text = 'fn f(x, s: 1e-3) { print("x = {x + 1}\\n") }  # done\n'
    got = [(kind, value) for kind, value in tokens(text) if kind not in Token.Text.Whitespace]
    assert got == [
        (Token.Keyword.Declaration, "fn"),
        (Token.Name.Function, "f"),
        (Token.Punctuation, "("),
        (Token.Name, "x"),
        (Token.Punctuation, ","),
        (Token.Name.Label, "s"),
        (Token.Punctuation, ":"),
        (Token.Literal.Number.Float, "1e-3"),
        (Token.Punctuation, ")"),
        (Token.Punctuation, "{"),
        (Token.Name.Function, "print"),
        (Token.Punctuation, "("),
        (Token.Literal.String.Double, '"'),
        (Token.Literal.String.Double, "x = "),
        (Token.Literal.String.Interpol, "{"),
        (Token.Name, "x"),
        (Token.Operator, "+"),
        (Token.Literal.Number.Integer, "1"),
        (Token.Literal.String.Interpol, "}"),
        (Token.Literal.String.Escape, "\\n"),
        (Token.Literal.String.Double, '"'),
        (Token.Punctuation, ")"),
        (Token.Punctuation, "}"),
        (Token.Comment.Single, "# done"),
    ]


def test_the_lexer_is_found_by_name_once_installed():
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename

    assert isinstance(get_lexer_by_name("ae"), AeLexer)
    assert isinstance(get_lexer_for_filename("spiral.ae"), AeLexer)
