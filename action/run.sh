#!/bin/sh
# The steps of the arctl GitHub Action (action.yml), one subcommand each, so that they can be run
# and tested without GitHub. Settings come from the environment the action sets:
#   ARCTL            the arctl command (default: arctl on PATH)
#   ARCTL_BASE       the base revision (the pull request's base commit)
#   ARCTL_FILES      configuration files to check (blank: those changed since ARCTL_BASE)
#   ARCTL_ALERTS     alerts files for the behavioural diff (blank-separated, globs allowed)
#   ARCTL_RULESET    rules directories (blank-separated), ARCTL_AGENTS an agents file
#   ARCTL_WORK       a directory for the step outputs (file list, SARIF, Markdown)
#   GITHUB_OUTPUT    where step outputs go; GITHUB_REPOSITORY, ARCTL_PR, GH_TOKEN for the comment
set -eu

arctl=${ARCTL:-arctl}
work=${ARCTL_WORK:?ARCTL_WORK is not set}
marker='<!-- arctl-diff -->'
mkdir -p "$work"

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi
}

# The configuration files to check, one per line, in $work/files.
files() {
  if [ -n "${ARCTL_FILES:-}" ]; then
    printf '%s\n' $ARCTL_FILES >"$work/files"
  else
    : "${ARCTL_BASE:?ARCTL_BASE is not set: give the base revision or the files}"
    # The same names arctl lint looks for in a directory (src/config/config-files.ts).
    # core.quotePath=false: names as they are (a C-quoted "z\303\274rich.ossec.conf" names no file).
    git -c core.quotePath=false diff --name-only --diff-filter=AMR "$ARCTL_BASE" -- |
      grep -E '(^|/)(ossec\.conf|agent\.conf|[^/]*\.ossec\.conf)$' >"$work/files" || true
  fi
  count=$(grep -c . "$work/files" || true)
  echo "arctl: $count configuration file(s) to check"
  output files-count "$count"
}

# Annotations (--format github) and SARIF; the exit status is kept for the last step.
lint() {
  if [ ! -s "$work/files" ]; then
    output lint-status 0
    return 0
  fi
  # One argument a line: a path with blanks stays one.
  set --
  while IFS= read -r file; do
    [ -n "$file" ] && set -- "$@" "$file"
  done <"$work/files"
  status=0
  "$arctl" lint --format github "$@" || status=$?
  "$arctl" lint --format sarif --output "$work/arctl.sarif" "$@" || true
  output lint-status "$status"
  output sarif "$work/arctl.sarif"
}

# One Markdown report for every changed file, each diffed against the base revision.
diff() {
  body="$work/comment.md"
  printf '%s\n' "$marker" >"$body"
  changed=false
  if [ ! -s "$work/files" ]; then
    printf 'No Wazuh configuration file changed.\n' >>"$body"
  fi
  alerts=''
  for pattern in ${ARCTL_ALERTS:-}; do
    for f in $pattern; do
      [ -e "$f" ] && alerts="$alerts --alerts $f"
    done
  done
  extra=''
  for dir in ${ARCTL_RULESET:-}; do extra="$extra --ruleset $dir"; done
  if [ -n "${ARCTL_AGENTS:-}" ]; then extra="$extra --agents $ARCTL_AGENTS"; fi
  while IFS= read -r file; do
    [ -n "$file" ] || continue
    base="${ARCTL_BASE}:./$file"
    if ! git cat-file -e "$base" 2>/dev/null; then
      # A new file: compared with an empty configuration of its kind (a shared agent.conf has <agent_config> roots).
      base="$work/empty.conf"
      root=ossec_config
      case $file in agent.conf | */agent.conf) root=agent_config ;; esac
      printf '<%s>\n</%s>\n' "$root" "$root" >"$base"
    fi
    status=0
    # shellcheck disable=SC2086 # the option lists are split on purpose
    "$arctl" diff "$base" "$file" $alerts $extra --format markdown --exit-code >>"$body" || status=$?
    case $status in
      0) ;;
      2) changed=true ;;
      *) printf '\narctl diff %s failed (exit %s): see the job log.\n' "$file" "$status" >>"$body" ;;
    esac
    printf '\n' >>"$body"
  done <"$work/files"
  output changed "$changed"
  output markdown "$body"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$body" >>"$GITHUB_STEP_SUMMARY"; fi
}

# Posts the report as one pull-request comment, or updates the one posted before (found by its marker).
comment() {
  : "${ARCTL_PR:?ARCTL_PR is not set: comments go on pull requests}"
  : "${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}"
  id=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$ARCTL_PR/comments" \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
  if [ -n "$id" ]; then
    gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -F "body=@$work/comment.md" --jq .id >/dev/null
    echo "arctl: updated comment $id"
  else
    id=$(gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$ARCTL_PR/comments" -F "body=@$work/comment.md" --jq .id)
    echo "arctl: posted comment $id"
  fi
  output comment-id "$id"
}

case "${1:-}" in
  files | lint | diff | comment) "$1" ;;
  *)
    echo "usage: run.sh files|lint|diff|comment" >&2
    exit 2
    ;;
esac
