// Starts `ae --lsp` as the language server of .ae files. The server parses and resolves only: opening
// a script never runs it.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("ae").get("path") || "ae";
  const server = { command, args: ["--lsp"] };
  client = new LanguageClient(
    "ae",
    "ae language server",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "ae" }, { scheme: "untitled", language: "ae" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
