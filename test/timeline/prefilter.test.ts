import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { loadSimConfig } from '../../src/simulate/from-load.ts';
import { readAlertBatches } from '../../src/simulate/input.ts';
import { buildLinePrefilter } from '../../src/timeline/prefilter.ts';
import { firedResponses } from '../../src/simulate/engine.ts';
import fc from 'fast-check';
import { replayTimeline } from '../../src/timeline/replay.ts';
import { decideBatch } from '../../src/timeline/decide.ts';
import { readDecisions } from '../../src/timeline/read-decisions.ts';
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

test('values the engine reads as a bound id or level pass, however they are written', () => {
  const byId = buildLinePrefilter(config(ar('<rules_id>5712</rules_id>')), false)!;
  for (const id of ['"05712"', '" 5712"', '"+5712"', '"5712abc"', '5712', '5712.0', '5.712e3', '"\\u0035712"', '"5712\\n"']) {
    assert.equal(byId(`{"rule":{"id":${id}}}`), true, id);
  }
  for (const id of ['"57120"', '"-5712"', '"5711"', '57120', 'null', '"x5712"']) assert.equal(byId(`{"rule":{"id":${id}}}`), false, id);
  const byLevel = buildLinePrefilter(config(ar('<level>10</level>')), false)!;
  for (const level of ['10', '10.9', '"10"', '" 12x"', '1e1', '"\\t10"']) assert.equal(byLevel(`{"rule":{"level":${level}}}`), true, level);
  for (const level of ['9', '9.99', '"9"', '-10', '"ten"', '9e0']) assert.equal(byLevel(`{"rule":{"level":${level}}}`), false, level);
});

const idText = fc.oneof(
  fc.integer({ min: 0, max: 99999 }).map(String),
  fc.tuple(fc.constantFrom('', ' ', '0', '00', '+', '-', '\t'), fc.constantFrom('5712', '5720', '100', '5'), fc.constantFrom('', 'x', ' ', '.5')).map((p) => p.join('')),
);
const idValue = fc.oneof(idText, fc.integer({ min: -5, max: 99999 }), fc.double({ min: 0, max: 99999, noNaN: true }), fc.constant(null));
const levelValue = fc.oneof(fc.integer({ min: -3, max: 20 }), fc.double({ min: 0, max: 20, noNaN: true }), fc.integer({ min: 0, max: 20 }).map((n) => `${n}`), fc.constantFrom(' 12', '012', '12x', '+15'));

test('property: every alert that fires a response passes the prefilter', () => {
  const conf = config(`${ar('<rules_id>5712,100</rules_id>')}${ar('<level>12</level>')}`);
  const prefilter = buildLinePrefilter(conf, false)!;
  fc.assert(
    fc.property(idValue, levelValue, fc.constantFrom('000', '001', '017'), (id, level, agent) => {
      const alert = { timestamp: '2024-05-01T00:00:00.000+0000', rule: { id, level, groups: ['x'] }, agent: { id: agent }, id: '1.1', data: { srcip: '45.1.2.3' } };
      const line = JSON.stringify(alert);
      if (firedResponses(conf, {}, JSON.parse(line)).fired.length > 0) assert.equal(prefilter(line), true, line);
    }),
    { numRuns: 3000, seed: 21 },
  );
});

async function events(path: string, conf: ReturnType<typeof config>, filtered: boolean): Promise<string[]> {
  const source = Readable.from([readFileSync(path)]);
  async function* unfiltered() {
    for await (const records of readAlertBatches(source)) yield decideBatch(records, conf, {}, {});
  }
  const out: string[] = [];
  const replay = replayTimeline(filtered ? readDecisions(source, conf, {}, {}) : unfiltered(), conf, {}, undefined, filtered);
  let step = await replay.next();
  for (; !step.done; step = await replay.next()) for (const item of step.value) out.push(JSON.stringify(item));
  const { unparsed, ...summary } = step.value;
  assert.equal(unparsed !== undefined, filtered);
  out.push(JSON.stringify(summary));
  return out;
}

test('filtering changes nothing in the replay of the shipped example alerts', async () => {
  const conf = loadSimConfig(new ConfigDocument('ossec.conf', readFileSync(join(projectRoot, 'examples/ossec.conf'))), target);
  const path = join(projectRoot, 'examples/alerts.json');
  const all = await events(path, conf, false);
  assert.ok(all.length > 0, 'the example alerts fire something');
  assert.deepEqual(await events(path, conf, true), all);
});
