#!/usr/bin/env bash
# Editor support, end to end: `ae --lsp` driven by a real LSP client (pytest-lsp, Tests/lsp), the
# Pygments lexer over every golden script and sample (editors/pygments/tests), and the VS Code
# extension's files (editors/vscode/tests). Uses its own virtual
# environment, .venv-lsp, made on first use. AE names the binary to test (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-lsp
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check pytest pytest-lsp pygments setuptools wheel
# Reinstalled each time, so the tests see the lexer as it is now (and its entry point is registered);
# built with the venv's setuptools, so a run with everything installed needs no network.
"$venv/bin/pip" install -q --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall ./editors/pygments
rm -rf editors/pygments/build editors/pygments/*.egg-info

export AE="${AE:-$PWD/.build/release/ae}"
"$venv/bin/python" -m pytest -q -p no:cacheprovider -c Tests/lsp/pytest.ini Tests/lsp editors/pygments/tests editors/vscode/tests
