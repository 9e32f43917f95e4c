/**
 * The diff's line prefilter (only lines that could fire a changed response are parsed) must change
 * nothing: the same report as deciding every alert, on generated alerts.json lines, for edits that
 * touch one response, several, or every response at once. With --timeline, the one pass gives each
 * side the replay `simulate --timeline` gives it on its own.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateAlertLines } from '../../bench/generate.ts';
import { replayAlertsFile } from '../../src/timeline/replay-file.ts';
import type { DiffSide } from '../../src/diff/static.ts';
import { ConfigDocument } from '../../src/document/document.ts';
import { diffAlerts } from '../../src/diff/pass.ts';
import { loadDiffSide } from '../../src/diff/sides.ts';
import { staticDiff } from '../../src/diff/static.ts';
import { BlockTally } from '../../src/diff/timeline.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFile } from '../helpers/temp.ts';

const baseText = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');
const target = parseTargetVersion('4.14');
const side = (text: string) => loadDiffSide(new ConfigDocument('x.conf', Buffer.from(text)), target);

const EDITS: Array<[string, (text: string) => string]> = [
  ['timeout', (t) => t.replace('<timeout>600</timeout>', '<timeout>3600</timeout>')],
  ['rules_id', (t) => t.replace('<rules_id>5712,5720</rules_id>', '<rules_id>5710,5712</rules_id>')],
  ['level trigger added', (t) => t.replace('</ossec_config>', '<active-response><command>host-deny</command><location>local</location><level>7</level><timeout>60</timeout></active-response>\n</ossec_config>')],
  ['white list', (t) => t.replace('<white_list>10.0.0.2</white_list>', '<white_list>10.0.0.0/8</white_list>')],
  ['e-mail', (t) => t.replace('<email_to>soc@example.com</email_to>', '<email_to>noc@example.com</email_to>')],
];

test('the prefilter changes no report: the same groups as deciding every alert', async () => {
  // Generated alerts are never flagged for e-mail; the shipped examples are.
  const alerts = tempFile('alerts.json', generateAlertLines(0, 3000) + readFileSync(join(projectRoot, 'examples/alerts.json'), 'utf8'));
  const base = side(baseText);
  for (const [name, edit] of EDITS) {
    const head = side(edit(baseText));
    const diff = staticDiff(base, head);
    const files = [{ path: alerts, shown: 'alerts.json' }];
    const filtered = (await diffAlerts(files, base, head, diff, {})).behaviour;
    // Claiming that e-mail may differ turns the prefilter off.
    const everyAlert = (await diffAlerts(files, base, head, { ...diff, emailDiffers: true }, {})).behaviour;
    assert.deepEqual(filtered.groups, everyAlert.groups.filter((g) => !g.category.startsWith('email') || diff.emailDiffers), name);
    assert.equal(filtered.alerts, 3005, name);
    assert.ok(name === 'white list' || filtered.changedAlerts > 0, `${name}: the edit changes some alert`);
  }
});

/** A side's blocks as `simulate --timeline` replays them (its own reading of the file, its own prefilter). */
async function ownReplay(path: string, s: DiffSide) {
  const replay = replayAlertsFile({ config: s.config, options: {}, configPath: 'x.conf', configBytes: new Uint8Array() }, path, {
    timeline: { managerRepeatedOffenders: s.repeatedOffenders.length > 0 ? s.repeatedOffenders : undefined, reorderWindow: 60 },
    workers: 0,
  });
  const tally = new BlockTally();
  for (;;) {
    const step = await replay.items.next();
    if (step.done) return tally.finish(step.value);
    tally.count(step.value);
  }
}

test('--timeline in the one pass: each side replays what `simulate --timeline` replays reading the file on its own', async () => {
  // Out of order by more than the reorder window, so the alerts each side's prefilter skips would move its clock.
  const lines = generateAlertLines(0, 3000).split('\n').filter(Boolean);
  lines.splice(1500, 0, ...lines.splice(2500, 200));
  const alerts = tempFile('alerts.json', `${lines.join('\n')}\n`);
  const base = side(baseText);
  for (const [name, edit] of EDITS) {
    const head = side(edit(baseText));
    const diff = staticDiff(base, head);
    const result = await diffAlerts([{ path: alerts, shown: 'alerts.json' }], base, head, diff, {}, { timeline: true });
    assert.deepEqual(result.timeline, { base: await ownReplay(alerts, base), head: await ownReplay(alerts, head) }, name);
    assert.ok(result.timeline!.base.adds > 0, name);
    // The behaviour is the one of the pass without the timeline.
    assert.deepEqual(result.behaviour, (await diffAlerts([{ path: alerts, shown: 'alerts.json' }], base, head, diff, {})).behaviour, name);
  }
});
