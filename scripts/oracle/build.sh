#!/bin/sh
# Builds the oracle: Wazuh's own configuration readers (analysisd's AR_ReadConfig and GlobalConf, maild's
# MailConf) linked with oracle.c and stubs.c. Wazuh's source is read from a git mirror at a tag, or from a
# checked-out tree; nothing of it is kept in this repository.
#
#   scripts/oracle/build.sh [OUT_DIR]
#   WAZUH_SRC=/path/to/wazuh (a tree with src/) or WAZUH_GIT=/path/to/repo.git (default: /work/.mirror/wazuh+wazuh/repo)
#   WAZUH_TAG=v4.14.7   CHAR=signed|unsigned (x86_64 is signed, the default; aarch64 builds plain char unsigned)
# Needs gcc and the headers of cJSON, PCRE2, SQLite, libyaml and curl (Debian: libcjson-dev libpcre2-dev
# libsqlite3-dev libyaml-dev libcurl4-openssl-dev): the readers include them, only cJSON, PCRE2 and SQLite link.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/settings.sh"
char=${CHAR:-signed}
src="$out/wazuh-$tag"

if [ -n "${WAZUH_SRC:-}" ]; then
  [ -d "$WAZUH_SRC/src/config" ] || { echo "oracle: WAZUH_SRC=$WAZUH_SRC has no src/config" >&2; exit 2; }
  rm -rf "$src" && mkdir -p "$src" && cp -R "$WAZUH_SRC/src" "$src/"
elif [ ! -d "$src/src" ]; then
  [ -d "$git_dir" ] || { echo "oracle: no Wazuh source (set WAZUH_SRC to a wazuh tree or WAZUH_GIT to a git mirror)" >&2; exit 2; }
  mkdir -p "$src"
  # The C sources the readers need, and every header of the daemons' tree.
  files=$(git --git-dir="$git_dir" ls-tree -r --name-only "$tag" src | grep -E '^src/(config|os_xml|os_regex|os_maild|analysisd|shared|os_net)/[^/]+\.c$|^src/[^/]+/.*\.h$|^src/shared_modules/(common|[^/]+/include)/.*\.h(pp)?$' | grep -v -E '^src/(unit_tests|win32|external|data_provider)/')
  # shellcheck disable=SC2086
  git --git-dir="$git_dir" archive "$tag" $files | tar -x -C "$src"
fi

cd "$src/src"
# Wazuh's build vendors these libraries under external/; the system's headers stand in for them.
for pair in libpcre2/include/pcre2.h:/usr/include/pcre2.h sqlite/sqlite3.h:/usr/include/sqlite3.h \
            libyaml/include/yaml.h:/usr/include/yaml.h; do
  mkdir -p "external/$(dirname "${pair%%:*}")"; ln -sf "${pair#*:}" "external/${pair%%:*}"
done
mkdir -p external/curl/include
ln -sfn "$(dirname "$(echo '#include <curl/curl.h>' | gcc -M -x c - | tr ' \\' '\n\n' | grep '/curl/curl.h$' | head -1)")" external/curl/include/curl
# os_net.c pulls in the whole network layer: take only the two numeric address parsers OS_IsValidIP calls.
{ echo '#include "shared.h"'; echo '#include "os_net/os_net.h"'
  awk '/^int get_ipv[46]_numeric\(/{p=1} p{print} p&&/^}/{p=0}' os_net/os_net.c; } > "$out/os_net_numeric.c"

chararg=-fsigned-char; [ "$char" = unsigned ] && chararg=-funsigned-char
cflags="-w -O1 $chararg -I. -Iheaders -Ishared_modules/common -I/usr/include/cjson -DARGV0=\"wazuh-analysisd\" -D_GNU_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8"
sources="os_xml/os_xml.c os_xml/os_xml_access.c os_xml/os_xml_node_access.c os_xml/os_xml_variables.c $(ls os_regex/*.c)
  config/config.c config/active-response.c config/global-config.c config/alerts-config.c config/rules-config.c
  config/cluster-config.c config/socket-config.c config/labels-config.c config/email-alerts-config.c
  analysisd/config.c analysisd/active-response.c analysisd/logmsg.c os_maild/config.c
  shared/list_op.c shared/validate_op.c shared/string_op.c shared/regex_op.c shared/labels_op.c shared/expression.c
  $out/os_net_numeric.c $here/oracle.c $here/stubs.c"
obj="$out/obj-$char"
rm -rf "$obj" && mkdir -p "$obj"
for f in $sources; do
  gcc -c $cflags "$f" -o "$obj/$(echo "$f" | tr / _).o"
done
gcc -o "$out/oracle-$char" "$obj"/*.o -lcjson -lpcre2-8 -lsqlite3
echo "$out/oracle-$char"
