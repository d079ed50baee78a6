#!/usr/bin/env bash
# Cold against warm: for each packed charm, one hook run with the warm runtime off
# (JCHARM_WARM=0) and on, alternating so that load from other processes hits both alike.
#
#   bench/hook-latency/warm.sh [--runs N] [--burst N] [--hook HOOK] [CHARM...]
#
# Reports median wall, CPU and peak RSS of: a cold hook, a warm hook (runtime alive), a burst of
# --burst hooks in a row (total; with warm on, the first starts the runtime and runs in it), and the
# runtime's RSS while idle after the burst. Default charms: charms/*/target/*.charm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

runs=10 burst=20 hook=config-changed charms=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --burst) burst=$2; shift 2 ;;
    --hook) hook=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) charms+=("$1"); shift ;;
  esac
done
[ ${#charms[@]} -gt 0 ] || { mapfile -t charms < <(packed_charms); [ ${#charms[@]} -gt 0 ] || exit 1; }

work=$(mktemp -d /tmp/jcharm-warm-bench.XXXXXX)
dirs=()
cleanup() {
  local d
  for d in "${dirs[@]}"; do stop_runtime "$d"; done
  rm -rf "$work"
}
trap cleanup EXIT
# one_hook DIR TOOLS APP WARM [bare]: prints "wall cpu rss_kib" for one dispatch; unless bare, the
# runtime's CPU during the hook is added and the RSS is the larger of dispatch's tree and the runtime.
one_hook() {
  local dir=$1 tools=$2 app=$3 warm=$4 bare=${5:-} pid before after wall cpu rss rc hwm
  pid=$([ -z "$bare" ] && runtime_pid "$dir" || true)
  before=$([ -n "$pid" ] && proc_cpu "$pid" || echo 0)
  : > "$tools/calls.log"
  read -r wall cpu rss rc < <(run_hook "$tools" "$dir" "$app" "$hook" "JCHARM_WARM=$warm")
  [ "$rc" = 0 ] || { echo "$hook exited $rc:" >&2; cat "$tools/hook.err" >&2; exit 1; }
  grep -q '^status-set' "$tools/calls.log" || { echo "$hook made no status-set call" >&2; exit 1; }
  after=$([ -n "$pid" ] && proc_cpu "$pid" || echo 0)
  if [ -n "$pid" ]; then
    hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "${hwm:-0}" -gt "$rss" ] && rss=$hwm
  fi
  echo "$wall $(awk -v c="$cpu" -v a="$after" -v b="$before" 'BEGIN { printf "%.3f", c + a - b }') $rss"
}

echo "# warm runtime: $hook, $runs alternating rounds, bursts of $burst, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-30s | %-28s | %-8s | %-8s | %-13s |\n' charm measure "wall s" "CPU s" "peak RSS MiB"
printf '|%s|%s|%s|%s|%s|\n' "--------------------------------" "------------------------------" "----------" "----------" "---------------"
for charm in "${charms[@]}"; do
  name=$(basename "$charm" .charm)
  n=$((${n:-0} + 1))
  dir="$work/unit dir $n/charm"
  tools="$work/tools-$n"
  unpack "$charm" "$dir"
  dirs+=("$dir")
  app=$(awk '/^name:/ { gsub(/"/, "", $2); print $2; exit }' "$dir/metadata.yaml")
  fake_tools "$tools" "$dir"
  out="$work/$n"; mkdir -p "$out"
  one_hook "$dir" "$tools" "$app" 0 >/dev/null # warm-up: page cache
  for r in $(seq 1 "$runs"); do
    # cold and warm single hooks
    stop_runtime "$dir"
    one_hook "$dir" "$tools" "$app" 0 bare >> "$out/cold"
    [ -n "$(runtime_pid "$dir")" ] || { one_hook "$dir" "$tools" "$app" 1 >/dev/null; \
      for _ in $(seq 200); do [ -n "$(runtime_pid "$dir")" ] && break; sleep 0.05; done
      one_hook "$dir" "$tools" "$app" 1 >/dev/null; } # the runtime's first hook loads what the archive lacks
    one_hook "$dir" "$tools" "$app" 1 >> "$out/warm"
    # bursts: warm off, then warm on from no runtime
    for warm in 0 1; do
      stop_runtime "$dir"
      start=$(date +%s.%N); cpu=0; peak=0
      for _ in $(seq 1 "$burst"); do
        read -r w c m < <(one_hook "$dir" "$tools" "$app" "$warm" bare)
        cpu=$(awk -v a="$cpu" -v b="$c" 'BEGIN { print a + b }'); [ "$m" -gt "$peak" ] && peak=$m
      done
      end=$(date +%s.%N)
      pid=$(runtime_pid "$dir")
      if [ -n "$pid" ]; then
        # the runtime started during the burst: all its CPU (start-up and hooks) belongs to it
        cpu=$(awk -v a="$cpu" -v b="$(proc_cpu "$pid")" 'BEGIN { print a + b }')
        hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status"); [ "$hwm" -gt "$peak" ] && peak=$hwm
        sleep 1
        awk '/^VmRSS/ { print $2 / 1024 }' "/proc/$pid/status" >> "$out/idle-rss"
      fi
      echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') $cpu $peak" >> "$out/burst-$warm"
    done
  done
  row() {
    local wall cpu rss
    wall=$(awk '{ print $1 }' "$2" | stats | cut -d' ' -f1)
    cpu=$(awk '{ print $2 }' "$2" | stats | cut -d' ' -f1)
    rss=$(awk '{ print $3 / 1024 }' "$2" | stats | cut -d' ' -f1)
    printf '| %-30s | %-28s | %8s | %8s | %13s |\n' "$name" "$1" "$wall" "$cpu" "$rss"
  }
  row "cold hook (JCHARM_WARM=0)" "$out/cold"
  row "warm hook" "$out/warm"
  row "burst of $burst, warm off" "$out/burst-0"
  row "burst of $burst, warm on" "$out/burst-1"
  printf '| %-30s | %-28s | %8s | %8s | %13s |\n' "$name" "warm runtime idle RSS" "" "" \
    "$(stats < "$out/idle-rss" | cut -d' ' -f1)"
  stop_runtime "$dir"
done
