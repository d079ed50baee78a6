#!/usr/bin/env bash
# Rehearsal cost on the local model: for each bundle, the wall time of `jcharm deploy` until the
# model settles (from a fresh model directory), the hooks run, and the peak memory of the local
# model's own JVM (the jcharm process: controller, hook-tool server, Kubernetes API, Pebble
# emulators) and of the largest process overall (a hook JVM, if it is larger).
#
#   bench/local-model/run.sh [--runs N] [--parallelism "1 2"] [--bundles "hello edge-machine edge-istio edge full"]
#
# Builds the CLI and packs the charms first (SKIP_BUILD=1 to use what is built). MVN_OFFLINE=""
# lets Maven download. A bundle whose charms are not all packed is reported as skipped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# BENCH_ROOT=<another checkout> measures that tree (its bundles, packed charms, CLI and launcher)
# with this script: before and after a change in one run.
root=$(cd "${BENCH_ROOT:-$here/../..}" && pwd)
runs=1
parallelism="1 2"
bundles="hello edge-machine edge-istio edge full"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --parallelism) parallelism=$2; shift 2 ;;
    --bundles) bundles=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
mvn_cmd=(mvn -B -q ${MVN_OFFLINE--o})
cd "$root"
# The CLI finds the stand-ins (charms/standins) under JCHARM_HOME, as ./jcharm sets it.
export JCHARM_HOME="$root"
if [ -z "${SKIP_BUILD:-}" ]; then
  "${mvn_cmd[@]}" -pl lib/cli -am package -DskipTests >/dev/null 2>&1
  "${mvn_cmd[@]}" -pl charms/hello,charms/microk8s,charms/istio,charms/seldon-core -am package -DskipTests >/dev/null 2>&1 || true
  case " $bundles " in *" full "*)
    "${mvn_cmd[@]}" -pl charms/minio,charms/mlflow,charms/jupyter,charms/kfp,charms/standins/mysql-k8s,charms/standins/dex-auth,charms/standins/oidc-gatekeeper \
      -am package -DskipTests >/dev/null 2>&1 || true ;;
  esac
fi
# The CLI's JVM options as ./jcharm gives them (its CLI_JAVA_OPTS_DEFAULT; JCHARM_CLI_JAVA_OPTS replaces them).
cli_opts=${JCHARM_CLI_JAVA_OPTS-$(sed -n 's/^CLI_JAVA_OPTS_DEFAULT="\(.*\)"$/\1/p' "$root/jcharm")}
# CLI_JAR=<jar> runs another build of the CLI (a copy of an earlier one, for before/after in one session).
cli=${CLI_JAR:-$(ls "$root"/lib/cli/target/jcharm-cli-*.jar | grep -v -e -sources -e -tests | head -n 1)}
work=$(mktemp -d /tmp/jcharm-local-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

# The Istio part of the edge bundle alone (the edge bundle also needs Seldon Core).
mkdir -p "$work/edge-istio"
cat >"$work/edge-istio/bundle.yaml" <<YAML
bundle: kubernetes
name: edge
applications:
  istio:
    charm: $root/charms/istio
    scale: 1
    trust: true
    options:
      profile: edge
YAML

bundle_path() {
  case "$1" in
    hello) echo "$root/tests/src/test/resources/bundles/hello" ;;
    edge-machine) echo "$root/bundles/edge/machine.yaml" ;;
    edge-istio) echo "$work/edge-istio" ;;
    edge) echo "$root/bundles/edge" ;;
    full) echo "$root/bundles/full" ;;
    *) echo "$1" ;;
  esac
}

