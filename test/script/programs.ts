/**
 * Active-response programs written for the `arctl script test` tests, each with the protocol
 * behaviour it stands for: Bash, Python and C.
 */

/** The part every Bash program shares: the message's command and source IP, read with sed. */
const BASH_PARSE = `COMMAND=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"command":"\\([a-z_]*\\)".*/\\1/p')
SRCIP=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"srcip":"\\([^"]*\\)".*/\\1/p')
`;

/** The stateful programs' delete: undo and stop. */
const BASH_DELETE = `if [ "$COMMAND" = "delete" ]; then iptables -D INPUT -s "$SRCIP" -j DROP; exit 0; fi
`;

const keysLine = (name: string, keys: string) => `printf '{"version":1,"origin":{"name":"${name}","module":"active-response"},"command":"check_keys","parameters":{"keys":[${keys}]}}\\n' "$SRCIP"`;

export const bash = {
  compliant: `#!/bin/bash
# Stateful blocker: one line in, check_keys out, one answer line back.
read -r INPUT_JSON
${BASH_PARSE}if [ "$COMMAND" = "add" ]; then
  ${keysLine('block.sh', '"%s"')}
  read -r ANSWER
  case "$ANSWER" in *'"command":"continue"'*) ;; *) exit 0 ;; esac
  iptables -I INPUT -s "$SRCIP" -j DROP
elif [ "$COMMAND" = "delete" ]; then
  iptables -D INPUT -s "$SRCIP" -j DROP
fi
exit 0
`,
  readsToEof: `#!/bin/bash
INPUT_JSON=$(cat)
${BASH_PARSE}${keysLine('block.sh', '"%s"')}
iptables -I INPUT -s "$SRCIP" -j DROP
`,
  noCheckKeys: `#!/bin/bash
read -r INPUT_JSON
${BASH_PARSE}${BASH_DELETE}echo "blocking $SRCIP"
read -r ANSWER
case "$ANSWER" in *continue*) iptables -I INPUT -s "$SRCIP" -j DROP ;; esac
`,
  emptyKeys: `#!/bin/bash
read -r INPUT_JSON
${BASH_PARSE}${BASH_DELETE}${keysLine('block.sh', '')}
read -r ANSWER
case "$ANSWER" in *continue*) iptables -I INPUT -s "$SRCIP" -j DROP ;; esac
`,
  ignoresAbort: `#!/bin/bash
read -r INPUT_JSON
${BASH_PARSE}${BASH_DELETE}${keysLine('block.sh', '"%s"')}
read -r ANSWER
iptables -I INPUT -s "$SRCIP" -j DROP
`,
  /**
   * A reply execd accepts though JSON.parse does not: member names in another case (cJSON_GetObjectItem
   * ignores case) and text after the object (cJSON_Parse stops after the first value).
   */
  laxReply: `#!/bin/bash
read -r INPUT_JSON
${BASH_PARSE}${BASH_DELETE}printf '{"Version":1,"Origin":{"name":"block.sh"},"Command":"check_keys","Parameters":{"Keys":["%s"]}} # keys sent\\n' "$SRCIP"
read -r ANSWER
case "$ANSWER" in *continue*) iptables -I INPUT -s "$SRCIP" -j DROP ;; esac
`,
  /** Pre-4.2: the action and the source IP are arguments 1 and 3. */
  legacy: `#!/bin/sh
ACTION=$1
SRCIP=$3
if [ "$ACTION" = "add" ]; then iptables -I INPUT -s "$SRCIP" -j DROP; fi
if [ "$ACTION" = "delete" ]; then iptables -D INPUT -s "$SRCIP" -j DROP; fi
exit 0
`,
};

/** The compliant Bash program saved with Windows line endings. */
export const bashCrlf = bash.compliant.replace(/\n/g, '\r\n');

export const python = {
  compliant: `#!/usr/bin/env python3
import json, subprocess, sys

message = json.loads(sys.stdin.readline())
srcip = message["parameters"]["alert"]["data"]["srcip"]
if message["command"] == "add":
    print(json.dumps({"version": 1, "origin": {"name": "block.py", "module": "active-response"},
                      "command": "check_keys", "parameters": {"keys": [srcip]}}), flush=True)
    answer = json.loads(sys.stdin.readline())
    if answer["command"] != "continue":
        sys.exit(0)
    subprocess.run(["iptables", "-I", "INPUT", "-s", srcip, "-j", "DROP"], check=True)
elif message["command"] == "delete":
    subprocess.run(["iptables", "-D", "INPUT", "-s", srcip, "-j", "DROP"], check=True)
`,
  /** Keyed on the rule id, as Wazuh's documented custom active-response template is: one entry per rule. */
  ruleKeyed: `#!/usr/bin/env python3
import json, subprocess, sys

message = json.loads(sys.stdin.readline())
alert = message["parameters"]["alert"]
srcip = alert["data"]["srcip"]
if message["command"] == "add":
    print(json.dumps({"version": 1, "origin": {"name": "block.py", "module": "active-response"},
                      "command": "check_keys", "parameters": {"keys": [alert["rule"]["id"]]}}), flush=True)
    answer = json.loads(sys.stdin.readline())
    if answer["command"] != "continue":
        sys.exit(0)
    subprocess.run(["iptables", "-I", "INPUT", "-s", srcip, "-j", "DROP"], check=True)
elif message["command"] == "delete":
    subprocess.run(["iptables", "-D", "INPUT", "-s", srcip, "-j", "DROP"], check=True)
`,
  readsToEof: `#!/usr/bin/env python3
import json, subprocess, sys

message = json.loads(sys.stdin.read())
srcip = message["parameters"]["alert"]["data"]["srcip"]
print(json.dumps({"version": 1, "origin": {"name": "block.py", "module": "active-response"},
                  "command": "check_keys", "parameters": {"keys": [srcip]}}), flush=True)
subprocess.run(["iptables", "-I", "INPUT", "-s", srcip, "-j", "DROP"], check=True)
`,
};

/** A compiled blocker: keeps its list in etc/blocked-ips under the installation directory. */
export const cProgram = `#include <stdio.h>
#include <string.h>

static void srcip_of(const char *msg, char *out, size_t size) {
  const char *p = strstr(msg, "\\"srcip\\":\\"");
  out[0] = '\\0';
  if (!p) return;
  p += 9;
  size_t n = strcspn(p, "\\"");
  if (n >= size) n = size - 1;
  memcpy(out, p, n);
  out[n] = '\\0';
}

int main(void) {
  static char msg[65536], answer[65536];
  char ip[64];
  if (!fgets(msg, sizeof msg, stdin)) return 1;
  srcip_of(msg, ip, sizeof ip);
  if (strstr(msg, "\\"command\\":\\"add\\"")) {
    printf("{\\"version\\":1,\\"origin\\":{\\"name\\":\\"block\\",\\"module\\":\\"active-response\\"},\\"command\\":\\"check_keys\\",\\"parameters\\":{\\"keys\\":[\\"%s\\"]}}\\n", ip);
    fflush(stdout);
    if (!fgets(answer, sizeof answer, stdin) || !strstr(answer, "\\"command\\":\\"continue\\"")) return 0;
    FILE *f = fopen("etc/blocked-ips", "a");
    if (!f) return 1;
    fprintf(f, "%s\\n", ip);
    fclose(f);
  } else if (strstr(msg, "\\"command\\":\\"delete\\"")) {
    FILE *f = fopen("etc/blocked-ips", "w");
    if (f) fclose(f);
  }
  return 0;
}
`;
