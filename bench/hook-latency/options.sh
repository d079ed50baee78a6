#!/usr/bin/env bash
# What each JVM option in dispatch buys: for one packed charm, makes variants of its dispatch
# (one option removed or added), re-trains each variant's startup archive exactly as jcharm
# pack does (a training run of that dispatch with -XX:AOTCacheOutput on a relation-changed
# hook), then times all variants on one hook, interleaved round-robin so that machine load
# hits every variant alike.
#
#   bench/hook-latency/options.sh [--runs N] [--hook HOOK] [--only] [--add "OPTS"]... CHARM
#
# --add adds a variant with OPTS appended to the packed options; --only measures just the
# packed options and the --add variants.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

runs=15 hook="" only=false adds=()
while [ $# -gt 1 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --hook) hook=$2; shift 2 ;;
    --add) adds+=("$2"); shift 2 ;;
    --only) only=true; shift ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
charm=${1:?usage: options.sh [--runs N] [--hook HOOK] CHARM}
name=$(basename "$charm")
work=$(mktemp -d /tmp/jcharm-options.XXXXXX)
trap 'rm -rf "$work"' EXIT

base="$work/base dir/charm"
unpack "$charm" "$base"
app=$(awk '/^name:/ { gsub(/"/, "", $2); print $2; exit }' "$base/metadata.yaml")
tools="$work/tools"
fake_tools "$tools" "$base"
[ -n "$hook" ] || { ep=$(first_endpoint "$base/metadata.yaml"); hook=${ep:+$ep-relation-changed}; hook=${hook:-config-changed}; }
packed=$(sed -n 's/^runtime\/bin\/java \${JCHARM_STARTUP_ARCHIVE-[^}]*} \(.*\) \${JCHARM_JAVA_OPTS} \\$/\1/p' "$base/dispatch")
[ -n "$packed" ] || { echo "cannot find the JVM options line in $base/dispatch" >&2; exit 1; }
archive=$(sed -n 's/^runtime\/bin\/java \${JCHARM_STARTUP_ARCHIVE-\([^}]*\)}.*/\1/p' "$base/dispatch")

# variant label|options ("-X" removes option X from the packed set, "+X" adds X)
variants=("as packed|$packed")
if ! $only; then
  variants+=("no startup archive|NOARCHIVE")
  for opt in $packed; do
    case "$opt" in -Xlog:*) continue ;; esac
    variants+=("without $opt|$(echo " $packed " | sed "s| $opt | |; s|^ ||; s| $||")")
  done
fi
for add in ${adds[@]+"${adds[@]}"}; do variants+=("with $add|$packed $add"); done

dirs=()
for i in "${!variants[@]}"; do
  label=${variants[$i]%%|*}; opts=${variants[$i]#*|}
  dir="$work/v$i dir/charm"
  mkdir -p "$(dirname "$dir")"; cp -a "$base" "$dir"
  if [ "$opts" = NOARCHIVE ]; then
    sed -i "s|\${JCHARM_STARTUP_ARCHIVE-[^}]*}||" "$dir/dispatch"
  else
    awk -v old="$packed" -v new="$opts" '{ i = index($0, old); if (i && /^runtime\/bin\/java/) $0 = substr($0, 1, i - 1) new substr($0, i + length(old)); print }' \
      "$base/dispatch" > "$dir/dispatch"
    rm -f "$dir/${archive#*=}"
    # re-train this variant's archive the way jcharm pack does
    read -r _ _ _ rc < <(run_hook "$tools" "$dir" "$app" "$hook" "JCHARM_STARTUP_ARCHIVE=-XX:AOTCacheOutput=${archive#*=}")
    [ "$rc" = 0 ] && [ -s "$dir/${archive#*=}" ] || { echo "training failed for: $label" >&2; cat "$tools/hook.err" >&2; exit 1; }
  fi
  dirs+=("$dir")
done

for i in "${!dirs[@]}"; do : > "$work/wall.$i"; : > "$work/cpu.$i"; : > "$work/rss.$i"; done
for r in $(seq 1 $((runs + 2))); do
  for i in "${!dirs[@]}"; do
    read -r wall cpu rss rc < <(run_hook "$tools" "${dirs[$i]}" "$app" "$hook")
    [ "$rc" = 0 ] || { echo "${variants[$i]%%|*}: $hook exited $rc" >&2; cat "$tools/hook.err" >&2; exit 1; }
    if [ "$r" -gt 2 ]; then echo "$wall" >> "$work/wall.$i"; echo "$cpu" >> "$work/cpu.$i"; echo "$rss" >> "$work/rss.$i"; fi
  done
done

echo "# $name, hook $hook, $runs interleaved runs per variant, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-40s | %-15s | %-15s | %-13s |\n' variant "wall s med/min" "CPU s med/min" "peak RSS MiB"
printf '|%s|%s|%s|%s|\n' "------------------------------------------" "-----------------" "-----------------" "---------------"
for i in "${!dirs[@]}"; do
  read -r wm wmin _ < <(stats < "$work/wall.$i"); read -r cm cmin _ < <(stats < "$work/cpu.$i")
  read -r rm _ _ < <(awk '{ print $1 / 1024 }' "$work/rss.$i" | stats)
  printf '| %-40s | %6s / %6s | %6s / %6s | %13.1f |\n' "${variants[$i]%%|*}" "$wm" "$wmin" "$cm" "$cmin" "$rm"
done
