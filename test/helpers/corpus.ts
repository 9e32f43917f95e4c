/** Facts about the shared corpus of real configurations that several tests need. */

/** The Wazuh/OSSEC version a corpus file was taken from (its name says so), so version rules judge it fairly. */
export function targetFor(name: string): string {
  const tagged = /__v(\d+)\.(\d+)/.exec(name);
  if (tagged) return `${tagged[1]}.${tagged[2]}`;
  if (name.startsWith('ossec-hids__')) return '2.9';
  return '4.14';
}
