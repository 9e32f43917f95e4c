/** The checks of the program file, before it runs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { programKind, readsToEofHint, staticChecks, type ProgramFile } from '../../src/script/static-checks.ts';

function file(text: string | Buffer, over: Partial<ProgramFile> = {}): ProgramFile {
  return { path: 'block.sh', head: typeof text === 'string' ? Buffer.from(text) : text, mode: 0o100755, uid: 1000, gid: 1000, installed: false, legacy: false, ...over };
}

const status = (f: ProgramFile) => Object.fromEntries(staticChecks(f).map((c) => [c.id, c.status]));

test('execute bit, interpreter line and compiled programs', () => {
  assert.equal(status(file('#!/bin/bash\nexit 0\n', { mode: 0o100644 }))['file-executable'], 'fail');
  assert.equal(status(file('echo hi\n'))['file-interpreter'], 'warn');
  assert.deepEqual(programKind(Buffer.from('#!/usr/bin/env python3\n')), { kind: 'script', interpreter: '/usr/bin/env python3', language: 'python' });
  assert.deepEqual(programKind(Buffer.from('\x7fELF\x02\x01')), { kind: 'elf' });
  assert.equal(status(file(Buffer.from('\x7fELF\x02\x01\r\n')))['file-line-endings'], undefined);
});

test('CR LF: on the #! line exec fails; in a shell script every line is wrong; Python only warns', () => {
  const crlf = staticChecks(file('#!/bin/bash\r\nread -r X\r\n')).find((c) => c.id === 'file-line-endings')!;
  assert.equal(crlf.status, 'fail');
  assert.match(crlf.summary, /interpreter named '\/bin\/bash\\r'/);
  assert.equal(status(file('#!/bin/bash\nread -r X\r\necho\r\n'))['file-line-endings'], 'fail');
  assert.equal(status(file('#!/usr/bin/python3\nimport sys\r\n'))['file-line-endings'], 'warn');
  assert.equal(status(file('#!/bin/bash\nread -r X\n'))['file-line-endings'], 'pass');
});

test('installed programs: root:wazuh 0750', () => {
  assert.equal(status(file('#!/bin/sh\n', { installed: true, uid: 0, groupName: 'wazuh', mode: 0o100750 }))['file-ownership'], 'pass');
  assert.equal(status(file('#!/bin/sh\n', { installed: true, uid: 0, groupName: 'root', mode: 0o100755 }))['file-ownership'], 'warn');
  assert.equal(status(file('#!/bin/sh\n'))['file-ownership'], undefined);
});

test('shell sources: read without -r, positional arguments on 4.2+, reading stdin to EOF', () => {
  assert.equal(status(file('#!/bin/bash\nread INPUT\n'))['source-read-r'], 'warn');
  assert.equal(status(file('#!/bin/bash\nread -r INPUT\n'))['source-read-r'], undefined);
  assert.equal(status(file('#!/bin/bash\nIFS= read -r -t 5 INPUT\n'))['source-read-r'], undefined);
  assert.equal(status(file('#!/bin/sh\nACTION=$1\n'))['source-arguments'], 'warn');
  assert.equal(status(file('#!/bin/sh\nACTION=$1\n', { legacy: true }))['source-arguments'], undefined);
  assert.equal(status(file("#!/bin/sh\nread -r M\nIP=$(echo \"$M\" | awk '{print $1}')\n"))['source-arguments'], undefined);
  assert.equal(readsToEofHint(file('#!/bin/bash\n# INPUT=$(cat)\nINPUT=$(cat)\n')), 'block.sh:3: INPUT=$(cat)');
  assert.equal(readsToEofHint(file('#!/bin/bash\nwhile read -r line; do :; done\n')), 'block.sh:2: while read -r line; do :; done');
  assert.equal(readsToEofHint(file('#!/usr/bin/env python3\nimport json, sys\nm = json.load(sys.stdin)\n', { path: 'b.py' })), 'b.py:3: m = json.load(sys.stdin)');
  assert.equal(readsToEofHint(file('#!/bin/bash\nread -r INPUT\n')), undefined);
});
