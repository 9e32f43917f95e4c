/**
 * The hosts.deny lines a replay's host-deny runs leave on each host (src/wazuh/hosts-deny.ts), for what the
 * timeline's events alone would hide: an add that writes nothing because another address's line contains the
 * srcip, a delete that also removes other addresses' lines. Only the lines of this replay are known (the file
 * may hold others).
 */
import { hostsDenyLine, hostsDenyLineHolds } from '../wazuh/hosts-deny.ts';

export class HostsDenyFiles {
  /** By host: the srcips whose `ALL:<srcip>` line the replayed adds wrote, in the order written. */
  private readonly files = new Map<string, string[]>();

  /** host-deny adds `srcip` on `host`: the address whose line already holds it (nothing written then), if another's. */
  add(host: string, srcip: string): string | undefined {
    let lines = this.files.get(host);
    if (!lines) this.files.set(host, (lines = []));
    const holder = lines.find((ip) => hostsDenyLineHolds(hostsDenyLine(ip), srcip));
    if (holder === undefined) lines.push(srcip);
    return holder === srcip ? undefined : holder;
  }

  /** host-deny deletes `srcip` on `host`: the other addresses whose lines go with it. */
  remove(host: string, srcip: string): string[] {
    const lines = this.files.get(host);
    if (!lines) return [];
    const kept = lines.filter((ip) => !hostsDenyLineHolds(hostsDenyLine(ip), srcip));
    const others = lines.filter((ip) => ip !== srcip && !kept.includes(ip));
    this.files.set(host, kept);
    return others;
  }
}
