/**
 * Which files are Wazuh configuration files arctl understands, by name.
 */

/**
 * The names Wazuh reads (and arctl lints): `ossec.conf`, a shared `agent.conf`, and `*.ossec.conf` for
 * copies kept under another name in a repository. An extended regular expression (grep -E) that is also
 * valid JavaScript, matched against a `/`-separated path: the git pre-commit hook greps staged paths
 * with it, and .pre-commit-hooks.yaml repeats it (a test holds the two equal).
 */
export const CONFIG_FILE_PATTERN = String.raw`(^|/)(ossec\.conf|agent\.conf|[^/]*\.ossec\.conf)$`;
const configFileRegExp = new RegExp(CONFIG_FILE_PATTERN);

export function isConfigFilePath(path: string): boolean {
  return configFileRegExp.test(path);
}
