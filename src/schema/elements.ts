/**
 * The schema of the active-response related parts of ossec.conf, as data: which children each block
 * accepts, how Wazuh reads their values, whether they repeat, which are required, and in which Wazuh
 * versions they exist. Lint rules, the XSD generator (scripts/gen-xsd.ts) and the schema validator
 * all read this one table.
 *
 * Sources (wazuh/wazuh, v4.14.x unless noted): src/config/active-response.c (ReadActiveCommands,
 * ReadActiveResponses), src/config/global-config.c (Read_Global), src/config/email-alerts-config.c
 * (Read_EmailAlerts), src/config/alerts-config.c (Read_Alerts), src/config/config.c
 * (read_main_elements, ReadConfig). See spec/lint-rules.md A.1-A.5 and wazuh-semantics.md §5.
 */
import { suggestAll, suggestOne } from '../util/suggest.ts';
import { SECTIONS, type SectionSchema } from '../wazuh/sections.ts';
import { existsIn, versionAtLeastText, type TargetVersion, type VersionSpan } from '../wazuh/version.ts';

// The sections and version spans are Wazuh facts (src/wazuh/); the schema re-exports them for its readers.
export { isKnownSection, SECTIONS, type SectionSchema } from '../wazuh/sections.ts';
export type { VersionSpan } from '../wazuh/version.ts';

/** How Wazuh's reader checks an option's content. */
export type ValueType =
  /** Exactly `yes` or `no` (strcmp), else (1235); `anyCase`: compared with strcasecmp (YES, No pass). */
  | { kind: 'yes-no'; anyCase?: true }
  /** All ASCII digits (OS_StrIsNum; the empty string passes), optionally range-checked after atoi. */
  | { kind: 'digits'; min?: number; max?: number }
  /** One of a fixed list, compared byte-exactly; anything else is refused (1235). */
  | { kind: 'enum'; values: readonly string[] }
  /** `<command><name>`: any text that does not start with `!` (1235). */
  | { kind: 'command-name' }
  /** email_log_source: prefix `alerts.log` or `alerts.json`; other text means alerts.json; all digits is refused (1235). */
  | { kind: 'log-source' }
  /** One e-mail address; `checked` when Wazuh applies its `[a-zA-Z0-9._-]+@[a-zA-Z0-9._-]` regex. */
  | { kind: 'email'; checked: boolean }
  /** AR location: OS_Regex substring match on local / server aliases / defined-agent / all. */
  | { kind: 'location' }
  /** Comma-separated rule ids (parser stops silently at the first other character). */
  | { kind: 'id-list' }
  /** An OS_Regex / OSMatch pattern (`|` alternation, substring). */
  | { kind: 'pattern' }
  /** A number read with atoi(): never refused; junk silently becomes a prefix or 0. */
  | { kind: 'atoi' }
  /** w_parse_time: a number with an optional s/m/h/d/w suffix. */
  | { kind: 'time' }
  /** Presence flag: the content is ignored. */
  | { kind: 'flag' }
  /** A white_list entry: an IPv4 address/netblock, or anything else as an OSMatch pattern. */
  | { kind: 'ip-or-pattern' }
  /** Free text, read as is (atoi for numbers Wazuh does not check). */
  | { kind: 'text' }
  /** Has child elements of its own (not described further here). */
  | { kind: 'nested' };

/** What Wazuh does when the option is given more than once in one block. */
export type Cardinality = 'repeatable' | 'last-wins' | 'first-wins';

/** Which daemon reads the option: the manager's analysisd/maild, an agent's execd, or both. */
export type Side = 'manager' | 'agent' | 'both';

export interface OptionSchema {
  name: string;
  type: ValueType;
  cardinality: Cardinality;
  /** Required for the block to be accepted (conditions that depend on other options are in `requiredWhen`). */
  required: boolean;
  /** When an option that is not always required is (hovers say this instead of "optional"). */
  requiredWhen?: string;
  /** Wazuh refuses empty or blank content (the file does not load); the XSD then requires a non-blank value. */
  nonEmpty: boolean;
  side: Side;
  versions: VersionSpan;
  /** Short documentation, shown in XSD annotations and in hovers. */
  doc: string;
  /**
   * Names people write for this option that Wazuh does not read (other tools' words, lower case, '_' for '-'):
   * too far from the name for a spelling suggestion, so unknown-element suggests the option for them by this list.
   */
  aliases?: readonly string[];
}

export type BlockName = 'command' | 'active-response' | 'global' | 'email_alerts' | 'alerts';

