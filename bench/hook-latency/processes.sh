#!/usr/bin/env bash
# Processes that a warm hook and a hook-tool call start (process creation costs ~5 ms of CPU
# each on a 2-core VM), counted with strace: processes = distinct pids, programs = execve calls.
#
#   bench/hook-latency/processes.sh [--calls N] [--jar CONTROLLER_JAR]... [CHARM...]
#
# Warm hook: each CHARM is unpacked, a first hook starts its warm runtime, then one hook runs
# under strace as the local model and Juju run hooks (stdin /dev/null, stdout and stderr in one
# file), and one with stdin from a file and stdout and stderr apart. Tool call: each --jar
# (lib/controller's jar: its hook-tool server and bash client) answers config-get (JSON on
# stdout) and status-set (silent). CPU: of dispatch and its children per warm hook (not the
# runtime's), mean of 20; of the client per tool call, mean of N calls (default 200).
# Defaults: charms/*/target/*.charm and lib/controller/target/jcharm-controller-*.jar here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
command -v strace >/dev/null || { echo "processes.sh needs strace" >&2; exit 1; }

calls=200 jars=() charms=()
while [ $# -gt 0 ]; do
  case "$1" in
    --calls) calls=$2; shift 2 ;;
    --jar) jars+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) charms+=("$1"); shift ;;
  esac
done
[ ${#charms[@]} -gt 0 ] || mapfile -t charms < <(packed_charms)
if [ ${#jars[@]} = 0 ]; then
  shopt -s nullglob
  jars=("$JCHARM_ROOT"/lib/controller/target/jcharm-controller-*[0-9T].jar)
  shopt -u nullglob
fi

work=$(mktemp -d /tmp/jcharm-processes.XXXXXX)
dirs=() keep=
cleanup() {
  local d
  for d in "${dirs[@]}"; do stop_runtime "$d"; done
  [ -z "$keep" ] || exec {keep}>&-
  wait
  rm -rf "$work"
}
trap cleanup EXIT

# traced LOG CMD...: runs CMD under strace; prints "processes programs".
traced() {
  local log=$1; shift
  strace -f -qq -e trace=execve,exit_group -o "$log" "$@" >/dev/null || true
  echo "$(awk '{ print $1 }' "$log" | sort -u | wc -l) $(grep -c 'execve.*= 0$' "$log")"
}

echo "# processes per warm hook and per hook-tool call, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-58s | %-34s | %-9s | %-8s | %-13s |\n' what case processes programs "CPU ms each"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "$(printf -- '-%.0s' {1..36})" "-----------" "----------" "---------------"
n=0
for charm in "${charms[@]}"; do
  n=$((n + 1))
  dir="$work/unit dir $n/charm" tools="$work/tools-$n"
  unpack "$charm" "$dir"
  dirs+=("$dir")
  app=$(awk '/^name:/ { gsub(/"/, "", $2); print $2; exit }' "$dir/metadata.yaml")
  fake_tools "$tools" "$dir"
  mapfile -t env < <(hook_env "$tools" "$dir" "$app" config-changed)
  env+=(JCHARM_WARM=1)
  (cd "$dir" && env -i "${env[@]}" "$dir/dispatch" </dev/null >/dev/null 2>&1)
  for _ in $(seq 400); do [ -n "$(runtime_pid "$dir")" ] && break; sleep 0.05; done
  [ -n "$(runtime_pid "$dir")" ] || { echo "no warm runtime for $charm" >&2; exit 1; }
  (cd "$dir" && env -i "${env[@]}" "$dir/dispatch" </dev/null >/dev/null 2>&1) # its first hook loads what the archive lacks
  echo data > "$work/stdin"
  read -r p1 x1 < <(cd "$dir" && env -i "${env[@]}" "$(command -v strace)" -f -qq -e trace=execve,exit_group \
    -o "$work/hook1.log" "$dir/dispatch" </dev/null >"$work/hook1.out" 2>&1;
    echo "$(awk '{ print $1 }' "$work/hook1.log" | sort -u | wc -l) $(grep -c 'execve.*= 0$' "$work/hook1.log")")
  read -r p2 x2 < <(cd "$dir" && env -i "${env[@]}" "$(command -v strace)" -f -qq -e trace=execve,exit_group \
    -o "$work/hook2.log" "$dir/dispatch" <"$work/stdin" >"$work/hook2.out" 2>"$work/hook2.err";
    echo "$(awk '{ print $1 }' "$work/hook2.log" | sort -u | wc -l) $(grep -c 'execve.*= 0$' "$work/hook2.log")")
  # CPU of dispatch and what it starts (not the runtime's) per warm hook, the mean of 20
  cpu=$(cd "$dir" && env -i "${env[@]}" bash -c 'for ((i = 0; i < 20; i++)); do "$1" </dev/null >/dev/null 2>&1; done; times' _ "$dir/dispatch" \
    | awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.1f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 / 20 }')
  printf '| %-58s | %-34s | %-9s | %-8s | %-13s |\n' "warm hook, $(basename "$charm")" "stdin /dev/null, one output file" "$p1" "$x1" "$cpu"
  printf '| %-58s | %-34s | %-9s | %-8s | %-13s |\n' "warm hook, $(basename "$charm")" "stdin a file, stdout/stderr apart" "$p2" "$x2" ""
  stop_runtime "$dir"
done

m=0
for jar in "${jars[@]}"; do
  m=$((m + 1))
  d="$work/tools-server-$m"
  mkdir -p "$d"
  mkfifo "$d/in"
  java -cp "$jar" "$here/ToolServer.java" "$d" < "$d/in" &
  exec {keep}>"$d/in"
  for _ in $(seq 600); do [ -f "$d/server.txt" ] && break; sleep 0.05; done
  read -r addr ctx < "$d/server.txt"
  for tool in config-get status-set; do
    args=(--format=json); [ "$tool" = status-set ] && args=(active ready)
    read -r p x < <(JUJU_AGENT_SOCKET_ADDRESS=$addr JUJU_CONTEXT_ID=$ctx traced "$d/$tool.log" "$d/bin/$tool" "${args[@]}")
    cpu=$(JUJU_AGENT_SOCKET_ADDRESS=$addr JUJU_CONTEXT_ID=$ctx bash -c \
      'for ((i = 0; i < $1; i++)); do "$2" "${@:3}" >/dev/null || exit 1; done; times' _ "$calls" "$d/bin/$tool" "${args[@]}" \
      | awk -v n="$calls" 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.2f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 / n }')
    printf '| %-58s | %-34s | %-9s | %-8s | %-13s |\n' "tool call, ${jar#"$JCHARM_ROOT"/}" "$tool ($calls calls)" "$p" "$x" "$cpu"
  done
  exec {keep}>&-
  keep=
  wait
done
