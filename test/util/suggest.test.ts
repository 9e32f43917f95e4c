/** The one "did you mean" policy (src/util/suggest.ts) that every suggestion of a name goes through. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, editDistance, suggestAll, suggestOne } from '../../src/util/suggest.ts';
import { foldLookalikes } from '../../src/lint/names.ts';
import { suggestOption, suggestSection } from '../../src/schema/elements.ts';

test('edit distance counts inserts, deletes and substitutions', () => {
  assert.equal(editDistance('timeout', 'timeout'), 0);
  assert.equal(editDistance('timout', 'timeout'), 1);
  assert.equal(editDistance('rules_id', 'rule_id'), 1);
  assert.equal(editDistance('', 'all'), 3);
});

test('a candidate that differs only in case is the answer on its own; otherwise all within the limit, nearest first, ties in code-unit order', () => {
  assert.deepEqual(suggestAll('Location', ['location', 'locations', 'local']), ['location']);
  assert.deepEqual(suggestAll('timout', ['timeout', 'timeouts', 'level']), ['timeout', 'timeouts']);
  assert.deepEqual(suggestAll('ab', ['ac', 'aa', 'zzz']), ['aa', 'ac']);
  assert.deepEqual(suggestAll('level', ['command', 'location']), []);
});

test('one suggestion only when one candidate is nearer than every other', () => {
  assert.equal(suggestOne('timout', ['timeout', 'level']), 'timeout');
  assert.equal(suggestOne('ab', ['ac', 'aa']), undefined);
  // Within two edits, not three: an empty location suggests nothing.
  assert.equal(suggestOne('', ['local', 'server', 'defined-agent', 'all']), undefined);
  assert.equal(suggestOne('5712', ['5710', '5711', '5716'].concat('57120'), { maxDistance: 1 }), undefined);
  assert.equal(suggestOne('57100', ['5710', '5712'], { maxDistance: 1 }), '5710');
});

test('names users paste are compared with look-alikes folded', () => {
  assert.equal(suggestOne('firewall\u2010drop', ['firewall-drop', 'host-deny'], { normalize: foldLookalikes }), 'firewall-drop');
  assert.equal(suggestOne('firewall\u2010drop', ['host-deny'], { normalize: foldLookalikes }), undefined);
});

test('free-form names allow more edits the longer they are; the schema suggests by the same policy', () => {
  assert.equal(didYouMean('unknown-elemnt', ['unknown-element', 'unknown-command']), "; did you mean 'unknown-element'?");
  assert.equal(didYouMean('xyz', ['unknown-element']), '');
  assert.equal(suggestSection('active_response'), 'active-response');
  assert.equal(suggestOption('active-response', 'timout'), 'timeout');
});