export interface BlockSchema {
  name: BlockName;
  /** The block may appear several times in one file (each one is read). */
  repeatable: boolean;
  /** Unknown children are fatal `(1230): Invalid element in the configuration`. */
  strictChildren: boolean;
  options: readonly OptionSchema[];
  doc: string;
}

const yesNo: ValueType = { kind: 'yes-no' };
const text: ValueType = { kind: 'text' };
const digits: ValueType = { kind: 'digits' };

function opt(name: string, type: ValueType, doc: string, more: Partial<Omit<OptionSchema, 'name' | 'type' | 'doc'>> = {}): OptionSchema {
  return { name, type, doc, cardinality: 'last-wins', required: false, nonEmpty: false, side: 'manager', versions: {}, ...more };
}

const COMMAND: BlockSchema = {
  name: 'command',
  repeatable: true,
  strictChildren: true,
  doc: 'Defines a program active responses can run (ReadActiveCommands). Missing name or executable: (1280).',
  options: [
    opt('name', { kind: 'command-name' }, 'Name active responses refer to; exact, case-sensitive; must not start with "!".', { required: true }),
    opt('executable', text, 'File name in active-response/bin (no path needed).', { required: true }),
    opt('expect', text, 'Fields passed to legacy scripts (srcip, user, filename). Required in OSSEC 2.x; ignored since Wazuh 4.2.0.', {
      versions: { deprecatedSince: '4.2' },
    }),
    opt('extra_args', text, 'Extra arguments appended to the script parameters.', { versions: { since: '3.5' } }),
    opt('timeout_allowed', yesNo, 'Whether the command can be undone after <timeout>; the parser default is no.'),
  ],
};

const ACTIVE_RESPONSE: BlockSchema = {
  name: 'active-response',
  repeatable: true,
  strictChildren: true,
  doc: 'Binds a command to rules (ReadActiveResponses). Needs command and location unless it only holds agent options (1281).',
  options: [
    opt('disabled', yesNo, 'yes skips this block on the manager; on agents the first one disables execd.', { side: 'both' }),
    // ReadActiveResponses (src/config/active-response.c:157-166) refuses a block without either (AR_MISS) unless it only holds agent options.
    opt('command', text, 'Name of a <command> defined earlier in the file.', { nonEmpty: true, requiredWhen: 'required, with <location> (1281), unless the block is disabled or only holds agent options' }),
    opt('location', { kind: 'location' }, 'local, server, defined-agent or all (case-insensitive substring match).', {
      nonEmpty: true,
      requiredWhen: 'required, with <command> (1281), unless the block is disabled or only holds agent options',
    }),
    opt('agent_id', { kind: 'atoi' }, 'Agent id for location defined-agent.'),
    opt('rules_id', { kind: 'id-list' }, 'Comma-separated rule ids.'),
    opt('rules_group', { kind: 'pattern' }, 'Rule groups (OS_Regex, "|" separated, end each with ",").'),
    opt('level', { kind: 'digits', min: 0, max: 20 }, 'Minimum rule level (digits, 0..20; 0 or empty means unset).'),
    opt('timeout', { kind: 'atoi' }, 'Seconds until the response is undone (read with atoi).'),
    opt('repeated_offenders', text, 'Agent side: up to 5 comma-separated minute values for repeated offenders.', {
      side: 'agent',
      cardinality: 'first-wins',
      versions: { since: '2.7' },
    }),
    opt('ca_store', text, 'Agent side: WPK root CA; accepted and ignored by the manager (belongs in <agent-upgrade> in 4.x).', {
      side: 'agent',
      cardinality: 'repeatable',
      versions: { approximate: true },
    }),
    // The agent reads it with strcasecmp: wazuh-modulesd from 4.1 (wmodules-agent-upgrade.c), execd before (os_execd/config.c).
    opt('ca_verification', { kind: 'yes-no', anyCase: true }, 'Agent side: WPK signature check (yes or no, any case); shipped in agent configs, belongs in <agent-upgrade> in 4.x.', {
      side: 'agent',
      versions: { approximate: true },
    }),
  ],
};

