/** The file names arctl lints and what a directory argument expands to, called directly (no CLI). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expandInputs, isConfigFilePath } from '../../src/config/config-files.ts';
import { tempFiles } from '../helpers/temp.ts';

test('configuration file names: ossec.conf, agent.conf, *.ossec.conf, by the last path segment', () => {
  for (const path of ['ossec.conf', '/var/ossec/etc/ossec.conf', 'etc/shared/default/agent.conf', 'repo/manager.ossec.conf', 'a b/x.y.ossec.conf']) {
    assert.ok(isConfigFilePath(path), path);
  }
  for (const path of ['ossec.conf.bak', 'local_internal_options.conf', 'internal_options.conf', 'ossec-server.conf', 'x__ossec.conf', 'agent.conf/', 'myagent.conf', 'ossec.conf.j2', '.ossec.conf/x']) {
    assert.ok(!isConfigFilePath(path), path);
  }
});

test('expandInputs: directories in code-unit order of names, other arguments as given, each file once', () => {
  const root = tempFiles({
    'etc/ossec.conf': '',
    'etc/Z.ossec.conf': '',
    'etc/a.ossec.conf': '',
    'etc/shared/b/agent.conf': '',
    'etc/shared/a/agent.conf': '',
    'etc/shared/a/ossec.conf.bak': '',
    'etc/.git/ossec.conf': '',
    'etc/node_modules/ossec.conf': '',
    'etc/.hidden/ossec.conf': '',
    'none/readme.txt': '',
  });
  symlinkSync('..', join(root, 'etc/shared/loop'));
  const files = (args: string[]) => expandInputs(args, root).map((i) => (i.kind === 'file' ? i.path : `problem: ${i.message}`));
  assert.deepEqual(files(['etc']), ['etc/.hidden/ossec.conf', 'etc/Z.ossec.conf', 'etc/a.ossec.conf', 'etc/ossec.conf', 'etc/shared/a/agent.conf', 'etc/shared/b/agent.conf']);
  assert.deepEqual(files(['-', 'nope.conf', 'etc/ossec.conf', './etc/shared/b', 'etc/ossec.conf', join(root, 'etc/ossec.conf')]), ['-', 'nope.conf', 'etc/ossec.conf', 'etc/shared/b/agent.conf']);
  assert.deepEqual(files(['none']), ['problem: none: no ossec.conf, agent.conf or *.ossec.conf file in this directory or below it (name a file to lint it under another name)']);
  assert.match(files(['etc/*.conf'])[0], /^problem: etc\/\*\.conf: no such file; arctl does not expand patterns/);
});
