import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstNonUtf8Byte } from '../../src/util/utf8.ts';

test('firstNonUtf8Byte: where a strict UTF-8 decoder stops', () => {
  const at = (...bytes: number[]) => firstNonUtf8Byte(Uint8Array.from([0x61, ...bytes, 0x62]));
  assert.equal(firstNonUtf8Byte(Buffer.from('<ossec_config>réseau €𝄞</ossec_config>')), -1);
  assert.equal(at(0xe9, 0x20), 1, 'Latin-1 é');
  assert.equal(at(0xc3, 0xa9, 0xe9), 3, 'after a good é');
  assert.equal(at(0x80), 1, 'lone continuation byte');
  assert.equal(at(0xc0, 0xaf), 1, 'overlong');
  assert.equal(at(0xe0, 0x80, 0x80), 1, 'overlong three-byte form');
  assert.equal(at(0xed, 0xa0, 0x80), 1, 'surrogate');
  assert.equal(at(0xf4, 0x90, 0x80, 0x80), 1, 'past U+10FFFF');
  assert.equal(at(0xe2, 0x82), 1, 'truncated euro sign');
  assert.equal(firstNonUtf8Byte(Uint8Array.from([0xf0, 0x9f, 0x98])), 0, 'truncated at the end');
  // Agrees with TextDecoder's fatal mode on every 2-byte prefix after 'a'.
  for (let b = 0x80; b <= 0xff; b++) {
    for (const c of [0x20, 0x80, 0x9f, 0xa0, 0xbf, 0xc0]) {
      const bytes = Uint8Array.from([0x61, b, c, 0x80, 0x80]);
      let strict = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        strict = false;
      }
      assert.equal(firstNonUtf8Byte(bytes) === -1, strict, `${b.toString(16)} ${c.toString(16)}`);
    }
  }
});
