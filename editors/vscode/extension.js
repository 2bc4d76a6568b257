// The jfrun extension: starts `jfrun lsp` over stdio for Jenkinsfiles and lets
// vscode-languageclient show its diagnostics and hovers.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const command = vscode.workspace.getConfiguration('jfrun').get('path') || 'jfrun';
  const run = { command, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient(
    'jfrun',
    'jfrun',
    { run, debug: run },
    {
      documentSelector: [
        { scheme: 'file', language: 'jenkinsfile' },
        { scheme: 'untitled', language: 'jenkinsfile' },
      ],
    },
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('jfrun.path')) {
        vscode.window.showInformationMessage(
          'jfrun.path changed: reload the window to restart the jfrun language server.',
        );
      }
    }),
  );
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `Could not start \`${command} lsp\` (set jfrun.path to the jfrun executable): ${error}`,
    );
  }
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
