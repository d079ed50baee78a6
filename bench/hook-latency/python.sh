#!/usr/bin/env bash
# A packed jcharm charm against the same hook of a minimal Python ops charm (python-hello/, which
# does what charms/hello does), both run as Juju would run them, against the same fake hook tools,
# interleaved (jcharm, Python, jcharm, ...) so that load from other processes hits both alike.
#
#   bench/hook-latency/python.sh [--runs N] [--warmup N] [--hooks "config-changed ..."] [--ops DIR] [CHARM]
#
# CHARM defaults to charms/hello/target/hello_ubuntu-24.04-amd64.charm; the Python charm takes its
# metadata.yaml and config.yaml from it. Its venv/ (ops and what ops imports) is a copy of --ops DIR
# (a directory from which `import ops` works, e.g. a `pip install --target DIR ops`); without
# --ops, `pip install --target` fetches ops from PyPI. The Python is the machine's /usr/bin/python3
# (the hook's PATH), as on a unit. Cold jcharm hooks (JCHARM_WARM=0).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

runs=15 warmup=2 hooks="config-changed" ops="" charm="$JCHARM_ROOT/charms/hello/target/hello_ubuntu-24.04-amd64.charm"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --hooks) hooks=$2; shift 2 ;;
    --ops) ops=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) charm=$1; shift ;;
  esac
done
[ -f "$charm" ] || { echo "no $charm: pack it first (mvn -B -pl charms/hello -am package -DskipTests)" >&2; exit 1; }
[ "$runs" -ge 10 ] || { echo "--runs must be at least 10" >&2; exit 1; }

work=$(mktemp -d /tmp/jcharm-bench-py.XXXXXX)
trap 'rm -rf "$work"' EXIT
j="$work/unit dir j/charm" p="$work/unit dir py/charm"
unpack "$charm" "$j"
app=$(awk '/^name:/ { gsub(/"/, "", $2); print $2; exit }' "$j/metadata.yaml")
mkdir -p "$p"
cp "$j/metadata.yaml" "$j/config.yaml" "$p/"
cp -r "$here/python-hello/src" "$here/python-hello/dispatch" "$p/"
if [ -n "$ops" ]; then
  cp -r "$ops" "$p/venv"
elif ! pip install -q --target "$p/venv" ops >"$work/pip.log" 2>&1; then
  echo "cannot install ops from PyPI ($(tail -1 "$work/pip.log")): pass --ops DIR with ops and its dependencies" >&2
  exit 1
fi
(cd "$p" && PYTHONPATH=venv /usr/bin/python3 -c 'import ops') || { echo "ops does not import from $p/venv" >&2; exit 1; }
fake_tools "$work/tools-j" "$j"
fake_tools "$work/tools-py" "$p"

echo "# jcharm against Python ops: $runs counted runs each after $warmup warm-up, interleaved, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(/usr/bin/python3 --version), ops $(cd "$p" && PYTHONPATH=venv /usr/bin/python3 -c 'import ops; print(ops.__version__)')"
printf '| %-8s | %-26s | %-22s | %-22s | %-14s |\n' charm hook "wall s (med/min/max)" "CPU s (med/min/max)" "peak RSS MiB"
printf '|%s|%s|%s|%s|%s|\n' "----------" "----------------------------" "------------------------" "------------------------" "----------------"
for hook in $hooks; do
  for side in j py; do : > "$work/$side.wall"; : > "$work/$side.cpu"; : > "$work/$side.rss"; done
  for i in $(seq 1 $((warmup + runs))); do
    for side in j py; do
      dir=$j; [ "$side" = py ] && dir=$p
      tools="$work/tools-$side"
      : > "$tools/calls.log"
      rm -f "$dir/.unit-state.db" # ops' local store: a fresh unit each run, as jcharm keeps none
      read -r wall cpu rss rc < <(run_hook "$tools" "$dir" "$app" "$hook")
      if [ "$rc" != 0 ]; then echo "$side: $hook exited $rc:" >&2; cat "$tools/hook.err" >&2; exit 1; fi
      if ! grep -q '^status-set' "$tools/calls.log"; then
        echo "$side: $hook made no status-set call; hook tool calls:" >&2; cat "$tools/calls.log" >&2; exit 1
      fi
      if [ "$i" -gt "$warmup" ]; then
        echo "$wall" >> "$work/$side.wall"; echo "$cpu" >> "$work/$side.cpu"; echo "$rss" >> "$work/$side.rss"
      fi
    done
  done
  for side in j py; do
    read -r wmed wmin wmax < <(stats < "$work/$side.wall")
    read -r cmed cmin cmax < <(stats < "$work/$side.cpu")
    read -r rmed _ _ < <(awk '{ print $1 / 1024 }' "$work/$side.rss" | stats)
    name=jcharm; [ "$side" = py ] && name="Python"
    printf '| %-8s | %-26s | %6s / %5s / %5s | %6s / %5s / %5s | %14.1f |\n' "$name" "$hook" "$wmed" "$wmin" "$wmax" \
      "$cmed" "$cmin" "$cmax" "$rmed"
  done
  echo "# tool calls per $hook: jcharm $(wc -l < "$work/tools-j/calls.log"), Python $(wc -l < "$work/tools-py/calls.log")"
done
