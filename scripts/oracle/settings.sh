# Settings the oracle builds share (sourced after `here` is set): OUT_DIR (their first argument, default
# .oracle/ of the repository, made absolute), the Wazuh tag and the git mirror its source is read from.
out=${1:-"$here/../../.oracle"}
tag=${WAZUH_TAG:-v4.14.7}
git_dir=${WAZUH_GIT:-/work/.mirror/wazuh+wazuh/repo}
mkdir -p "$out"
out=$(cd "$out" && pwd)
