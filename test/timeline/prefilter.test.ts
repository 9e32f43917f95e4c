import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { loadSimConfig } from '../../src/simulate/from-load.ts';
import { readAlerts } from '../../src/simulate/input.ts';
import { buildLinePrefilter } from '../../src/timeline/prefilter.ts';
import { replayTimeline, type TimelineItem } from '../../src/timeline/replay.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { projectRoot } from '../helpers/paths.ts';

const target = parseTargetVersion('4.14');
function config(blocks: string) {
  const xml = `<ossec_config><command><name>fw</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>${blocks}</ossec_config>`;
  return loadSimConfig(ConfigDocument.fromText('c.conf', xml), target);
}
const ar = (inner: string) => `<active-response><command>fw</command><location>local</location>${inner}<timeout>60</timeout></active-response>`;

test('the line prefilter is a necessary condition only: rule ids, levels, and no filter for group patterns', () => {
  const byId = buildLinePrefilter(config(ar('<rules_id>5712, 5720</rules_id>')), false)!;
  assert.equal(byId('{"rule":{"level":10,"id":"5712"}}'), true);
  assert.equal(byId('{"rule":{"level":10,"id":5720}}'), true, 'numeric ids in hand-written alerts');
  assert.equal(byId('{"rule":{"level":10,"id":"57120"}}'), false);
  assert.equal(byId('{"rule":{"level":10,"id":"5710"}}'), false);
  const byLevel = buildLinePrefilter(config(ar('<level>10</level>')), false)!;
  assert.equal(byLevel('{"rule":{"level":12,"id":"1"}}'), true);
  assert.equal(byLevel('{"rule":{"level":9,"id":"1"}}'), false);
  assert.equal(buildLinePrefilter(config(ar('<rules_group>sshd</rules_group>')), false), undefined);
  assert.equal(buildLinePrefilter(config(ar('<level>10</level>')), true), undefined, 'ruleset levels may differ from the alert');
  const disabled = buildLinePrefilter(config(`<active-response><disabled>yes</disabled><command>fw</command><location>local</location><rules_group>x</rules_group></active-response>${ar('<rules_id>1</rules_id>')}`), false)!;
  assert.equal(disabled('{"rule":{"id":"2"}}'), false, 'disabled blocks cannot fire');
});

async function events(path: string, conf: ReturnType<typeof config>, filtered: boolean): Promise<string[]> {
  const prefilter = filtered ? buildLinePrefilter(conf, false) : undefined;
  const records = readAlerts(Readable.from([readFileSync(path)]), prefilter ? { prefilter } : {});
  const out: string[] = [];
  const replay = replayTimeline(records, conf, {}, {});
  for (let step = await replay.next(); !step.done; step = await replay.next()) out.push(JSON.stringify((step.value as TimelineItem)));
  return out;
}

test('filtering changes nothing in the replay of the shipped example alerts', async () => {
  const conf = loadSimConfig(new ConfigDocument('ossec.conf', readFileSync(join(projectRoot, 'examples/ossec.conf'))), target);
  const path = join(projectRoot, 'examples/alerts.json');
  const all = await events(path, conf, false);
  assert.ok(all.length > 0, 'the example alerts fire something');
  assert.deepEqual(await events(path, conf, true), all);
});
