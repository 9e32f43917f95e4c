// Starts `arctl lsp` for Wazuh configuration files and hands the editor to it; everything else is the server's.
const { workspace } = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

exports.activate = async function activate() {
  const command = workspace.getConfiguration('arctl').get('path') || 'arctl';
  client = new LanguageClient(
    'arctl',
    'arctl',
    // TransportKind.stdio adds --stdio: the server reads and writes the protocol on its standard streams.
    { command, args: ['lsp'], transport: TransportKind.stdio },
    {
      documentSelector: ['**/ossec.conf', '**/agent.conf', '**/*.ossec.conf'].map((pattern) => ({ scheme: 'file', pattern })),
      // The server asks for the "arctl" section (workspace/configuration) and is told when it changes.
      synchronize: { configurationSection: 'arctl' },
    },
  );
  await client.start();
};

exports.deactivate = function deactivate() {
  return client?.stop();
};
