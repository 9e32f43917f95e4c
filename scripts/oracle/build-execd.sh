#!/bin/sh
# Builds the execd oracle: Wazuh's own wazuh-execd (src/os_execd/execd.c compiled as it is, with exec.c's
# ar.conf reader and config.c's ExecdConfig) linked with execd-oracle.c, which stands in for the clock, the
# queue and the active-response programs. Wazuh's source is read from a git mirror at a tag, or from a
# checked-out tree; nothing of it is kept in this repository.
#
#   scripts/oracle/build-execd.sh [OUT_DIR]      (prints the binary: OUT_DIR/execd-oracle)
#   WAZUH_SRC=/path/to/wazuh (a tree with src/) or WAZUH_GIT=/path/to/repo.git (default: /work/.mirror/wazuh+wazuh/repo)
#   WAZUH_TAG=v4.14.7
# Needs gcc and the headers of cJSON, PCRE2, SQLite, libyaml and curl (as build.sh); only cJSON links.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/settings.sh"
src="$out/execd-$tag"

# The daemon's own files, the list, hash, XML and string helpers it links with, and every header.
pattern='^src/(os_execd|os_xml|os_regex)/[^/]+\.c$|^src/shared/(list_op|hash_op|string_op|file_op|math_op|randombytes)\.c$|^src/active-response/active_responses\.c$|^src/[^/]+/.*\.h$|^src/shared_modules/(common|[^/]+/include)/.*\.h(pp)?$|^src/data_provider/include/[^/]+\.h$'
if [ -n "${WAZUH_SRC:-}" ]; then
  rm -rf "$src" && mkdir -p "$src"
  [ -f "$WAZUH_SRC/src/os_execd/execd.c" ] || { echo "oracle: WAZUH_SRC=$WAZUH_SRC has no src/os_execd/execd.c" >&2; exit 2; }
  (cd "$WAZUH_SRC" && find src -type f | grep -E "$pattern" | grep -v -E '^src/(unit_tests|win32|external)/' | tar -c -T -) | tar -x -C "$src"
elif [ ! -f "$src/src/os_execd/execd.c" ]; then
  [ -d "$git_dir" ] || { echo "oracle: no Wazuh source (set WAZUH_SRC to a wazuh tree or WAZUH_GIT to a git mirror)" >&2; exit 2; }
  rm -rf "$src.part"
  files=$(git --git-dir="$git_dir" ls-tree -r --name-only "$tag" src | grep -E "$pattern" | grep -v -E '^src/(unit_tests|win32|external)/')
  # One file at a time: a partial mirror (large blobs absent) makes `git archive` stop short.
  for f in $files; do
    mkdir -p "$src.part/$(dirname "$f")" && git --git-dir="$git_dir" show "$tag:$f" > "$src.part/$f"
  done
  mv "$src.part" "$src"
fi

cd "$src/src"
for pair in libpcre2/include/pcre2.h:/usr/include/pcre2.h sqlite/sqlite3.h:/usr/include/sqlite3.h \
            libyaml/include/yaml.h:/usr/include/yaml.h cJSON/cJSON.h:/usr/include/cjson/cJSON.h; do
  mkdir -p "external/$(dirname "${pair%%:*}")"; ln -sf "${pair#*:}" "external/${pair%%:*}"
done
mkdir -p external/curl/include
ln -sfn "$(dirname "$(echo '#include <curl/curl.h>' | gcc -M -x c - | tr ' \\' '\n\n' | grep '/curl/curl.h$' | head -1)")" external/curl/include/curl
# Of the programs' library execd calls three JSON readers, of file_op.c two path helpers: take those alone.
# (Each function once: file_op.c defines basename_ex again for Windows further down.)
pick() { awk -v re="$2" '$0 ~ re && !seen[$0]++ {p=1} p{print} p&&/^}/{p=0}' "$1"; }
{ echo '#include "shared.h"'; echo '#include "active-response/active_responses.h"'
  pick active-response/active_responses.c '^(cJSON\* get_json_from_input|const char\* get_command_from_json|char\* get_keys_from_json)\('
  echo '#include "file_op.h"'
  pick shared/file_op.c '^(char \*basename_ex|int w_ref_parent_folder)\('; } > "$out/execd_picked.c"

cflags="-w -O1 -I. -Iheaders -Ishared_modules/common -I/usr/include/cjson -DARGV0=\"wazuh-execd\" -D_GNU_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8"
obj="$out/obj-execd"
rm -rf "$obj" && mkdir -p "$obj"
# execd-oracle.c includes execd.c itself (its static timeout list is then the harness's to read).
for f in os_xml/os_xml.c os_xml/os_xml_access.c os_xml/os_xml_node_access.c os_xml/os_xml_variables.c \
         os_execd/exec.c os_execd/config.c shared/list_op.c shared/hash_op.c shared/string_op.c shared/math_op.c \
         shared/randombytes.c $(ls os_regex/*.c) \
         "$out/execd_picked.c" "$here/execd-oracle.c"; do
  gcc -c $cflags "$f" -o "$obj/$(basename "$f" .c).o"
done
gcc -o "$out/execd-oracle" "$obj"/*.o -lcjson -lpthread
echo "$out/execd-oracle"
