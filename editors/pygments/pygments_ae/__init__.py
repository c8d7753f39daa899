"""Pygments support for ae: `pip install editors/pygments`, then the lexer is found by the name "ae"."""

from .lexer import AeLexer

__all__ = ["AeLexer"]
