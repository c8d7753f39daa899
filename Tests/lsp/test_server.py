"""`ae --lsp` driven by a real LSP client (pytest-lsp): diagnostics, hover, completion with argument
labels, signature help, definition and document symbols on small scripts. The `ae` to test is named by
the AE environment variable (.ci/lsp.sh sets it), else the package's debug build."""

import os
import pathlib
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
AE = os.environ.get("AE", str(ROOT / ".build" / "debug" / "ae"))

SCRIPT = """\
# Doubles its argument.
fn twice(x, scale: 2) { scale * x }
rate = 0.5
label = "é🙂" ++ nope
m = dae(hidden: 10, sigma: twice(rate), tied: true)
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[AE, "--lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


async def open_document(client, tmp_path, text, name="script.ae"):
    uri = (tmp_path / name).as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="ae", version=1, text=text))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def at(uri, line, character):
    return dict(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character))


async def test_an_unknown_name_after_non_ascii_text_is_placed_in_utf16_columns(client, tmp_path):
    uri = await open_document(client, tmp_path, SCRIPT)
    [diagnostic] = client.diagnostics[uri]
    assert diagnostic.message == "unknown name 'nope'"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    # `label = "é🙂" ++ ` is 16 characters but 17 UTF-16 code units.
    assert diagnostic.range == types.Range(start=types.Position(line=3, character=17), end=types.Position(line=3, character=21))


async def test_hover_shows_the_help_of_a_builtin_and_the_doc_of_a_function(client, tmp_path):
    uri = await open_document(client, tmp_path, SCRIPT)
    builtin = await client.text_document_hover_async(types.HoverParams(**at(uri, 4, 5)))
    assert builtin.contents.value.startswith("```\ndae(hidden:, sigma:, tied: false,")
    user = await client.text_document_hover_async(types.HoverParams(**at(uri, 4, 29)))
    assert user.contents.value == "```ae\nfn twice(x, scale: 2)\n```\n\nDoubles its argument."
    variable = await client.text_document_hover_async(types.HoverParams(**at(uri, 4, 35)))
    assert variable.contents.value == "global variable `rate` (line 3)"


async def test_completion_inside_a_call_offers_its_labels_first(client, tmp_path):
    uri = await open_document(client, tmp_path, "m = dae(hidden: 10, re\n", name="complete.ae")
    result = await client.text_document_completion_async(types.CompletionParams(**at(uri, 0, 22)))
    items = result if isinstance(result, list) else result.items
    assert [item.label for item in items] == ["replicate:", "resample:", "reconstruct", "reduce", "remove",
                                              "repeat", "replace", "return", "reversed"]
    assert items[0].kind == types.CompletionItemKind.Field


async def test_signature_help_follows_the_argument_being_typed(client, tmp_path):
    uri = await open_document(client, tmp_path, "m = dae(hidden: 10, ", name="signature.ae")
    result = await client.text_document_signature_help_async(types.SignatureHelpParams(**at(uri, 0, 20)))
    assert result.active_parameter == 1
    assert result.signatures[0].label.startswith("dae(hidden:, sigma:, tied: false,")


async def test_definition_and_document_symbols(client, tmp_path):
    uri = await open_document(client, tmp_path, SCRIPT)
    result = await client.text_document_definition_async(types.DefinitionParams(**at(uri, 4, 30)))
    location = result[0] if isinstance(result, list) else result
    assert location.uri == uri
    assert location.range.start == types.Position(line=1, character=3)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert [(s.name, s.kind) for s in symbols] == [("twice", types.SymbolKind.Function), ("rate", types.SymbolKind.Variable),
                                                   ("label", types.SymbolKind.Variable), ("m", types.SymbolKind.Variable)]


HELPERS = "# Halves x.\nfn half(x) { x / 2 }\nunit = 1\n"


async def test_an_import_from_the_scripts_folder_gives_hover_and_definition(client, tmp_path):
    (tmp_path / "helpers.ae").write_text(HELPERS, encoding="utf-8")
    uri = await open_document(client, tmp_path, 'import "helpers"\nprint(half(unit))\n', name="uses.ae")
    assert list(client.diagnostics[uri]) == []
    hover = await client.text_document_hover_async(types.HoverParams(**at(uri, 1, 7)))
    assert hover.contents.value == "```ae\nfn half(x)\n```\n\nHalves x.\n\nfrom module `helpers`"
    result = await client.text_document_definition_async(types.DefinitionParams(**at(uri, 1, 7)))
    location = result[0] if isinstance(result, list) else result
    assert location.uri == (tmp_path / "helpers.ae").as_uri()
    assert location.range == types.Range(start=types.Position(line=1, character=3), end=types.Position(line=1, character=7))
    variable = await client.text_document_hover_async(types.HoverParams(**at(uri, 1, 12)))
    assert variable.contents.value == "global variable `unit` of module `helpers` (line 3)"


async def test_a_stdlib_import_gives_hover_and_the_file_in_the_source_tree(client, tmp_path):
    uri = await open_document(client, tmp_path, 'import "fmt"\nprint(fixed(0.5, 2))\n', name="report.ae")
    assert list(client.diagnostics[uri]) == []
    hover = await client.text_document_hover_async(types.HoverParams(**at(uri, 1, 7)))
    assert hover.contents.value.startswith("```ae\nfn fixed(x, digits: 3)\n```\n\nfixed(x, digits: 3): x as text")
    assert hover.contents.value.endswith("\n\nfrom module `fmt`")
    result = await client.text_document_definition_async(types.DefinitionParams(**at(uri, 1, 7)))
    location = result[0] if isinstance(result, list) else result
    stdlib = ROOT / "stdlib" / "fmt.ae"
    line = next(i for i, text in enumerate(stdlib.read_text(encoding="utf-8").split("\n")) if text.startswith("fn fixed("))
    assert location.uri == stdlib.as_uri()
    assert location.range.start == types.Position(line=line, character=3)


async def test_a_missing_module_is_a_diagnostic_and_its_names_are_unknown(client, tmp_path):
    uri = await open_document(client, tmp_path, 'import "nosuch"\nprint(half(2))\n', name="lost.ae")
    assert [d.message for d in client.diagnostics[uri]] == [
        f"cannot find module 'nosuch'\nlooked for nosuch.ae in {tmp_path} and the bundled modules",
        "unknown name 'half'",
    ]
    assert await client.text_document_hover_async(types.HoverParams(**at(uri, 1, 7))) is None
    assert await client.text_document_definition_async(types.DefinitionParams(**at(uri, 1, 7))) is None


async def test_a_name_the_module_does_not_define(client, tmp_path):
    (tmp_path / "helpers.ae").write_text(HELPERS, encoding="utf-8")
    uri = await open_document(client, tmp_path, 'import "helpers"\nprint(halve(2))\n', name="typo.ae")
    assert [d.message for d in client.diagnostics[uri]] == ["unknown name 'halve'\ndid you mean 'half'?"]
    assert await client.text_document_hover_async(types.HoverParams(**at(uri, 1, 7))) is None
    assert await client.text_document_definition_async(types.DefinitionParams(**at(uri, 1, 7))) is None


def test_a_client_that_goes_away_ends_the_server_cleanly():
    """The reading end of the server's stdout closed: the first answer fails, and the server exits with
    status 1 (the input ended without shutdown), not killed by SIGPIPE and not hanging."""
    import json
    import subprocess

    body = json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {}}).encode()
    process = subprocess.Popen([AE, "--lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    process.stdin.flush()
    assert process.wait(timeout=30) == 1
    assert process.stderr.read() == b""