const GLOBAL: BlockSchema = {
  name: 'global',
  repeatable: true,
  strictChildren: true,
  doc: 'Manager-wide options (Read_Global): outputs, white_list and the e-mail setup.',
  options: [
    opt('white_list', { kind: 'ip-or-pattern' }, 'One IPv4 address or netblock per element (else an OSMatch pattern on the srcip text).', {
      cardinality: 'repeatable',
      // allow_list: written in a real manager configuration (session 14); ignoreip: fail2ban's word for it.
      aliases: ['allow_list', 'allowlist', 'ignore_ip', 'ignoreip'],
    }),
    opt('email_notification', yesNo, 'Master switch for e-mail alerts (maild exits when no).'),
    opt('email_to', { kind: 'email', checked: true }, 'One recipient per element; repeat the element for more.', { cardinality: 'repeatable', nonEmpty: true }),
    opt('email_from', { kind: 'email', checked: false }, 'Sender address (required by maild when notification is on).'),
    opt('email_reply_to', { kind: 'email', checked: false }, 'Reply-to address.'),
    opt('email_idsname', text, 'Name shown in e-mail alerts.'),
    opt('smtp_server', text, 'SMTP host or path to a sendmail-like program.'),
    opt('helo_server', text, 'HELO name used by maild.'),
    opt('email_maxperhour', { kind: 'digits', min: 1, max: 1000000 }, 'Maximum e-mails per hour (1..1000000; 1..9999 before 3.10).'),
    opt('email_log_source', { kind: 'log-source' }, 'File maild reads alerts from: alerts.log or alerts.json.', {
      versions: { since: '3.0', approximate: true },
    }),
    opt('jsonout_output', yesNo, 'Write alerts.json.'),
    opt('alerts_log', yesNo, 'Write alerts.log.'),
    opt('logall', yesNo, 'Archive every event in archives.log.'),
    opt('logall_json', yesNo, 'Archive every event in archives.json.'),
    opt('integrity_checking', digits, 'Syscheck alert level adjustment.'),
    opt('rootkit_detection', digits, 'Rootcheck alert level adjustment.'),
    opt('host_information', digits, 'Host information alert level adjustment.'),
    opt('prelude_output', yesNo, 'Prelude output.'),
    opt('prelude_profile', text, 'Prelude profile name.'),
    opt('prelude_log_level', digits, 'Minimum level sent to Prelude.'),
    opt('geoipdb', text, 'GeoIP database path.'),
    opt('zeromq_output', yesNo, 'ZeroMQ output.'),
    opt('zeromq_uri', text, 'ZeroMQ URI.'),
    opt('zeromq_server_cert', text, 'ZeroMQ server certificate.'),
    opt('zeromq_client_cert', text, 'ZeroMQ client certificate.'),
    opt('stats', digits, 'Statistical analysis alert level.'),
    opt('memory_size', digits, 'Memory size for correlation.'),
    opt('compress_alerts', text, 'Accepted for compatibility; ignored.'),
    opt('custom_alert_output', text, 'Format of alerts.log lines.'),
    opt('rotate_interval', text, 'Log rotation interval.', { versions: { since: '3.1', approximate: true } }),
    opt('max_output_size', text, 'Maximum size of an output file before rotation.', { versions: { since: '3.1', approximate: true } }),
    // Read by Read_Global from v3.2.3 (v3.2.2 src/config/global-config.c has no queue_size); since v3.9.0
    // analysisd only logs "The option <queue_size> is deprecated and won't apply" (v4.14.7 src/analysisd/analysisd.c:793-794).
    opt('queue_size', text, 'analysisd queue size (strtol, at least 1).', { versions: { since: '3.2.3', deprecatedSince: '3.9' } }),
    // geoip_db_path / geoip6_db_path (and <alerts><use_geoip>) exist only in builds made with USE_GEOIP=yes;
    // Wazuh's packages and the default build refuse them with (1230).
    opt('agents_disconnection_time', { kind: 'time' }, 'Time after which an agent counts as disconnected.', {
      versions: { since: '4.1', approximate: true },
    }),
    opt('agents_disconnection_alert_time', { kind: 'time' }, 'Time after disconnection before an alert.', {
      versions: { since: '4.1', approximate: true },
    }),
    opt('limits', { kind: 'nested' }, 'Event processing limits (<eps>).', { versions: { since: '4.4', approximate: true } }),
    opt('cti-url', text, 'CTI service URL.', { versions: { since: '4.8', approximate: true } }),
    opt('update_check', yesNo, 'Check for Wazuh updates.', { versions: { since: '4.8', approximate: true } }),
    opt('forward_to', text, 'Comma-separated <socket> names alerts are forwarded to (analysisd warns about unknown ones; read since 4.9.0, global-config.c).', { versions: { since: '4.9' } }),
  ],
};

