/** One home per Wazuh fact (src/wazuh/): time units, locations, stock programs, node role. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { CANONICAL_LOCATIONS, LOCATION_KEYWORDS, LOCATION_PATTERNS } from '../../src/wazuh/location.ts';
import { hasAgentSection, isAgentNodeConfig } from '../../src/wazuh/node-role.ts';
import { isRestartProgram, LEGACY_SCRIPT_RENAMES, PRE_4_2_SCRIPT_NAMES } from '../../src/wazuh/programs.ts';
import { durationSeconds, parseWazuhTime } from '../../src/wazuh/time-units.ts';

test('w_parse_time: strtol, then only the next character picks a lowercase unit', () => {
  const cases: [string, number][] = [
    ['600', 600], ['10s', 10], ['10m', 600], ['2h', 7200], ['1d', 86400], ['1w', 604800], [' 5', 5], ['+5m', 300],
    ['10mx', 600], ['', 0], ['m', 0], ['10M', -1], ['1H', -1], ['5 m', -1], ['-5', -1], ['ten', -1], ['9223372036854775807', -1],
  ];
  assert.deepEqual(cases.map(([text]) => [text, parseWazuhTime(text)]), cases);
});

test('a duration a person writes: a whole number with an optional lowercase unit', () => {
  assert.deepEqual(['600', '30m', ' 1h ', '2 d', '1w', '30M', '1.5h', '-5', 'm'].map(durationSeconds), [600, 1800, 3600, 172800, 604800, undefined, undefined, undefined, undefined]);
});

test('locations: the keywords are the OS_Regex patterns\' words; four documented values', () => {
  assert.deepEqual(LOCATION_KEYWORDS, ['AS', 'analysisd', 'analysis-server', 'server', 'local', 'defined-agent', 'all', 'any']);
  assert.equal(Object.keys(LOCATION_PATTERNS).length, CANONICAL_LOCATIONS.length);
  assert.deepEqual([...CANONICAL_LOCATIONS].sort(), ['all', 'defined-agent', 'local', 'server']);
});

test('stock programs: 4.2+ names map back to their pre-4.2 scripts; restart programs', () => {
  assert.equal(PRE_4_2_SCRIPT_NAMES.get('restart-wazuh'), 'restart-ossec.sh');
  assert.equal(PRE_4_2_SCRIPT_NAMES.get('netsh.exe'), 'netsh.cmd');
  assert.equal(PRE_4_2_SCRIPT_NAMES.get('constructor'), undefined);
  for (const [modern, legacy] of PRE_4_2_SCRIPT_NAMES) assert.equal(LEGACY_SCRIPT_RENAMES.get(legacy), modern);
  assert.equal(PRE_4_2_SCRIPT_NAMES.size, [...LEGACY_SCRIPT_RENAMES.values()].filter((v) => v !== undefined).length);
  assert.deepEqual(['restart-wazuh', 'restart-ossec.sh', '/x/restart.cmd', 'firewall-drop'].map(isRestartProgram), [true, true, true, false]);
});

test('node role: <client> or <agent> without <remote>, <ruleset> or <cluster> is an agent', () => {
  const role = (body: string) => isAgentNodeConfig(buildConfigView(ConfigDocument.fromText('ossec.conf', `<ossec_config>${body}</ossec_config>`)));
  assert.equal(role('<client><server><address>m</address></server></client>'), true);
  assert.equal(role('<agent></agent>'), true);
  assert.equal(role('<client></client><global></global>'), true, 'agents skip <global>: config.c:83-86');
  assert.equal(role('<client></client><ruleset></ruleset>'), false);
  // Agents pass over these (config.c:198, 238-241), and no manager starts without <remote> (remoted/main.c:158-161).
  assert.equal(role('<agent></agent><global></global><vulnerability-detection></vulnerability-detection>'), true, 'agents skip it: only set in the manager');
  assert.equal(role('<client></client><auth><disabled>no</disabled></auth>'), true, 'agents skip <auth>: only authd reads it');
  assert.equal(role('<client></client><remote></remote>'), false);
  assert.equal(role('<client></client><cluster></cluster><auth></auth>'), false);
  assert.equal(role('<global></global>'), false);
  assert.equal(hasAgentSection(buildConfigView(ConfigDocument.fromText('ossec.conf', '<ossec_config><client></client><global></global></ossec_config>'))), true);
});
