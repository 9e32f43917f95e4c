/**
 * A realistic Wazuh 4.14.7 manager installation in a temporary directory, built from the corpus: the
 * stock ossec.conf (its <ruleset> reads ruleset/rules without 0215-policy_rules.xml, then etc/rules),
 * the stock rules, a local rules file, client.keys with three agents and a removed one, two agent
 * groups with their agent.conf, VERSION.json and wazuh-control as the installer writes them.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { corpusDir } from './paths.ts';
import { tempDir } from './temp.ts';

export const CORPUS_OSSEC_CONF = join(corpusDir, 'conf/wazuh__v4.14.7__etc_ossec-server.conf');
export const CORPUS_RULES_DIR = join(corpusDir, 'rules/wazuh-v4.14.7');
export const CORPUS_LOCAL_RULES = join(corpusDir, 'rules/extra/wazuh__v4.14.7__test_trigger_active_response__local_rules.xml');

export const CLIENT_KEYS = [
  '001 web01 10.0.0.11 1d2f3e4a5b6c7d8e9f00112233445566778899aabbccddeeff00112233445566',
  '002 db01 any 2d2f3e4a5b6c7d8e9f00112233445566778899aabbccddeeff00112233445566',
  '003 !old-host 10.0.0.13 3d2f3e4a5b6c7d8e9f00112233445566778899aabbccddeeff00112233445566',
  '004 win01 10.0.0.14 4d2f3e4a5b6c7d8e9f00112233445566778899aabbccddeeff00112233445566',
  '',
].join('\n');

export const AGENT_CONFS: Record<string, string> = {
  default: '<agent_config>\n  <!-- Shared agent configuration here -->\n</agent_config>\n',
  web: '<agent_config os="Linux">\n  <active-response>\n    <disabled>no</disabled>\n  </active-response>\n</agent_config>\n',
};

export interface TreeOptions {
  /** Replaces the corpus ossec.conf. */
  ossecConf?: string;
  /** More files, by path under the installation. */
  files?: Record<string, string>;
  /** 'server' (default) or 'agent' for wazuh-control's TYPE. */
  type?: 'server' | 'agent';
  versionJson?: boolean;
}

export function wazuhTree(options: TreeOptions = {}): string {
  const root = join(tempDir('arctl-var-ossec-'), 'ossec');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  mkdirSync(join(root, 'etc'), { recursive: true });
  if (options.ossecConf === undefined) copyFileSync(CORPUS_OSSEC_CONF, join(root, 'etc/ossec.conf'));
  else write('etc/ossec.conf', options.ossecConf);
  if (options.versionJson !== false) write('VERSION.json', '{\n    "version": "4.14.7",\n    "stage": "rc1"\n}\n');
  write('bin/wazuh-control', `#!/bin/sh\n# Copyright (C) 2015, Wazuh Inc.\n\nVERSION="v4.14.7"\nREVISION="rc1"\nTYPE="${options.type ?? 'server'}"\n`);
  if (options.type !== 'agent') {
    mkdirSync(join(root, 'ruleset/rules'), { recursive: true });
    for (const name of readdirSync(CORPUS_RULES_DIR)) copyFileSync(join(CORPUS_RULES_DIR, name), join(root, 'ruleset/rules', name));
    mkdirSync(join(root, 'etc/rules'), { recursive: true });
    copyFileSync(CORPUS_LOCAL_RULES, join(root, 'etc/rules/local_rules.xml'));
    write('etc/client.keys', CLIENT_KEYS);
    for (const [group, text] of Object.entries(AGENT_CONFS)) write(`etc/shared/${group}/agent.conf`, text);
    write('etc/shared/ar.conf', 'restart-ossec0 - restart-ossec.sh - 0\n');
  }
  for (const [path, text] of Object.entries(options.files ?? {})) write(path, text);
  return root;
}
