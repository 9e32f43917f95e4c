/**
 * Hostile configuration shapes (issue: bounded cost): each builds a file of size `n` that once made
 * some part of lint super-linear. `npm run bench` lints each at n and 2n and reports the time ratio
 * (about 2 is linear; 4 is quadratic).
 */
export interface HostileShape {
  name: string;
  /** The n the benchmark starts from (doubled once). */
  n: number;
  /** The configuration text for size n. */
  config: (n: number) => string;
  /** Extra lint arguments (a ruleset, --fix-dry-run). */
  args?: string[];
}

const wrap = (body: string) => `<ossec_config>\n${body}</ossec_config>\n`;
const command = (name: string) => `  <command>\n    <name>${name}</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n`;
const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');

export const hostileShapes: HostileShape[] = [
  {
    name: 'responses using a command defined after them',
    n: 1000,
    config: (n) => wrap(repeat(n, (i) => `  <active-response>\n    <command>late</command>\n    <location>local</location>\n    <rules_id>${100000 + i}</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n`) + command('late')),
  },
  {
    name: "commands all named 'drop ip', each used",
    n: 1000,
    config: (n) => wrap(repeat(n, (i) => command('drop ip') + `  <active-response>\n    <command>drop ip</command>\n    <location>local</location>\n    <rules_id>${100000 + i}</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n`)),
  },
  {
    name: 'responses with the same command and location',
    n: 1000,
    config: (n) => wrap(command('fw') + repeat(n, (i) => `  <active-response>\n    <command>fw</command>\n    <location>local</location>\n    <rules_id>${100000 + i}</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n`)),
  },
  {
    // n blocks with the same command and location, each with a 3,000-id rules_id list (ids of at most four
    // digits: a longer list passes os_xml's 20480 bytes and the file is refused before any rule runs).
    name: 'responses with the same command and location and 3,000-id rules_id lists',
    n: 10,
    config: (n) => {
      const ids = (block: number) => repeat(3000, (i) => `${i ? ',' : ''}${(block * 500 + i) % 10000}`);
      return wrap(command('fw') + repeat(n, (b) => `  <active-response>\n    <command>fw</command>\n    <location>local</location>\n    <rules_id>${ids(b)}</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n`));
    },
  },
  {
    // Distinct addresses (i < 65536), an exact duplicate of each, and a netblock that holds them all.
    name: 'white-list entries (duplicates)',
    n: 4000,
    config: (n) => wrap(`  <global>\n    <white_list>10.0.0.0/8</white_list>\n${repeat(n, (i) => `    <white_list>10.${(i >> 8) & 255}.${i & 255}.${i % 2}</white_list>\n    <white_list>10.${(i >> 8) & 255}.${i & 255}.${i % 2}</white_list>\n`)}  </global>\n`),
  },
  {
    name: 'repeated <rules_id> in one block',
    n: 4000,
    config: (n) => wrap(command('fw') + `  <active-response>\n    <command>fw</command>\n    <location>local</location>\n${repeat(n, (i) => `    <rules_id>${100000 + i}</rules_id>\n`)}    <timeout>600</timeout>\n  </active-response>\n`),
  },
  {
    name: 'findings on one long line',
    n: 5000,
    config: (n) => wrap(`  ${repeat(n, (i) => `<x${i}/>`)}\n`),
  },
  {
    // os_xml refuses a 49th attribute from 4.14.7 (XML_MAX_ATTR_DEPTH) before anything else runs; 4.13 reads them all.
    name: 'attributes on one element (target 4.13)',
    n: 40000,
    config: (n) => wrap(`  <global ${repeat(n, (i) => `a${i}="1" `)}/>\n`),
    args: ['--target-version', '4.13'],
  },
  {
    name: 'unknown elements',
    n: 20000,
    config: (n) => wrap(repeat(n, (i) => `  <unknown${i % 7}/>\n`)),
  },
  {
    name: 'rules_group patterns against the stock ruleset',
    n: 200,
    config: (n) => wrap(command('fw') + repeat(n, (i) => `  <active-response>\n    <command>fw</command>\n    <location>local</location>\n    <rules_group>grp${i}|sshd|authentication_failed|web|attack${i}</rules_group>\n    <timeout>600</timeout>\n  </active-response>\n`)),
    args: ['--ruleset', 'STOCK'],
  },
  {
    name: '--fix-dry-run with many fixed lines',
    n: 4000,
    config: (n) => wrap(command('fw') + repeat(n, (i) => `  <active-response>\n    <command>fw</command>\n    <location>defined_agent</location>\n    <agent_id>${(i % 900) + 1}</agent_id>\n    <rules_id>${100000 + i}</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n`)),
    args: ['--fix-dry-run'],
  },
];

/** Alerts against large patterns (issue: bounded cost): simulated at n and 2n, the ratio reported. */
export interface HostileAlertShape {
  name: string;
  n: number;
  config: (n: number) => string;
  /** alerts.json text for size n. */
  alerts: (n: number) => string;
}