const EMAIL_ALERTS: BlockSchema = {
  name: 'email_alerts',
  repeatable: true,
  strictChildren: true,
  doc: 'One granular e-mail rule (Read_EmailAlerts). Needs a criterion and a recipient (1264).',
  options: [
    opt('email_to', { kind: 'email', checked: false }, 'Recipient; repeat for several.', { cardinality: 'repeatable' }),
    opt('level', digits, 'Minimum alert level (digits; no range check).'),
    opt('group', { kind: 'pattern' }, 'Rule groups (OSMatch, "|" separated).'),
    opt('event_location', { kind: 'pattern' }, 'Agent name, IP or log location (OSMatch); only the last one is used.'),
    opt('format', { kind: 'enum', values: ['full', 'default', 'sms'] }, 'Message format.'),
    opt('rule_id', { kind: 'id-list' }, 'Comma-separated rule ids.'),
    opt('do_not_delay', { kind: 'flag' }, 'Send immediately (content ignored).'),
    opt('do_not_group', { kind: 'flag' }, 'Do not group alerts (content ignored).'),
  ],
};

const ALERTS: BlockSchema = {
  name: 'alerts',
  repeatable: true,
  strictChildren: true,
  doc: 'Alert thresholds (Read_Alerts).',
  options: [
    opt('log_alert_level', digits, 'Minimum level written to the alert logs (default 1).'),
    opt('email_alert_level', digits, 'Minimum level e-mailed (default 7; the template sets 12).'),
  ],
};

export const BLOCKS: Readonly<Record<BlockName, BlockSchema>> = {
  command: COMMAND,
  'active-response': ACTIVE_RESPONSE,
  global: GLOBAL,
  email_alerts: EMAIL_ALERTS,
  alerts: ALERTS,
};

export const BLOCK_NAMES = Object.keys(BLOCKS) as BlockName[];

/** Root elements Wazuh accepts: `<ossec_config>` in ossec.conf, `<agent_config>` in shared agent.conf. */
export const ROOT_ELEMENTS = { 'ossec.conf': 'ossec_config', 'agent.conf': 'agent_config' } as const;

/** Attributes `<agent_config>` accepts (ReadConfig); `<ossec_config>` attributes are read and ignored. */
export const AGENT_CONFIG_ATTRIBUTES = ['name', 'os', 'profile', 'overwrite'] as const;

/** The schema of a block, or undefined when `name` is not one of the active-response related blocks. */
export function blockSchema(name: string): BlockSchema | undefined {
  return Object.hasOwn(BLOCKS, name) ? BLOCKS[name as BlockName] : undefined;
}

export function optionSchema(block: string, child: string): OptionSchema | undefined {
  return blockSchema(block)?.options.find((o) => o.name === child);
}

/** Whether `child` is an option of `block` (exact, case-sensitive, as Wazuh compares). */
export function isKnownOption(block: string, child: string): boolean {
  return optionSchema(block, child) !== undefined;
}

/** Whether `name` is a valid root element for a file of this role. */
export function isValidRoot(name: string, role: keyof typeof ROOT_ELEMENTS = 'ossec.conf'): boolean {
  return ROOT_ELEMENTS[role] === name;
}

/** The other blocks that know `child` as an option (for option-from-other-block). */
export function blocksWithOption(child: string): BlockName[] {
  return BLOCK_NAMES.filter((b) => isKnownOption(b, child));
}

/** Whether the option exists (is known to the reader) in the target version. */
export function optionExistsIn(option: OptionSchema | SectionSchema, target: TargetVersion): boolean {
  return existsIn(option.versions, target);
}

/** Whether the option is accepted but ignored in the target version (e.g. `expect` on 4.2+). */
export function optionDeprecatedIn(option: OptionSchema | SectionSchema, target: TargetVersion): boolean {
  const { deprecatedSince } = option.versions;
  return deprecatedSince !== undefined && versionAtLeastText(target, deprecatedSince);
}

/** Option names of `block` close to an unknown `child`, by the one "did you mean" policy (src/util/suggest.ts). */
export function suggestOptions(block: string, child: string, maxDistance = 2): string[] {
  const options = blockSchema(block)?.options ?? [];
  const close = suggestAll(child, options.map((o) => o.name), { maxDistance });
  if (close.length > 0) return close;
  const word = child.toLowerCase().replaceAll('-', '_');
  return options.filter((o) => o.aliases?.includes(word)).map((o) => o.name);
}

/** The single best suggestion for an unknown child of `block`, or undefined when none is close or it is ambiguous. */
export function suggestOption(block: string, child: string, maxDistance = 2): string | undefined {
  return suggestOne(child, blockSchema(block)?.options.map((o) => o.name) ?? [], { maxDistance });
}

/** The closest known top-level section to an unknown one (e.g. `active_response` -> `active-response`). */
export function suggestSection(name: string, maxDistance = 2): string | undefined {
  return suggestOne(name, SECTIONS.map((s) => s.name), { maxDistance });
}
