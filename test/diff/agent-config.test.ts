/**
 * `arctl diff --agent-config FILE`: the agents' own ossec.conf, as `simulate --agent-config` reads it. Each
 * host's execd reads its own file (os_execd/config.c ExecdConfig): the agents' <repeated_offenders> set how long a
 * repeat on an agent blocks in --timeline (os_execd/execd.c:344-372), and their first <disabled> yes stops
 * everything sent to agents, on both sides.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFiles } from '../helpers/temp.ts';
import type { DiffReport } from '../../src/diff/model.ts';
import { diffConfigurations } from '../../src/index.ts';

const baseConf = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');
const headConf = baseConf.replace('<timeout>600</timeout>', '<timeout>3600</timeout>');
const agentConf = (option: string) => `<ossec_config>\n  <active-response>\n    ${option}\n  </active-response>\n</ossec_config>\n`;
const SSHD = '  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712,5720</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n';
/** examples/ossec.conf with a copy of its sshd block pasted below it, with another timeout (line 84). */
const twinConf = baseConf.replace(SSHD, `${SSHD}\n${SSHD.replace('600', '3600')}`);
const COPY = SSHD.replace('600', '3600');
/** twinConf with, after the copy, the manager's <repeated_offenders> and a response at location all. */
const offHead = twinConf.replace(
  COPY,
  `${COPY}  <active-response>\n    <repeated_offenders>2,10</repeated_offenders>\n  </active-response>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>all</location>\n    <level>12</level>\n    <timeout>60</timeout>\n  </active-response>\n`,
);
const dir = tempFiles({
  'twin.conf': twinConf,
  'off-head.conf': offHead,
  'base.conf': baseConf,
  'head.conf': headConf,
  'alerts.json': readFileSync(join(projectRoot, 'examples/alerts.json')),
  'offenders.conf': agentConf('<repeated_offenders>1,5</repeated_offenders>'),
  'off.conf': agentConf('<disabled>yes</disabled>'),
});

