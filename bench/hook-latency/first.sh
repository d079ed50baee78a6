#!/usr/bin/env bash
# A unit's first hook (no warm runtime alive), the two ways dispatch can run it, alternating so
# that load from other processes hits both alike: "beside" (JCHARM_WARM_WAIT=0: the hook runs in
# a new JVM while the runtime it started boots next to it) and "in" (the default: dispatch waits
# for the runtime it started and hands it the hook). Then the second hook, in the runtime.
#
#   bench/hook-latency/first.sh [--runs N] [--hook HOOK] CHARM
#
# Per way, median (min-max) of: the first hook's wall; CPU of the first hook and of the runtime's
# start (dispatch's process tree plus the runtime's own CPU, read once the runtime is idle); the
# second hook's wall and CPU (its tree plus the runtime's CPU during it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

runs=5 hook=config-changed charm=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --hook) hook=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) charm=$1; shift ;;
  esac
done
[ -f "$charm" ] || { echo "usage: $0 [--runs N] [--hook HOOK] CHARM (a packed .charm)" >&2; exit 1; }

work=$(mktemp -d /tmp/jcharm-first-bench.XXXXXX)
dir="$work/unit dir/charm" tools="$work/tools"
cleanup() { stop_runtime "$dir"; rm -rf "$work"; }
trap cleanup EXIT
unpack "$charm" "$dir"
app=$(awk '/^name:/ { gsub(/"/, "", $2); print $2; exit }' "$dir/metadata.yaml")
fake_tools "$tools" "$dir"

# hook WAIT: runs the hook with the warm runtime on and JCHARM_WARM_WAIT=WAIT ("" for the packed
# default); prints "wall tree_cpu".
hook() {
  local wall cpu rss rc
  read -r wall cpu rss rc < <(run_hook "$tools" "$dir" "$app" "$hook" JCHARM_WARM=1 ${1:+JCHARM_WARM_WAIT=$1})
  [ "$rc" = 0 ] || { echo "$hook exited $rc:" >&2; cat "$tools/hook.err" >&2; exit 1; }
  echo "$wall $cpu"
}

echo "# first hook: $(basename "$charm") $hook, $runs alternating rounds, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
run_hook "$tools" "$dir" "$app" "$hook" >/dev/null # warm-up: page cache
for r in $(seq 1 "$runs"); do
  # alternate which way goes first in a round
  if [ $((r % 2)) = 1 ]; then ways="beside in"; else ways="in beside"; fi
  for way in $ways; do
    stop_runtime "$dir"
    read -r wall cpu < <(hook "$([ "$way" = beside ] && echo 0)")
    pid=
    for _ in $(seq 400); do pid=$(runtime_pid "$dir"); [ -n "$pid" ] && break; sleep 0.05; done
    [ -n "$pid" ] || { echo "no warm runtime came up" >&2; exit 1; }
    sleep 1 # the runtime is idle: what it spent starting (and on the hook) is all in its counters
    rt=$(proc_cpu "$pid")
    read -r wall2 cpu2 < <(hook "")
    rt2=$(proc_cpu "$pid")
    echo "$wall $(awk -v a="$cpu" -v b="$rt" 'BEGIN { print a + b }') $wall2 $(awk -v a="$cpu2" -v b="$rt2" -v c="$rt" 'BEGIN { print a + b - c }')" >> "$work/$way"
  done
done
printf '| %-40s | %-22s | %-22s |\n' way "wall s med (min-max)" "CPU s med (min-max)"
printf '|%s|%s|%s|\n' "------------------------------------------" "------------------------" "------------------------"
for way in beside in; do
  for col in 1 3; do
    what=$([ "$col" = 1 ] && echo "first hook, $way" || echo "second hook, after $way")
    read -r wm wn wx < <(awk -v c="$col" '{ print $c }' "$work/$way" | stats)
    read -r cm cn cx < <(awk -v c="$((col + 1))" '{ print $c }' "$work/$way" | stats)
    printf '| %-40s | %-22s | %-22s |\n' "$what" "$wm ($wn-$wx)" "$cm ($cn-$cx)"
  done
done
