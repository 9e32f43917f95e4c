#!/bin/bash
# A custom active response for Wazuh 4.2+: blocks the alert's source IP with iptables and lifts the
# block when execd runs it again with "delete" at the timeout.
# execd writes one JSON line, reads one reply line (check_keys), writes one answer line
# (continue/abort), then closes the pipes: read exactly one line each time, never to the end.

LOG=logs/active-responses.log
read -r INPUT_JSON
COMMAND=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"command":"\([a-z_]*\)".*/\1/p')
SRCIP=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"srcip":"\([0-9a-fA-F.:]*\)".*/\1/p')
[ -n "$SRCIP" ] || { echo "$(date) block-ip: no srcip" >> "$LOG"; exit 0; }

if [ "$COMMAND" = "add" ]; then
  # The key: execd keeps one entry per "block-ip.sh-<srcip>" and answers abort while it is active.
  printf '{"version":1,"origin":{"name":"block-ip.sh","module":"active-response"},"command":"check_keys","parameters":{"keys":["%s"]}}\n' "$SRCIP"
  read -r ANSWER
  case "$ANSWER" in
    *'"command":"continue"'*) iptables -I INPUT -s "$SRCIP" -j DROP ;;
    *) exit 0 ;;
  esac
elif [ "$COMMAND" = "delete" ]; then
  iptables -D INPUT -s "$SRCIP" -j DROP
fi
exit 0
