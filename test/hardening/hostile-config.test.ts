/**
 * Hostile configuration files end to end through the CLI (validate, lint, simulate, add): external
 * entities (file and network), billion laughs, quadratic blow-up, 100,000 nesting levels, 1 MB names
 * and attribute values, NUL bytes, invalid UTF-8, UTF-16 with a BOM and a 1 GB (sparse) file are
 * refused or handled with a message naming the file, in bounded memory, without reading the entity's
 * file or opening a connection. The spawn timeout bounds the time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pool } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';
import { runMeasured } from './measured.ts';

const SENTINEL = 'SENTINEL-must-never-be-read-7f3a';
const RSS_LIMIT_MB = 500;

function hostileFiles(dir: string, port: number): Array<{ name: string; path: string }> {
  const sentinel = join(dir, 'sentinel.txt');
  writeFileSync(sentinel, `${SENTINEL}\n`);
  const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n');
  const files: Record<string, string | Buffer> = {
    'xxe-file.conf': `<!DOCTYPE ossec_config [<!ENTITY e SYSTEM "file://${sentinel}">]>\n<ossec_config>\n  <global>\n    <email_to>&e;</email_to>\n  </global>\n</ossec_config>\n`,
    'xxe-http.conf': `<!DOCTYPE ossec_config [<!ENTITY % p SYSTEM "http://127.0.0.1:${port}/p.dtd"> %p; <!ENTITY e SYSTEM "http://127.0.0.1:${port}/e">]>\n<ossec_config>\n  <global>\n    <email_to>&e;</email_to>\n  </global>\n</ossec_config>\n`,
    'billion-laughs.conf': `<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n${lol}\n]>\n<ossec_config><global><email_to>&lol9;</email_to></global></ossec_config>\n`,
    'quadratic.conf': `<!DOCTYPE x [<!ENTITY a "${'A'.repeat(50_000)}">]>\n<ossec_config><global><email_to>${'&a;'.repeat(50_000)}</email_to></global></ossec_config>\n`,
    'deep.conf': `<ossec_config>${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}</ossec_config>\n`,
    'long-name.conf': `<ossec_config><${'n'.repeat(1 << 20)}>x</${'n'.repeat(1 << 20)}></ossec_config>\n`,
    'long-attribute.conf': `<ossec_config><global a="${'v'.repeat(1 << 20)}"><email_to>a@b.c</email_to></global></ossec_config>\n`,
    'nul.conf': Buffer.from('<ossec_config>\n  <global>\n    <email_to>a\0b@example.com</email_to>\n  </global>\n</ossec_config>\n', 'latin1'),
    'utf16.conf': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<ossec_config>\n  <global>\n  </global>\n</ossec_config>\n', 'utf16le')]),
  };
  const out = Object.entries(files).map(([name, body]) => {
    const path = join(dir, name);
    writeFileSync(path, body);
    return { name, path };
  });
  const huge = join(dir, 'huge.conf');
  writeFileSync(huge, '<ossec_config>\n');
  truncateSync(huge, 2 ** 30); // sparse: 1 GB long, no data written
  out.push({ name: 'huge.conf', path: huge });
  return out;
}

test('hostile configuration files: refused with a message naming the file, bounded memory, no file or network access', { timeout: 600_000 }, async () => {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const dir = tempDir('arctl-hostile-');
    const alerts = join(dir, 'alerts.json');
    writeFileSync(alerts, '{"timestamp":"2024-05-01T00:00:00Z","rule":{"id":"5712","level":10},"data":{"srcip":"203.0.113.9"}}\n');
    const files = hostileFiles(dir, port);
    const jobs = files.flatMap((f) => [
      { f, args: ['validate', f.path] },
      { f, args: ['lint', f.path] },
      { f, args: ['simulate', '--file', f.path, alerts] },
      { f, args: ['add', 'white-list', '198.51.100.7', '--file', f.path, '--no-input'], add: true },
    ]);
    const before = new Map(files.filter((f) => f.name !== 'huge.conf').map((f) => [f.path, readFileSync(f.path)]));
    const results = await pool(jobs, 3, async (job) => ({ job, r: await runMeasured(job.args) }));
    for (const { job, r } of results) {
      const what = `arctl ${job.args[0]} on ${job.f.name}`;
      const output = r.stdout + r.stderr;
      assert.equal(r.signal, null, `${what}: finished within the spawn timeout`);
      assert.ok(r.status === 1 || r.status === 2, `${what}: refused (exit 1 or 2), got ${r.status}: ${output.slice(0, 300)}`);
      assert.ok(output.includes(job.f.path), `${what}: the message names the file: ${output.slice(0, 300)}`);
      assert.ok(!/\n\s+at .+:\d+:\d+\)?\n/.test(output) && !output.includes('internal error'), `${what}: no stack trace`);
      assert.ok(output.length < 4096, `${what}: a short message, not the hostile content echoed (${output.length} chars)`);
      assert.ok(!output.includes(SENTINEL), `${what}: the entity's file was never read`);
      if (r.peakRssMb !== undefined) assert.ok(r.peakRssMb < RSS_LIMIT_MB, `${what}: peak RSS ${r.peakRssMb.toFixed(0)} MB`);
      if (/^(deep|long-name|long-attribute|xxe-file|billion-laughs|quadratic|xxe-http)/.test(job.f.name) && job.args[0] !== 'add') {
        assert.match(output, /:\d+:\d+|line \d+/, `${what}: the position of the problem`);
      }
    }
    for (const [path, bytes] of before) assert.ok(readFileSync(path).equals(bytes), `${path}: add wrote nothing`);
    assert.equal(connections, 0, 'no network connection was opened');
  } finally {
    server.close();
  }
});

test('control: the same harness passes a valid configuration', async () => {
  const r = await runMeasured(['validate', join(projectRoot, 'examples/ossec.conf')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
