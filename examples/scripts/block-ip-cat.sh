#!/bin/bash
# The same blocker written the way execd cannot run it: $(cat) waits for the end of stdin, which
# execd never closes while it waits for the reply.
INPUT_JSON=$(cat)
SRCIP=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"srcip":"\([0-9a-fA-F.:]*\)".*/\1/p')
printf '{"version":1,"origin":{"name":"block-ip-cat.sh","module":"active-response"},"command":"check_keys","parameters":{"keys":["%s"]}}\n' "$SRCIP"
iptables -I INPUT -s "$SRCIP" -j DROP
