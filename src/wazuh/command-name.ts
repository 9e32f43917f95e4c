/**
 * Which `<command><name>` survives etc/shared/ar.conf: analysisd writes each response there as
 * '<name><timeout> - <executable> - <timeout>' (src/config/active-response.c) and agents split the line
 * on ' - ' separators, so whitespace and ' - ' in a name break it (execd: (1313) Invalid active response
 * config). Letters, digits, '_', '.' and '-' are safe.
 */
const AR_CONF_SAFE = /^[A-Za-z0-9_.-]*$/;

export function isArConfSafeName(name: string): boolean {
  return AR_CONF_SAFE.test(name);
}

/** The name with every run of unsafe characters turned into one '-' ('' when nothing safe is left). */
export function arConfSafeName(name: string): string {
  return name.replace(/\s+-\s+/g, '-').replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
}
