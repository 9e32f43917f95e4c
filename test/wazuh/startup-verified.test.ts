/**
 * The start-up model (src/wazuh/load.ts) against Wazuh v4.14.7's own readers, compiled and run:
 * verified/acceptance-full.json (analysisd: verdict, every logged line in order, ar.conf, AR queues, the
 * global options it holds) and verified/maild.json (MailConf's verdict and log). Every entry must agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { loadAnalysisdConfig, type AnalysisdConfig, type LoadMessage } from '../../src/wazuh/load.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { specDir, specSkip } from '../helpers/paths.ts';

function verified<T>(name: string): { cases: T[] } | undefined {
  const path = join(specDir, 'verified', name);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { cases: T[] }) : undefined;
}

function load(text: string): AnalysisdConfig {
  const doc = ConfigDocument.fromText('FILE', text);
  return loadAnalysisdConfig(doc, buildConfigView(doc), parseTargetVersion('4.14'), { fileName: 'FILE' });
}

/** The acceptance.json convention: every physical line that starts with ERROR, WARNING or INFO. */
function says(messages: readonly LoadMessage[]): string[] {
  return messages.flatMap((m) => `${m.level}: ${m.text}`.split('\n')).filter((line) => /^(ERROR|WARNING|INFO): /.test(line));
}

interface AnalysisdCase {
  name: string;
  config: string;
  accepted: boolean;
  crash: boolean;
  wazuh_says: string[];
  ar_conf: string | null;
  config_ar?: number;
  loaded?: { global: { jsonout_output: number; alerts_log: number; mailbylevel: number; logbylevel: number; email_notification: number }; white_list_ip: unknown[] };
}

const full = verified<AnalysisdCase>('acceptance-full.json');

test('analysisd agrees with every case of verified/acceptance-full.json: verdict, crash, every line in order', { skip: specSkip || (!full && 'verified/acceptance-full.json is missing') }, () => {
  const wrong: string[] = [];
  for (const c of full!.cases) {
    const loaded = load(c.config);
    const got = { accepted: loaded.accepted, crash: loaded.crashed, says: says(loaded.messages) };
    const want = { accepted: c.accepted, crash: c.crash, says: c.wazuh_says };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${c.name}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
  }
  assert.equal(full!.cases.length, 300);
  assert.deepEqual(wrong, []);
});

test('what analysisd holds after an accepted start: ar.conf, AR queues, global and alert options (acceptance-full.json)', { skip: specSkip || (!full && 'verified/acceptance-full.json is missing') }, () => {
  const wrong: string[] = [];
  for (const c of full!.cases.filter((x) => x.accepted)) {
    const loaded = load(c.config);
    const g = c.loaded!.global;
    const got = {
      arConf: loaded.arConf.map((l) => `${l}\n`).join(''),
      queues: (loaded.arQueues.remote ? 1 : 0) | (loaded.arQueues.local ? 2 : 0),
      jsonout: loaded.global.jsonoutOutput ? 1 : 0,
      alertsLog: loaded.global.alertsLog ? 1 : 0,
      notification: loaded.global.emailNotification,
      levels: [loaded.alerts.emailAlertLevel, loaded.alerts.logAlertLevel],
      whiteListIps: loaded.global.whiteList.filter((w) => w.entry.kind === 'ip').length,
    };
    const want = {
      arConf: c.ar_conf,
      queues: c.config_ar,
      jsonout: g.jsonout_output,
      alertsLog: g.alerts_log,
      notification: g.email_notification === 1,
      levels: [g.mailbylevel, g.logbylevel],
      whiteListIps: c.loaded!.white_list_ip.length,
    };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${c.name}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
  }
  assert.deepEqual(wrong, []);
});

interface MaildCase {
  name: string;
  config: string;
  verdict: 'ACCEPTED' | 'REJECTED' | 'DISABLED';
  says: string[];
  analysisd_accepted: boolean;
}

const maild = verified<MaildCase>('maild.json');

test('wazuh-maild agrees with every case of verified/maild.json: verdict and every line in order', { skip: specSkip || (!maild && 'verified/maild.json is missing') }, () => {
  const wrong: string[] = [];
  for (const c of maild!.cases) {
    const loaded = load(c.config);
    const got = { verdict: loaded.maild.verdict.toUpperCase(), says: says(loaded.maild.messages), analysisd: loaded.accepted };
    const want = { verdict: c.verdict, says: c.says, analysisd: c.analysisd_accepted };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${c.name}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
  }
  assert.equal(maild!.cases.length, 150);
  assert.deepEqual(wrong, []);
});

test('every refusal is listed, the first being the one the daemon prints', { skip: specSkip || (!full && 'verified/acceptance-full.json is missing') }, () => {
  for (const c of full!.cases.filter((x) => !x.accepted)) {
    const loaded = load(c.config);
    assert.ok(loaded.problems.length > 0, c.name);
    const first = loaded.problems[0]!;
    if (!first.crash) assert.ok(c.wazuh_says.includes(`ERROR: ${first.text.split('\n')[0]}`), `${c.name}: ${first.text}`);
  }
});
