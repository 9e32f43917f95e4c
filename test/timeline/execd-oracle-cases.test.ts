/**
 * `simulate --timeline`'s replay against Wazuh v4.14.7's own execd main loop (src/os_execd/execd.c compiled
 * with a fake clock, queue and programs, built outside this repository), as data: the sequences
 * `npm run oracle -- --execd --record` kept (every one it found a disagreement on, those at an edge, a
 * sample of the rest) with Wazuh's verdict per host. Runs without the oracle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { arctlVerdict, verdictDifference, type RecordedExecdCase } from '../../scripts/oracle/execd-cases.ts';

const cases = JSON.parse(readFileSync(new URL('../fixtures/oracle/execd-cases.json', import.meta.url), 'utf8')) as RecordedExecdCase[];

test('every recorded sequence: per host whether execd starts, the adds, aborts and deletes (time, alert, key, timeout), what is still listed, and the minutes list, as Wazuh execd gives them', () => {
  assert.ok(cases.length >= 20);
  const wrong: string[] = [];
  for (const c of cases) {
    const difference = verdictDifference(c.wazuh, arctlVerdict(c));
    if (difference) wrong.push(`seed ${c.seed}: ${difference.text}`);
  }
  assert.deepEqual(wrong, []);
});

test('the recorded sequences reach the edges the oracle found arctl wrong on', () => {
  const hosts = cases.flatMap((c) => Object.values(c.wazuh));
  const events = hosts.flatMap((h) => h.events);
  // A negative timeout (a minutes value of -1, or one above 35791394 wrapping in C int): deleted the second it is set.
  assert.ok(events.some((e) => /^(\d+) delete \S+ \S+ -\d+ added=\1$/.test(e)));
  assert.ok(hosts.some((h) => h.repeated.some((m) => m > 35791394)));
  // Several deletes in one second in list order (first addition), which is not the order of their last reset.
  assert.ok(hosts.some((h) => deletesOutOfResetOrder(h.events)));
  // A key cut at execd's 4095 bytes in the middle of a character.
  assert.ok(events.some((e) => e.includes(' hex:')));
  // Hosts whose first <disabled> is yes (execd off) or a value ExecdConfig refuses (execd exits).
  assert.ok(hosts.some((h) => h.start === 'off'));
  assert.ok(hosts.some((h) => h.start === 'refused'));
});

/** Whether two deletes of one second come in another order than the adds or aborts that last set their entries. */
function deletesOutOfResetOrder(events: string[]): boolean {
  const lastSet = new Map<string, number>();
  let previous: { second: string; set: number } | undefined;
  for (const [i, line] of events.entries()) {
    const [second, action, , key] = line.split(' ');
    if (action !== 'delete') {
      lastSet.set(key!, i);
      continue;
    }
    const set = lastSet.get(key!) ?? -1;
    if (previous && previous.second === second && previous.set > set) return true;
    previous = { second: second!, set };
  }
  return false;
}
