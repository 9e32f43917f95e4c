/**
 * How the 4.2+ host-deny program edits /etc/hosts.deny (v4.14.7 src/active-response/host-deny.c; /etc/hosts.allow
 * on FreeBSD, host-deny.c:14-15): its lines are matched by the srcip as text (strstr), not as an address.
 * - add (execd said "continue"): nothing is written when some line already contains the srcip
 *   (:110-121, "IP %s already exists on '%s'"), else `ALL:<srcip>` is appended (`ALL : <srcip> : deny` on
 *   FreeBSD, :76-82);
 * - delete: every line that contains the srcip goes (:183-195), another address's line too.
 * So 203.0.113.5 is never added while 203.0.113.50 is listed, and its delete takes 203.0.113.50's line.
 */

/** The line host-deny appends for `srcip` (Linux form; the FreeBSD one holds the srcip the same way). */
export function hostsDenyLine(srcip: string): string {
  return `ALL:${srcip}`;
}

/** Whether host-deny, looking for `srcip`, finds it in `line` (strstr). */
export function hostsDenyLineHolds(line: string, srcip: string): boolean {
  return line.includes(srcip);
}

/**
 * What TCP wrappers read in host-deny's line for an IPv6 srcip: hosts_access(5) splits a line at colons
 * (`daemon_list : client_list [ : shell_command ]`) and wants an IPv6 address in brackets (`[2001:db8::1]`),
 * which host-deny does not write: `ALL:2001:db8::1` names the client `2001`, so the address is not denied.
 * The client field TCP wrappers take, for saying so.
 */
export function hostsDenyClientField(srcip: string): string {
  return hostsDenyLine(srcip).split(':')[1] ?? '';
}

/** The program file whose hosts.deny edits these are (4.2+; the pre-4.2 host-deny.sh is another script). */
export const HOST_DENY_PROGRAM = 'host-deny';