/** `prefix0|prefix1|...` up to `bytes` bytes. */
const literalAlternatives = (prefix: string, bytes: number) => {
  let out = '';
  for (let i = 0; out.length + prefix.length + String(i).length + 1 <= bytes; i++) out += `${out ? '|' : ''}${prefix}${i}`;
  return out;
};

/** `\\w+hjkq|\\w+jjkq|...` up to `bytes` bytes: class alternatives, each needing four letters in a row. */
export const classAlternatives = (bytes: number) => {
  const letters = 'hjkqvwxyz';
  let out = '';
  for (let i = 0; ; i++) {
    const tail = [i % 9, Math.floor(i / 9) % 9, Math.floor(i / 81) % 9, Math.floor(i / 729) % 9].map((k) => letters[k]).join('');
    const next = `${out ? '|' : ''}\\w+${tail}`;
    if (out.length + next.length > bytes) return out;
    out += next;
  }
};

const rulesGroupConfig = (pattern: string) =>
  wrap(command('fw') + `  <active-response>\n    <command>fw</command>\n    <location>local</location>\n    <rules_group>${pattern}</rules_group>\n    <timeout>600</timeout>\n  </active-response>\n`);

/** 50 alerts, each with its own group string of about `bytes` bytes made of `group(alert, k)`. */
const groupAlerts = (bytes: number, group: (alert: number, k: number) => string) =>
  repeat(50, (i) => {
    const groups: string[] = [];
    for (let k = 0, size = 0; size < bytes; k++) {
      groups.push(group(i, k));
      size += groups.at(-1)!.length + 1;
    }
    return `${JSON.stringify({ timestamp: '2024-01-01T00:00:00.000+0000', id: `1704067200.${i}`, rule: { id: '5712', level: 10, description: 'x', groups }, agent: { id: '000', name: 'manager' }, location: 'x', data: { srcip: '10.0.0.1' } })}\n`;
  });

export const hostileAlertShapes: HostileAlertShape[] = [
  {
    name: 'n-byte rules_group, white-list host name and event_location against 3n-byte srcip and location, n-byte groups',
    n: 10_000,
    config: (n) =>
      wrap(
        `  <global>\n    <email_notification>yes</email_notification>\n    <smtp_server>smtp.example.com</smtp_server>\n    <email_from>w@example.com</email_from>\n    <white_list>${literalAlternatives('host', n)}</white_list>\n  </global>\n` +
          `  <email_alerts>\n    <email_to>soc@example.com</email_to>\n    <event_location>${literalAlternatives('loc', n)}</event_location>\n  </email_alerts>\n` +
          command('fw') +
          `  <active-response>\n    <command>fw</command>\n    <location>local</location>\n    <rules_group>${literalAlternatives('grp', n)}</rules_group>\n    <timeout>600</timeout>\n  </active-response>\n`,
      ),
    alerts: (n) =>
      repeat(50, (i) =>
        `${JSON.stringify({
          timestamp: '2024-01-01T00:00:00.000+0000',
          id: `1704067200.${i}`,
          rule: { id: '5712', level: 10, description: 'x', groups: Array.from({ length: Math.floor(n / 10) }, (_, g) => `g${i}x${String(g).padStart(5, '0')}`) },
          agent: { id: '000', name: 'manager' },
          location: `${i}${'l'.repeat(3 * n - 8)}`,
          data: { srcip: `${i}${'s'.repeat(3 * n - 8)}` },
        })}\n`,
      ),
  },
  {
    // Each pattern compiled once per configuration, however many there are (a cache of 1,000 entries
    // once recompiled every pattern for every alert past that).
    name: 'n responses, each with its own rules_group (sshd|webN|\\w+xN), against 50 alerts',
    n: 1_000,
    config: (n) => wrap(command('fw') + repeat(n, (i) => `  <active-response>\n    <command>fw</command>\n    <location>local</location>\n    <rules_group>sshd${i}|web${i}|\\w+x${i}</rules_group>\n    <timeout>600</timeout>\n  </active-response>\n`)),
    alerts: () => groupAlerts(40, (i, k) => `grp${i}${k}`),
  },
  {
    // Ruled out in one pass over each group string: the letters the alternatives need are not there.
    name: 'n-byte rules_group of class alternatives (\\w+hjkq|...) against n-byte group strings of other letters',
    n: 8_000,
    config: (n) => rulesGroupConfig(classAlternatives(n)),
    alerts: (n) => groupAlerts(n, (i, k) => `grp${i}x${String(k).padStart(5, '0')}`),
  },
  {
    // The bound that remains: every pair of letters the alternatives need occurs (after a comma, so none
    // matches), and each alternative is walked over the group string as Wazuh walks it.
    name: 'n-byte rules_group of class alternatives against n-byte group strings holding their letters (pattern x value)',
    n: 4_000,
    config: (n) => rulesGroupConfig(classAlternatives(n)),
    alerts: (n) => groupAlerts(n, (i, k) => `${'hjkqvwxyz'[k % 9]}${'hjkqvwxyz'[Math.floor(k / 9) % 9]}${i}`),
  },
];
