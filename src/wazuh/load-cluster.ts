/**
 * What `wazuh-clusterd -t` refuses in `<cluster>`, as wazuh-control start runs it before any daemon starts and stops
 * at its exit 1 (testconfig, src/init/wazuh-server.sh:236-256; clusterd is tested even when it is not started).
 * The Python daemon reads ossec.conf with its own reader (framework/scripts/wazuh_clusterd.py:206-221 at v4.14.7):
 *
 * - read_cluster_config (framework/wazuh/core/cluster/utils.py:175-242) takes the last `<cluster>` section only
 *   (get_ossec_conf, 'type': 'last', framework/wazuh/core/configuration.py:89-92, :184-188); an option written
 *   empty is left out (_insert, :142-143) and a left-out one takes its default (key '', port 1516, nodes
 *   ['NODE_IP'], disabled no). A `<port>` that is not digits is refused first, disabled cluster or not
 *   (utils.py:222-223); then a `<disabled>` other than yes or no, which analysisd refuses first (Read_Cluster,
 *   src/config/cluster-config.c:100-104: not repeated here); `<disabled>yes</disabled>` ends the test (exit 0).
 * - check_cluster_config (framework/wazuh/core/cluster/cluster.py:87-137) then refuses the first of: no key, a key
 *   that is not 32 word characters, a node type other than master or worker (analysisd's refusal too, :88-96 of
 *   cluster-config.c: not repeated), a port outside 1025-65534, a `<nodes>` naming localhost, NODE_IP, 0.0.0.0 or
 *   127.0.1.1 (the default NODE_IP included, when `<nodes>` is left out). Each is "Error 3004 - Error in cluster
 *   configuration: ..." (WazuhException.__str__, framework/wazuh/core/exception.py:686-687). The HAProxy helper's
 *   checks are not modelled.
 *
 * A value is judged only as Python's XML reader reads it: a text without comments, entities or markup (else no
 * finding). The same code from v4.9.0 to v4.14.7; before 4.9 not modelled.
 */
import type { XmlElement } from '../document/types.ts';
import { versionAtLeastText, type TargetVersion } from './version.ts';

export interface ClusterdRefusal {
  /** What clusterd logs (main_logger.error) before it exits 1. */
  text: string;
  /** The option refused, or the `<cluster>` section for a value left to its default. */
  element: XmlElement;
}

/** Whether the target's clusterd check is modelled (4.9 and later). */
export function clusterdModelled(target: TargetVersion): boolean {
  return versionAtLeastText(target, '4.9');
}

const RESERVED_NODES = ['localhost', 'NODE_IP', '0.0.0.0', '127.0.1.1'];

const error3004 = (what: string) => `Error 3004 - Error in cluster configuration: ${what}`;

/** An element's text as ElementTree gives it, when arctl knows it for certain: no children, attributes, comments, entities, markup or CR. */
function plainText(el: XmlElement): string | undefined {
  if (el.children.length > 0 || el.attributes.length > 0 || el.contentHasComment || /[&<>\r\\]/.test(el.content)) return undefined;
  return el.content;
}

/** clusterd's refusals of the file's `<cluster>` (the `<cluster>` sections of its `<ossec_config>` roots), one fix at a time. */
export function clusterdRefusals(sections: readonly XmlElement[], target: TargetVersion): ClusterdRefusal[] {
  const section = sections.at(-1);
  // A <cluster> without children is refused by every C daemon first (read_main_elements: unknown-element's emptySection).
  if (!clusterdModelled(target) || !section || section.children.length === 0) return [];
  // The options as _conf2json keeps them: by lower-cased name, the last non-empty one (a `<nodes>` adds its children).
  const options = new Map<string, XmlElement>();
  const nodes: XmlElement[] = [];
  let unsure = false;
  for (const option of section.children) {
    const name = option.name.toLowerCase();
    if (name === 'nodes') {
      for (const node of option.children) {
        const text = plainText(node);
        if (text === undefined) unsure = true;
        else if (text !== '') nodes.push(node);
      }
      continue;
    }
    if (option.children.length > 0 || option.attributes.length > 0 || option.content !== '' || option.contentHasComment) options.set(name, option);
  }
  const out: ClusterdRefusal[] = [];
  const value = (name: string): string | null | undefined => {
    const el = options.get(name);
    return el === undefined ? null : plainText(el);
  };
  const port = value('port');
  if (typeof port === 'string' && !/^\p{Nd}+$/u.test(port)) out.push({ text: error3004('Cluster port must be an integer.'), element: options.get('port')! });
  const disabled = value('disabled');
  // yes: clusterd -t exits 0 here; another word is analysisd's refusal; a value arctl cannot read for sure: no judgement.
  if (disabled === undefined || (disabled !== null && disabled !== 'no')) return out;
  const key = value('key');
  if (key === null) out.push({ text: error3004('Unspecified key'), element: section });
  else if (key !== undefined) {
    const chars = [...key];
    // Python's \w takes letters and digits of any script: a key of 32 characters with others than ASCII is not judged.
    const ascii = /^[\x20-\x7e]*$/.test(key);
    if (chars.length !== 32 || (ascii && !/^\w+$/.test(key))) out.push({ text: error3004('Key must be 32 characters long and only have alphanumeric characters'), element: options.get('key')! });
  }
  if (typeof port === 'string' && /^[0-9]+$/.test(port)) {
    const number = Number(port);
    if (!(number > 1024 && number < 65535)) out.push({ text: error3004('Port must be higher than 1024 and lower than 65535.'), element: options.get('port')! });
  }
  if (!unsure) {
    const reserved = nodes.length === 0 ? ['NODE_IP'] : [...new Set(nodes.map((n) => n.content).filter((n) => RESERVED_NODES.includes(n)))];
    const at = nodes.length === 0 ? section : nodes.find((n) => RESERVED_NODES.includes(n.content));
    if (reserved.length > 0 && at) out.push({ text: error3004(`Invalid elements in node fields: ${reserved.join(', ')}.`), element: at });
  }
  return out;
}
