#!/usr/bin/env bash
# Hook latency of packed jcharm charms, measured as Juju would run them: each .charm is
# unpacked (modes kept, file times not, into a path with a space), and its dispatch runs with
# the JUJU_* environment and fake hook tools on PATH that answer like Juju.
#
#   bench/hook-latency/run.sh [--runs N] [--warmup N] [--hooks "install config-changed ..."] [CHARM...]
#
# Default charms: charms/*/target/*.charm. Default hooks: install, config-changed and
# <first endpoint>-relation-changed. Extra environment for dispatch (e.g. JCHARM_JAVA_OPTS=...)
# can be given with --env NAME=VALUE (repeatable).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

runs=15 warmup=2 hooks="" extra_env=() charms=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --hooks) hooks=$2; shift 2 ;;
    --env) extra_env+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) charms+=("$1"); shift ;;
  esac
done
[ ${#charms[@]} -gt 0 ] || { mapfile -t charms < <(packed_charms); [ ${#charms[@]} -gt 0 ] || exit 1; }
[ "$runs" -ge 10 ] || { echo "--runs must be at least 10" >&2; exit 1; }

work=$(mktemp -d /tmp/jcharm-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "# hook latency: $runs counted runs after $warmup warm-up, $(nproc) CPUs, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-32s | %-26s | %-8s | %-22s | %-22s | %-14s |\n' charm hook "size MiB" "wall s (med/min/max)" \
  "CPU s (med/min/max)" "peak RSS MiB"
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..34})" "$(printf -- '-%.0s' {1..28})" "----------" \
  "------------------------" "------------------------" "----------------"
for charm in "${charms[@]}"; do
  name=$(basename "$charm")
  n=$((${n:-0} + 1))
  dir="$work/unit dir $n/charm"
  tools="$work/tools-$n"
  if ! unpack "$charm" "$dir" 2>"$work/unpack.err"; then
    echo "skipping $charm: cannot unpack it ($(head -c 200 "$work/unpack.err"))" >&2
    continue
  fi
  app=$(awk '/^name:/ { gsub(/"/, "", $2); print $2; exit }' "$dir/metadata.yaml")
  fake_tools "$tools" "$dir"
  size=$(awk -v b="$(stat -c %s "$charm")" 'BEGIN { printf "%.1f", b / 1048576 }')
  list=$hooks
  if [ -z "$list" ]; then
    ep=$(first_endpoint "$dir/metadata.yaml")
    list="install config-changed${ep:+ $ep-relation-changed}"
  fi
  for hook in $list; do
    : > "$tools/wall"; : > "$tools/cpu"; : > "$tools/rss"
    for i in $(seq 1 $((warmup + runs))); do
      : > "$tools/calls.log"
      read -r wall cpu rss rc < <(run_hook "$tools" "$dir" "$app" "$hook" ${extra_env[@]+"${extra_env[@]}"})
      if [ "$rc" != 0 ]; then
        echo "$name: $hook exited $rc:" >&2; cat "$tools/hook.err" >&2; exit 1
      fi
      if ! grep -q '^status-set' "$tools/calls.log"; then
        echo "$name: $hook made no status-set call; hook tool calls:" >&2; cat "$tools/calls.log" >&2; exit 1
      fi
      if [ "$i" -gt "$warmup" ]; then
        echo "$wall" >> "$tools/wall"; echo "$cpu" >> "$tools/cpu"; echo "$rss" >> "$tools/rss"
      fi
    done
    read -r wmed wmin wmax < <(stats < "$tools/wall")
    read -r cmed cmin cmax < <(stats < "$tools/cpu")
    read -r rmed _ rmax < <(awk '{ print $1 / 1024 }' "$tools/rss" | stats)
    printf '| %-32s | %-26s | %8s | %6s / %5s / %5s | %6s / %5s / %5s | %5.1f (max %5.1f) |\n' "$name" "$hook" "$size" \
      "$wmed" "$wmin" "$wmax" "$cmed" "$cmin" "$cmax" "$rmed" "$rmax"
  done
done
