/**
 * How the shipped 4.2+ active-response programs read the alert execd writes to their standard input
 * (src/active-response/active_responses.c, v4.14.7): cJSON lookups (case-insensitive keys), the source IP
 * (get_srcip_from_json) and the user (get_username_from_json, is_valid_username).
 */
import { numericHostVersion } from './ip.ts';
import { cjsonGet } from './cjson.ts';
import { isObject } from '../util/is-object.ts';

/** is_valid_username: what disable-account accepts (Debian adduser constraints, root refused). */
export function isValidUsername(name: string): boolean {
  if (name === '' || name === 'root') return false;
  if (Buffer.byteLength(name, 'utf8') > 256) return false;
  if (/^[-+~]/.test(name)) return false;
  if (/[:, \t\n\r/\\]/.test(name)) return false;
  return !name.includes('..');
}

/** The value a program reads (`path`: where it found it, for a source IP), or why it stops. */
export type ProgramField = { value: string; path?: string } | { fail: string };

/**
 * get_srcip_from_json on an alert (`parameters.alert`): data.win.eventdata.ipAddress when it is a string,
 * else data.win.eventdata.destinationIp when it is a string, else data.srcip; the first string found must
 * pass get_ip_version (getaddrinfo AI_NUMERICHOST) or the program stops: an empty or invalid ipAddress
 * does not fall back to data.srcip.
 */
export function programSrcip(alert: unknown): ProgramField {
  const data = cjsonGet(alert, 'data');
  if (!isObject(data)) return { fail: 'no data in the alert' };
  const eventdata = cjsonGet(cjsonGet(data, 'win'), 'eventdata');
  let found: { path: string; value: string } | undefined;
  if (isObject(eventdata)) {
    for (const name of ['ipAddress', 'destinationIp']) {
      const value = cjsonGet(eventdata, name);
      if (typeof value === 'string') {
        found = { path: `data.win.eventdata.${name}`, value };
        break;
      }
    }
  }
  if (!found) {
    const value = cjsonGet(data, 'srcip');
    if (typeof value === 'string') found = { path: 'data.srcip', value };
  }
  if (!found) return { fail: 'no srcip in the alert' };
  if (numericHostVersion(found.value) === null) return { fail: `${found.path} '${found.value}' is not an IP address getaddrinfo accepts` };
  return found;
}

/** Field names decoders and integrations give a source address that is not data.srcip (case-insensitive). */
const OTHER_ADDRESS_NAME = /^(src_?ip|src_?addr|source_?ip|source_?address|sourceipaddress|client_?ip|actor_ip|remote_?(ip|addr|address)|ip_?address)$/i;

/**
 * An address the alert carries under another name than the programs read (Suricata's data.src_ip, AWS'
 * data.aws.sourceIPAddress, Office 365's data.office365.ClientIP, GitHub's data.github.actor_ip, a Windows
 * filtering event's data.win.eventdata.sourceAddress): the first string getaddrinfo accepts, two levels
 * under data at most, for saying why a program finds no srcip. undefined when there is none.
 */
export function addressElsewhere(alert: unknown): { path: string; value: string } | undefined {
  const look = (node: unknown, path: string, depth: number): { path: string; value: string } | undefined => {
    if (!isObject(node)) return undefined;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && OTHER_ADDRESS_NAME.test(key) && numericHostVersion(value) !== null) return { path: `${path}.${key}`, value };
    }
    if (depth === 0) return undefined;
    for (const [key, value] of Object.entries(node)) {
      const found = look(value, `${path}.${key}`, depth - 1);
      if (found) return found;
    }
    return undefined;
  };
  return look(cjsonGet(alert, 'data'), 'data', 2);
}

/** get_username_from_json: data.dstuser, when it is a string is_valid_username accepts. */
export function programUser(alert: unknown): ProgramField {
  const user = cjsonGet(cjsonGet(alert, 'data'), 'dstuser');
  if (typeof user !== 'string') return { fail: 'no data.dstuser in the alert' };
  if (!isValidUsername(user)) return { fail: `data.dstuser '${user}' is refused by is_valid_username` };
  return { value: user };
}