packed() { # every local charm the bundle file(s) name has a target/*.charm
  local b=$1 files dir rel
  if [ -d "$b" ]; then dir=$b; files=$(ls "$b"/machine.yaml "$b"/bundle.yaml 2>/dev/null); else dir=$(dirname "$b"); files=$b; fi
  for f in $files; do
    for rel in $(sed -n "s/^[[:space:]]*charm:[[:space:]]*\([./][^ #]*\).*/\1/p" "$f"); do
      ls "$(cd "$dir" && cd "$rel" && pwd)"/target/*.charm >/dev/null 2>&1 || return 1
    done
  done
}

# CPU seconds of everything the deploy started (the jcharm JVM, hooks, warm runtimes that outlive
# their dispatch): the command runs under a child subreaper (prctl PR_SET_CHILD_SUBREAPER) that
# reaps every descendant, so times() counts them all. Steadier than wall on a shared machine.
reaper='syscall(157, 36, 1, 0, 0, 0) == 0 or die "prctl: $!"; my $pid = fork(); if ($pid == 0) { exec @ARGV or die "exec: $!" }
my $rc = 0; while ((my $w = wait()) != -1) { $rc = $? if $w == $pid } my @t = times;
open(my $o, ">&=3") or die; printf $o "%.1f\n", $t[2] + $t[3]; exit($rc >> 8)'
# Samples the jcharm JVM (the process whose command line holds the given text, a descendant of the
# given pid) every 0.2 s until that pid is gone; prints its peak VmHWM (KiB) and CPU ticks.
sampler='my ($watch, $text) = @ARGV; my ($jvm, $hwm, $cpu) = (0, 0, 0);
sub alive { open(my $w, "<", "/proc/$watch/stat") or return 0; return (<$w> =~ /\) (\S)/)[0] ne "Z" }
while (alive()) {
  if (!$jvm) { for my $d (glob "/proc/[0-9]*") { open(my $c, "<", "$d/cmdline") or next; local $/; my $l = <$c> // "";
      $l =~ tr/\0/ /; if (index($l, $text) >= 0 && $d =~ m{(\d+)$} && $1 != $$) { $jvm = $1; last } } }
  if ($jvm && open(my $s, "<", "/proc/$jvm/status")) { while (<$s>) { $hwm = $1 if /^VmHWM:\s+(\d+)/ && $1 > $hwm } }
  if ($jvm && open(my $t, "<", "/proc/$jvm/stat")) { my @f = split / /, (<$t> =~ s/^.*\) //r); my $c = $f[11] + $f[12]; $cpu = $c if $c > $cpu }
  select(undef, undef, undef, 0.2) }
print "$hwm $cpu\n"'
# Where the hooks' time went, from the model's hook-timings.log (lib/local HookTimings): sums over
# all hooks of preparing (Kubernetes objects, hosts file), running (dispatch to exit), the
# controller's share of hook-tool calls and of Kubernetes API requests, and saving the model after
# each hook; then the slowest hooks.
breakdown() {
  awk -F'\t' -v name="$1" -v par="$2" -v run="$3" '
    /^#/ {next}
    { n++; warm += $8; prep += $5; runms += $6; tools += $9; toolms += $10; kube += $11; kubems += $12; save += $13
      if (first == "" || $4 < first) first = $4; if ($4 + $5 + $6 > last) last = $4 + $5 + $6
      line[n] = sprintf("%s %s %.1f s%s", $2, $3, $6 / 1000, $8 ? "" : " cold"); ms[n] = $6 }
    END {
      printf "%s par %s run %d: %d hooks (%d warm) over %.1f s; summed: prepare %.1f s, run %.1f s (hook tools %d calls %.1f s, API %d requests %.1f s), save %.1f s; slowest:",
        name, par, run, n, warm, (last - first) / 1000, prep / 1000, runms / 1000, tools, toolms / 1000, kube, kubems / 1000, save / 1000
      for (k = 0; k < 5 && k < n; k++) { best = 0; for (i = 1; i <= n; i++) if (!(i in used) && (best == 0 || ms[i] > ms[best])) best = i; used[best] = 1; printf "%s %s", (k ? "," : ""), line[best] }
      printf "\n" }' "$4"
}

printf '%-13s %4s %4s %9s %9s %6s %6s %9s %14s %12s\n' bundle par run "wall s" "settle s" hooks "cpu s" "model cpu" "model JVM MiB" "max proc MiB"
for name in $bundles; do
  b=$(bundle_path "$name")
  if ! packed "$b"; then
    printf '%-13s skipped: not every charm it names is packed\n' "$name"
    continue
  fi
  for p in $parallelism; do
    for r in $(seq 1 "$runs"); do
      model="$work/model-$name-$p-$r"
      run_dir="$root/build/bench/run-$name-$p-$r"
      rm -rf "$run_dir"
      mkdir -p "$run_dir"
      start=$(date +%s.%N)
      # As a user runs it (./jcharm: its JVM options and class-data archive), unless CLI_JAR is given.
      if [ -n "${CLI_JAR:-}" ]; then launch=(java $cli_opts -jar "$cli"); else launch=("$root/jcharm"); fi
      ( cd "$run_dir" && JCHARM_MODEL_DIR="$model" JCHARM_PARALLELISM="$p" \
          perl -e "$reaper" /usr/bin/time -f '%M' -o "$run_dir/maxrss" "${launch[@]}" deploy "$b" \
            >"$run_dir/out.log" 2>&1 3>"$run_dir/cpu" ) &
      pid=$!
      # The jcharm JVM's own peak (VmHWM) and CPU time (utime + stime), sampled until it exits, by
      # one perl process that finds the JVM once and then reads only its /proc files: a shell loop
      # of pgrep, awk and sleep started ~25 processes a second, 16 % of the machine's CPU during a
      # full deploy (perf, by command name), slowing the very thing it measured.
      read -r hwm own < <(perl -e "$sampler" "$pid" "-jar $cli deploy $b")
      wait "$pid" || { echo "deploy of $name failed; see $run_dir/out.log" >&2; KEEP=1; continue; }
      end=$(date +%s.%N)
      # An edge bundle settles twice (machine part, then Kubernetes part): add them up.
      settle=$(awk '/^settled after/ {s += $(NF-1)} END {printf "%.1f", s}' "$run_dir/out.log")
      hooks=$(awk '/^settled after/ {h += $3} END {print h + 0}' "$run_dir/out.log")
      printf '%-13s %4s %4s %9.1f %9s %6s %6s %9.1f %14d %12d\n' "$name" "$p" "$r" "$(echo "$end - $start" | bc)" "${settle:-?}" "${hooks:-?}" "$(cat "$run_dir/cpu")" \
        "$(echo "scale=1; $own / $(getconf CLK_TCK)" | bc)" \
        $((hwm / 1024)) $(($(cat "$run_dir/maxrss") / 1024))
      [ -f "$model/hook-timings.log" ] && breakdown "$name" "$p" "$r" "$model/hook-timings.log" >>"$work/breakdown"
    done
  done
done
if [ -f "$work/breakdown" ]; then
  echo
  cat "$work/breakdown"
fi
