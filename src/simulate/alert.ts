/**
 * The fields of an alerts.json alert that analysisd and maild look at, read defensively: alerts come
 * from many Wazuh versions and from hand-written tests.
 */
import { atoi } from '../wazuh/c-number.ts';
import { rebuildGroupString } from '../wazuh/alert-groups.ts';

export { COMPLIANCE_PREFIXES, rebuildGroupString } from '../wazuh/alert-groups.ts';

export interface AlertFacts {
  id?: string;
  timestamp?: string;
  ruleId?: number;
  /** As written in the alert (string in alerts.json). */
  ruleIdText?: string;
  ruleLevel?: number;
  ruleDescription?: string;
  groups: string[];
  /** The group string rebuilt from `rule.groups` and the compliance arrays (see rebuildGroupString). */
  rebuiltGroupString: string;
  /** `rule.mail` when the alert carries it. */
  mail?: boolean;
  /**
   * `agent.id`; 000 for an agentless device's alert, which carries an `agentless` object instead of the agent
   * (analysisd gives those events agent id 000: json_extended.c W_JSON_ParseAgentless).
   */
  agentId?: string;
  /** analysisd's `(script) user@host` location prefix of an agentless device's event. */
  agentlessPrefix?: string;
  agentName?: string;
  agentIp?: string;
  location?: string;
  srcip?: string;
  dstuser?: string;
  /** Syscheck path: what legacy `expect filename` needs. */
  filename?: string;
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}


/**
 * `withGroupString` false leaves rebuiltGroupString empty: for callers that match no rules_group
 * pattern (most timelines), building it for every alert is wasted.
 */
export function alertFacts(alert: Record<string, unknown>, withGroupString = true): AlertFacts {
  const rule = obj(alert.rule) ?? {};
  const agent = obj(alert.agent) ?? {};
  const data = obj(alert.data) ?? {};
  const syscheck = obj(alert.syscheck) ?? {};
  const agentless = agent.id === undefined ? obj(alert.agentless) : undefined;
  const ruleIdText = str(rule.id);
  const levelValue = rule.level;
  const ruleLevel = typeof levelValue === 'number' ? Math.trunc(levelValue) : typeof levelValue === 'string' ? atoi(levelValue) : undefined;
  return {
    id: str(alert.id),
    timestamp: str(alert.timestamp),
    ruleId: ruleIdText === undefined ? undefined : atoi(ruleIdText),
    ruleIdText,
    ruleLevel,
    ruleDescription: str(rule.description),
    groups: strings(rule.groups),
    rebuiltGroupString: withGroupString ? rebuildGroupString(rule) : '',
    mail: typeof rule.mail === 'boolean' ? rule.mail : undefined,
    agentId: str(agent.id) ?? (agentless ? '000' : undefined),
    ...(agentless ? { agentlessPrefix: `(${str(agentless.script) ?? ''}) ${str(agentless.user) ?? ''}@${str(agentless.host) ?? ''}` } : {}),
    agentName: str(agent.name),
    agentIp: str(agent.ip),
    location: str(alert.location),
    // alerts.json puts the decoded static fields under `data`; OSSEC 2.x JSON had them at the top.
    srcip: str(data.srcip) ?? str(alert.srcip),
    dstuser: str(data.dstuser) ?? str(alert.dstuser),
    filename: str(syscheck.path),
  };
}

/** The cluster node that raised `alert` (cluster.node, analysisd/format/to_json.c:66-73), when it names one. */
export function alertNode(alert: Record<string, unknown>): string | undefined {
  const node = obj(alert.cluster)?.node;
  return typeof node === 'string' && node !== '' ? node : undefined;
}

/**
 * The alert's agent.id exactly as analysisd wrote it, the agent's id string in client.keys: only text counts
 * (alerts.json never has a number there; `"id": 1` is hand-written and means agent 001).
 */
export function alertAgentIdText(alert: Record<string, unknown>): string | undefined {
  const id = obj(alert.agent)?.id;
  return typeof id === 'string' ? id : undefined;
}
