/**
 * What every run of arctl loads (dist/arctl.js and its static chunks) takes Node's built-ins from
 * process.getBuiltinModule, never from a static import: the ESM facade of node:fs reads every export,
 * so fs.ReadStream and fs.promises would load the stream and fs/promises internals at start-up
 * (scripts/esbuild-options.mjs, builtinsWithoutFacade).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { distDir, startupFiles } from '../helpers/dist.ts';
import { projectRoot } from '../helpers/paths.ts';

test('no file of the start-up bundle imports a Node built-in statically', () => {
  for (const file of startupFiles()) {
    const code = readFileSync(join(distDir, file), 'utf8');
    assert.doesNotMatch(code, /\b(?:from|import)\s*["']node:/, `${file} imports a Node built-in through its ESM facade`);
    assert.doesNotMatch(code, /\bimport\s*\(\s*["']node:fs["']\s*\)/, `${file} imports node:fs through its ESM facade`);
  }
});

test('the built-ins taken from process.getBuiltinModule serve a run end to end: a directory walked, files and standard input read', () => {
  const examples = join(projectRoot, 'examples');
  const r = runArctl(['lint', '--format', 'json', examples, '-', '--stdin-filename', 'stdin.ossec.conf'], { input: readFileSync(join(examples, 'ossec.conf')) });
  assert.equal(r.status, 1, r.stderr);
  const files = (JSON.parse(r.stdout) as { filePath: string }[]).map((f) => f.filePath.replace(`${examples}/`, ''));
  assert.deepEqual(files.sort(), ['broken.ossec.conf', 'ossec.conf', 'quirks.ossec.conf', join(projectRoot, 'stdin.ossec.conf')].sort());
});
