"""A Jupyter kernel for ae: runs `ae --machine` and translates its JSON lines to Jupyter messages."""

__version__ = "0.1.0"
