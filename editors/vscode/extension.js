// Starts `ratecard lsp` for .rate files: everything else is the language server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("ratecard").get("path") || "ratecard";
  client = new LanguageClient(
    "ratecard",
    "ratecard",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "ratecard" }] }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
