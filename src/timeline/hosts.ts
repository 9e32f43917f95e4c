/**
 * The hosts a timeline replays execd on: an agent ('001'), every agent ('all', without --agents) or a manager.
 * A cluster's nodes each run their own analysisd and execd: an alert raised on another node than the one
 * this ossec.conf belongs to (its cluster.node, json format to_json.c:73-74, is not this file's
 * <cluster><node_name>) runs its manager-side responses on that node's execd, a timeout list of its own:
 * '000@<node>'. '000' is this file's node (or any, when the alert or the file names none).
 */
import { UNSET_NODE_NAME } from '../wazuh/exec-message.ts';
import { alertNode } from '../simulate/alert.ts';

export function isManagerHost(host: string): boolean {
  return host === '000' || host.startsWith('000@');
}

/** The manager host of an alert: '000', or '000@<node>' when another cluster node raised it. */
export function managerHostOf(alert: Record<string, unknown>, nodeName: string): string {
  const node = alertNode(alert);
  return node !== undefined && nodeName !== UNSET_NODE_NAME && node !== nodeName ? `000@${node}` : '000';
}

/** A host in words: 'the manager', 'the manager of node worker01', 'agent 001'. */
export function hostName(host: string): string {
  if (host === '000') return 'the manager';
  return host.startsWith('000@') ? `the manager of node ${host.slice(4)}` : `agent ${host}`;
}
