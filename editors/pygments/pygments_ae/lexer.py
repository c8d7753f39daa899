"""The ae lexer for Pygments.

The token rules follow Sources/AELang/Lexer.swift: `#` comments to the end of the line, numbers with
`_` separators and exponents, strings with the escapes \\n \\t \\r \\0 \\\\ \\" \\{ \\} and `{expr}`
interpolation, the sixteen keywords, and the operators of docs/language.md. Text ae itself rejects (an
unknown character such as `!` alone, or `$`) is an Error token, so lexing the test scripts checks the
rules against the language.
"""

from pygments.lexer import RegexLexer, bygroups, include
from pygments.token import (Comment, Error, Keyword, Name, Number, Operator, Punctuation, String,
                            Whitespace)

__all__ = ["AeLexer"]

# A name: a letter or `_`, then letters, digits and `_` (Unicode letters too, as in ae).
NAME = r"[^\W\d]\w*"


class AeLexer(RegexLexer):
    """ae: a small language for exploring what regularized auto-encoders learn."""

    name = "ae"
    aliases = ["ae"]
    filenames = ["*.ae"]
    mimetypes = ["text/x-ae"]

    tokens = {
        "root": [
            (r"#.*?$", Comment.Single),
            (r"\s+", Whitespace),
            (r"(fn)(\s+)(" + NAME + r")", bygroups(Keyword.Declaration, Whitespace, Name.Function)),
            (r"fn\b", Keyword.Declaration),
            (r"import\b", Keyword.Namespace),
            (r"(true|false|nil)\b", Keyword.Constant),
            (r"(and|or|not|in)\b", Operator.Word),
            (r"(if|else|for|while|break|continue|return)\b", Keyword),
            (r"\d[\d_]*\.\d[\d_]*([eE][+-]?\d[\d_]*)?", Number.Float),
            (r"\.\d[\d_]*([eE][+-]?\d[\d_]*)?", Number.Float),
            (r"\d[\d_]*[eE][+-]?\d[\d_]*", Number.Float),
            (r"\d[\d_]*", Number.Integer),
            # An argument label, a record field or a parameter's default: `sigma: 0.1`.
            (r"(" + NAME + r")(\s*)(:)", bygroups(Name.Label, Whitespace, Punctuation)),
            (r"(" + NAME + r")(?=\s*\()", Name.Function),
            (NAME, Name),
            (r'"', String.Double, "string"),
            (r"\+\+|==|!=|<=|>=|[-+*/%^@<>=]", Operator),
            (r"[()\[\],.:;]", Punctuation),
            (r"\{", Punctuation, "braces"),
            (r"\}", Punctuation),
        ],
        # Braces nest: a `}` closes the innermost `{` (a block, a record, or an interpolation).
        "braces": [
            (r"\}", Punctuation, "#pop"),
            include("root"),
        ],
        "string": [
            (r'"', String.Double, "#pop"),
            (r'\\[ntr0\\"{}]', String.Escape),
            (r"\\.", Error),
            (r"\{", String.Interpol, "interpolation"),
            # ae strings end at the line's end: an unterminated one is an error there.
            (r"\n", Error, "#pop"),
            (r'[^"\\{\n]+', String.Double),
        ],
        "interpolation": [
            (r"\}", String.Interpol, "#pop"),
            (r"\n", Error, "#pop:2"),
            include("root"),
        ],
    }
