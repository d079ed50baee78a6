#!/usr/bin/env bash
# Several packed charms (e.g. one charm before and after a change) and, with --python, a minimal
# Python ops charm (python-hello/, which does what charms/hello does) on the same hooks, each run
# as Juju would run it against the same fake hook tools, interleaved (A, B, Python, A, B, ...) so
# that load from other processes hits all of them alike. Cold jcharm hooks (JCHARM_WARM=0).
#
#   bench/hook-latency/compare.sh [--runs N] [--warmup N] [--hooks "config-changed ..."] [--python [--ops DIR]] CHARM...
#
# The Python charm takes metadata.yaml and config.yaml from the first CHARM (a hello). Its venv/
# (ops and what ops imports) is a copy of --ops DIR (a directory from which `import ops` works,
# e.g. made by `pip install --target DIR ops`); without --ops, `pip install --target` fetches ops
# from PyPI. Its Python is /usr/bin/python3, found on the hook's PATH as on a unit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

runs=15 warmup=2 hooks="config-changed" python=false ops="" charms=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --hooks) hooks=$2; shift 2 ;;
    --python) python=true; shift ;;
    --ops) ops=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) charms+=("$1"); shift ;;
  esac
done
[ ${#charms[@]} -gt 0 ] || { echo "usage: compare.sh [--python] CHARM... (see --help)" >&2; exit 1; }
[ "$runs" -ge 10 ] || { echo "--runs must be at least 10" >&2; exit 1; }

work=$(mktemp -d /tmp/jcharm-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
names=() dirs=() apps=()
for i in "${!charms[@]}"; do
  [ -f "${charms[$i]}" ] || { echo "no ${charms[$i]}: pack it first (mvn -B -pl charms/hello -am package -DskipTests)" >&2; exit 1; }
  dir="$work/unit dir $i/charm"
  unpack "${charms[$i]}" "$dir"
  names+=("$(basename "${charms[$i]}")"); dirs+=("$dir")
  apps+=("$(awk '/^name:/ { gsub(/"/, "", $2); print $2; exit }' "$dir/metadata.yaml")")
  fake_tools "$work/tools-$i" "$dir"
done
if $python; then
  i=${#dirs[@]} p="$work/unit dir py/charm"
  mkdir -p "$p"
  cp "${dirs[0]}/metadata.yaml" "${dirs[0]}/config.yaml" "$p/"
  cp -r "$here/python-hello/src" "$here/python-hello/dispatch" "$p/"
  if [ -n "$ops" ]; then
    cp -r "$ops" "$p/venv"
  elif ! pip install -q --target "$p/venv" ops >"$work/pip.log" 2>&1; then
    echo "cannot install ops from PyPI ($(tail -1 "$work/pip.log")): pass --ops DIR holding ops and its dependencies" >&2
    exit 1
  fi
  (cd "$p" && PYTHONPATH=venv /usr/bin/python3 -c 'import ops') || { echo "ops does not import from $p/venv" >&2; exit 1; }
  names+=("Python ops ($(cd "$p" && PYTHONPATH=venv /usr/bin/python3 -c 'import ops; print(ops.__version__)'))")
  dirs+=("$p"); apps+=("${apps[0]}")
  fake_tools "$work/tools-$i" "$p"
fi

echo "# $runs counted runs per charm after $warmup warm-up, interleaved, $(nproc) CPUs, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-40s | %-24s | %-22s | %-22s | %-12s | %-5s |\n' charm hook "wall s (med/min/max)" "CPU s (med/min/max)" \
  "peak RSS MiB" tools
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "$(printf -- '-%.0s' {1..26})" "------------------------" \
  "------------------------" "--------------" "-------"
for hook in $hooks; do
  for i in "${!dirs[@]}"; do : > "$work/$i.wall"; : > "$work/$i.cpu"; : > "$work/$i.rss"; done
  for n in $(seq 1 $((warmup + runs))); do
    for i in "${!dirs[@]}"; do
      tools="$work/tools-$i"
      : > "$tools/calls.log"
      rm -f "${dirs[$i]}/.unit-state.db" # ops' local store: a fresh unit every run, as jcharm keeps none
      read -r wall cpu rss rc < <(run_hook "$tools" "${dirs[$i]}" "${apps[$i]}" "$hook")
      if [ "$rc" != 0 ]; then echo "${names[$i]}: $hook exited $rc:" >&2; cat "$tools/hook.err" >&2; exit 1; fi
      if ! grep -q '^status-set' "$tools/calls.log"; then
        echo "${names[$i]}: $hook made no status-set call; hook tool calls:" >&2; cat "$tools/calls.log" >&2; exit 1
      fi
      if [ "$n" -gt "$warmup" ]; then
        echo "$wall" >> "$work/$i.wall"; echo "$cpu" >> "$work/$i.cpu"; echo "$rss" >> "$work/$i.rss"
      fi
    done
  done
  for i in "${!dirs[@]}"; do
    read -r wmed wmin wmax < <(stats < "$work/$i.wall")
    read -r cmed cmin cmax < <(stats < "$work/$i.cpu")
    read -r rmed _ _ < <(awk '{ print $1 / 1024 }' "$work/$i.rss" | stats)
    printf '| %-40s | %-24s | %6s / %5s / %5s | %6s / %5s / %5s | %12.1f | %5s |\n' "${names[$i]}" "$hook" \
      "$wmed" "$wmin" "$wmax" "$cmed" "$cmin" "$cmax" "$rmed" "$(wc -l < "$work/tools-$i/calls.log")"
  done
done
