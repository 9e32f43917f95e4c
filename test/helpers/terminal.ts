/** The real CLI on a pseudo-terminal (util-linux `script`), so stdin is a TTY and arctl asks questions. */
import { spawn, spawnSync } from 'node:child_process';
import { arctlBin } from './cli.ts';

const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
export const terminalSkip = hasScript ? false : 'util-linux script(1) is not available: pseudo-terminal tests skipped';

/** Runs arctl on a pseudo-terminal; `converse` answers the questions. */
export function inTerminal(args: string[], converse: (t: { waitFor(re: RegExp): Promise<void>; send(keys: string): void }) => Promise<void>) {
  const quoted = [process.execPath, arctlBin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', quoted, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const screen = () => out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const talk = converse({
    async waitFor(re) {
      for (let i = 0; i < 1200; i++) {
        if (re.test(screen())) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`never saw ${re}; screen:\n${screen()}`);
    },
    send(keys) {
      child.stdin.write(keys);
    },
  });
  // A conversation that fails must not leave the terminal waiting for keys.
  talk.catch(() => child.kill('SIGKILL'));
  return Promise.all([talk, closed]).then(([, status]) => ({ status, screen: screen() }));
}
