#!/bin/sh
# Builds the matcher oracle: Wazuh's own src/os_regex (OS_Regex and OSMatch) linked with regex-oracle.c, once
# per char signedness (x86_64 builds plain char signed, aarch64 unsigned). Wazuh's source is read from a git
# mirror at a tag, or from a checked-out tree; nothing of it is kept in this repository. Needs only gcc.
#
#   scripts/oracle/build-regex.sh [OUT_DIR]      (prints the two binaries: OUT_DIR/regex-oracle-signed, -unsigned)
#   WAZUH_SRC=/path/to/wazuh (a tree with src/) or WAZUH_GIT=/path/to/repo.git (default: /work/.mirror/wazuh+wazuh/repo)
#   WAZUH_TAG=v4.14.7
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/settings.sh"
src="$out/os_regex-$tag"
rm -rf "$src" && mkdir -p "$src"
if [ -n "${WAZUH_SRC:-}" ]; then
  [ -d "$WAZUH_SRC/src/os_regex" ] || { echo "oracle: WAZUH_SRC=$WAZUH_SRC has no src/os_regex" >&2; exit 2; }
  cp "$WAZUH_SRC"/src/os_regex/*.c "$WAZUH_SRC"/src/os_regex/*.h "$src/"
else
  [ -d "$git_dir" ] || { echo "oracle: no Wazuh source (set WAZUH_SRC to a wazuh tree or WAZUH_GIT to a git mirror)" >&2; exit 2; }
  for f in $(git --git-dir="$git_dir" ls-tree --name-only "$tag" src/os_regex/); do
    case "$f" in *.c|*.h) git --git-dir="$git_dir" show "$tag:$f" > "$src/${f##*/}" ;; esac
  done
fi
# Wazuh's shared.h pulls in the whole daemon tree; the harness's stand-in has the few macros os_regex uses.
for char in signed unsigned; do
  gcc -w -O1 "-f$char-char" -I"$src" -I"$here/../../test/fixtures/wazuh-tests/harness" -o "$out/regex-oracle-$char" \
    "$here/regex-oracle.c" "$src"/os_regex_*.c "$src"/os_match_*.c -lpthread
  echo "$out/regex-oracle-$char"
done
