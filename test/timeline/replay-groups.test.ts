/**
 * The replay's per-group summary (adds, aborts, deletes, fails, distinct keys, peak active) equals
 * a count made from the events it emits, by command and host: with responses that share a command,
 * commands that share a program (one's dispatch aborts the other's entry), repeated offenders,
 * failures, stateless programs and alerts out of order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigDocument } from '../../src/document/document.ts';
import { loadSimConfig } from '../../src/simulate/from-load.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { TimelineReplay, type GroupSummary, type TimelineItem } from '../../src/timeline/replay.ts';
import type { Decision } from '../../src/timeline/decide.ts';
import { compareText } from '../../src/util/compare.ts';

const xml =
  '<ossec_config>' +
  '<command><name>fw</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>' +
  '<command><name>fw2</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>' +
  '<active-response><command>fw</command><location>local</location><rules_id>1</rules_id><timeout>60</timeout></active-response>' +
  '<active-response><command>fw</command><location>local</location><rules_id>2</rules_id><timeout>30</timeout></active-response>' +
  '<active-response><command>fw2</command><location>local</location><rules_id>3</rules_id><timeout>90</timeout></active-response>' +
  '</ossec_config>';
const config = loadSimConfig(ConfigDocument.fromText('c.conf', xml), parseTargetVersion('4.14'));

const dispatch = fc.record({
  response: fc.integer({ min: 0, max: 2 }),
  host: fc.constantFrom('000', '001', '002'),
  keys: fc.oneof({ arbitrary: fc.constantFrom('1.1.1.1', '2.2.2.2', '3.3.3.3').map((ip): string[] | null => [ip]), weight: 6 }, { arbitrary: fc.constant(null), weight: 1 }),
  fail: fc.option(fc.constant('no srcip'), { nil: undefined, freq: 6 }),
});
const decisions = fc.array(fc.tuple(fc.integer({ min: -40, max: 70 }), fc.array(dispatch, { minLength: 1, maxLength: 3 })), { maxLength: 80 }).map((steps) => {
  let time = 1_714_521_600;
  return steps.map(([step, dispatches], index): Decision => {
    time += step; // a negative step: an alert out of order
    return { time, alertId: `${time}.${index}`, index, ruleId: String(dispatches[0]!.response + 1), dispatches: dispatches.map((d) => ({ ...d, noRun: undefined, message: undefined })) };
  });
});

/** The groups, counted from the events and failures alone. */
function countedGroups(items: TimelineItem[]): GroupSummary[] {
  const groups = new Map<string, GroupSummary & { keys: Set<string>; active: number }>();
  const group = (command: string, host: string) => {
    const id = `${command}\0${host}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { command, host, adds: 0, aborts: 0, deletes: 0, fails: 0, distinctKeys: 0, peakActive: 0, keys: new Set(), active: 0 }));
    return g;
  };
  for (const item of items) {
    if (item.type === 'fail') {
      group(item.failure.command, item.failure.host).fails++;
      continue;
    }
    const e = item.event;
    const g = group(e.command, e.host);
    g.keys.add(e.key);
    if (e.action === 'add') {
      g.adds++;
      if (e.timeout > 0) g.peakActive = Math.max(g.peakActive, ++g.active);
    } else if (e.action === 'abort') g.aborts++;
    else {
      g.deletes++;
      g.active--;
    }
  }
  return [...groups.values()]
    .map(({ keys, active: _active, ...g }) => ({ ...g, distinctKeys: keys.size }))
    .sort((a, b) => compareText(a.command, b.command) || compareText(a.host, b.host));
}

test('property: the summary groups are the events counted by command and host', () => {
  fc.assert(
    fc.property(decisions, fc.boolean(), fc.integer({ min: 0, max: 60 }), (ds, offenders, window) => {
      const replay = new TimelineReplay(config, { managerRepeatedOffenders: offenders ? [2, 5] : undefined, agentRepeatedOffenders: offenders ? [1] : undefined, reorderWindow: window });
      const items: TimelineItem[] = [];
      for (let i = 0; i < ds.length; i += 7) items.push(...replay.add({ decisions: ds.slice(i, i + 7), untimed: 0, outsideWindow: 0, unparsed: 0 }));
      items.push(...replay.finish());
      assert.deepEqual(replay.summary.groups, countedGroups(items));
    }),
    { numRuns: 1500, seed: 22 },
  );
});