function diff(agentConfig: string, head = 'head.conf'): DiffReport {
  const r = runArctl(['diff', 'base.conf', head, '--alerts', 'alerts.json', '--timeline', '--agent-config', agentConfig, '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as DiffReport;
}

test("--timeline --agent-config: the agents' <repeated_offenders> set a repeat's timeout on agent 001, on both sides", () => {
  assert.notEqual(headConf, baseConf);
  const { timeline } = diff('offenders.conf');
  // Without it: 906 s -> 1556 s (diff-cli.test.ts). The second sshd alert (09:19:12) is a repeat, a second offence on
  // agent 001: its timeout is the list's first 1 min whatever <timeout> says, so the block ends at 09:20:13 on both
  // sides (simulate --timeline --agent-config replays the same), 366 s from the add.
  assert.deepEqual([timeline!.base.blockedSeconds, timeline!.head.blockedSeconds, timeline!.base.adds, timeline!.head.adds], [366, 366, 2, 2]);
});

test("--agent-config with the agents' execd disabled: nothing sent to agents runs on either side", () => {
  const report = diff('off.conf');
  assert.equal(report.behaviour!.changedAlerts, 0);
  assert.deepEqual([report.timeline!.base.adds, report.timeline!.head.adds], [0, 0]);
});

const NOTE = /the block lasts the first entry of the host's <repeated_offenders>, not line 84's 3600 s: 60 s on the agents \(list 1,5, from --agent-config\)/;

test("a pasted copy's note says the agents' <repeated_offenders> time the repeat it makes, and the replay agrees", () => {
  assert.notEqual(twinConf, baseConf);
  const report = diff('offenders.conf', 'twin.conf');
  const note = report.static.find((c) => c.kind === 'response-added')?.note ?? '';
  // execd.c:346-372: the first add lists the key as offender 0, the copy's add finds it and takes the list's first entry.
  assert.match(note, NOTE);
  assert.match(note, /, so it blocks nothing more, but the repeat counts as a second offence and the block lasts the first entry of the host's <repeated_offenders>, not line 84's 3600 s: 60 s on the agents \(list 1,5, from --agent-config\), later alerts taking the next entries; on the manager, its 3600 s, not line 77's 600 s$/);
  // 09:14:07 add and repeat (60 s), deleted 09:15:08; 09:19:12 offences 3 and 4 (5 min), deleted 09:24:13.
  assert.deepEqual([report.timeline!.base.blockedSeconds, report.timeline!.head.blockedSeconds], [366, 362]);
});

test('diffConfigurations takes the agents\' ossec.conf as agentConfig, as `arctl diff --agent-config`', async () => {
  const alerts = (readFileSync(join(dir, 'alerts.json'), 'utf8').trim().split('\n') as string[]).map((l) => JSON.parse(l) as Record<string, unknown>);
  const withOffenders = await diffConfigurations(baseConf, twinConf, undefined, { agentConfig: readFileSync(join(dir, 'offenders.conf')) });
  assert.match(withOffenders.static.find((c) => c.kind === 'response-added')?.note ?? '', NOTE);
  const off = await diffConfigurations(baseConf, headConf, alerts, { agentConfig: readFileSync(join(dir, 'off.conf'), 'utf8') });
  const on = await diffConfigurations(baseConf, headConf, alerts);
  assert.deepEqual([off.behaviour!.changedAlerts, on.behaviour!.changedAlerts], [0, 2]);
  // The changed response (a timeout) runs on agents too: with their execd off, the change says so.
  const changedNote = (report: DiffReport) => report.static.find((c) => c.kind === 'response-changed')?.note;
  assert.equal(
    changedNote(off),
    "the agents' execd runs nothing (the first <disabled> of their ossec.conf, agent ossec.conf:3, is yes: (1350): Active response disabled.), so this response runs only for the manager's own alerts (local runs on the agent that sent the alert)",
  );
  assert.equal(changedNote(on), undefined);
  const refused = await diffConfigurations(baseConf, headConf, undefined, { agentConfig: agentConf('<disabled>maybe</disabled>') });
  assert.match(changedNote(refused) ?? '', /^the agents' execd exits at start \(the first <disabled> of their ossec\.conf, agent ossec\.conf:3, is 'maybe', neither yes nor no\), so this response runs only for the manager's own alerts/);
});

test("--agent-config with the agents' execd off: each response that runs on agents says where it still runs; a copy's note counts the manager alone; the repeated_offenders line is the manager's", () => {
  const r = runArctl(['diff', 'base.conf', 'off-head.conf', '--agent-config', 'off.conf', '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as DiffReport;
  const off = "the agents' execd runs nothing (the first <disabled> of their ossec.conf, off.conf:3, is yes: (1350): Active response disabled.), so this response";
  assert.deepEqual(
    report.static.map((c) => [c.kind, 'response' in c ? c.response : c.kind === 'execd' ? c.field : '', 'note' in c ? c.note : undefined]),
    [
      [
        'response-added',
        'firewall-drop [rules_id 5712,5720 -> local] #2',
        `${off} runs only for the manager's own alerts (local runs on the agent that sent the alert); a copy of the response at line 77: it runs firewall-drop on the same hosts, on alerts that response fires on too, and execd takes the second add of a key as a repeat (the script aborts, the timeout restarts), so it blocks nothing more, but the repeat counts as a second offence and the block lasts the first entry of the host's <repeated_offenders>, not line 84's 3600 s: 120 s (list 2,10), later alerts taking the next entries`,
      ],
      ['response-added', 'firewall-drop [level >= 12 -> all]', `${off} runs nowhere`],
      ['execd', "manager's repeated_offenders", "it times repeats on the manager only: the agents' execd, which reads the <repeated_offenders> of their own ossec.conf, does not run (--agent-config)"],
    ],
  );
});
