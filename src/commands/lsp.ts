/**
 * Registers `arctl lsp` (flags and help); the server is lsp-server.ts, loaded with its protocol
 * libraries only when the command runs, so other commands start as fast as before.
 */
import type { Command } from '@commander-js/extra-typings';

const EXAMPLES = `
The server speaks the Language Server Protocol on standard input and output; editors start it:
  Neovim: vim.lsp.config('arctl', { cmd = { 'arctl', 'lsp' }, filetypes = { 'xml' } })
  Helix:  [language-server.arctl] command = "arctl", args = ["lsp"]
  VS Code: the extension in editors/vscode/ (see the README)

Settings (initializationOptions or the "arctl" workspace configuration section), as the flags of
arctl lint, winning over the nearest .arctl.json above each file:
  { "targetVersion": "4.14", "arch": "x86_64", "ruleset": ["/var/ossec/ruleset/rules"], "agents": "client.keys",
    "arBin": "bin", "managerIp": ["10.0.0.1"], "rules": { "rule-id": "off" }, "config": ".arctl.json" }`;

export function register(program: Command): void {
  program
    .command('lsp')
    .description('run the language server: lint, fixes, hover, completion and navigation in the editor')
    .option('--stdio', 'talk over standard input and output (the default and only transport; editors pass it)')
    .addHelpText('after', EXAMPLES)
    .action(async () => {
      const { runLanguageServer } = await import('./lsp-server.ts');
      await runLanguageServer();
    });
}
