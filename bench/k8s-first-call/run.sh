#!/usr/bin/env bash
# Cost of the first Kubernetes call in a fresh JVM: client creation, TLS, one list, and a
# ten-object apply (then the same apply again), against fabric8's mock API server over
# verified HTTPS, with lib/kubernetes on its runtime class path only (no test jars).
#
#   bench/k8s-first-call/run.sh [--runs N]
#
# Environment: JAVA (default: java on PATH) picks the JVM that is measured; MVN_OFFLINE=""
# lets Maven download. Variants, run round-robin so machine load hits each alike: plain,
# C1 only (-XX:TieredStopAtLevel=1), and a startup archive trained by one run (an AOT cache
# on JDK 25+, a dynamic AppCDS archive before).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=10
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
JAVA=${JAVA:-java}
java_bin=$(readlink -f "$(command -v "$JAVA")")
JAVAC=${JAVAC:-$(dirname "$java_bin")/javac}
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
mvn_cmd=(mvn -B -q ${MVN_OFFLINE--o})

work=$(mktemp -d /tmp/jcharm-k8s-bench.XXXXXX)
cleanup() {
  exec 3>&- 2>/dev/null || true   # closing the server's stdin stops it
  [ -n "${server_pid:-}" ] && wait "$server_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
"${mvn_cmd[@]}" -pl lib/kubernetes -am package dependency:build-classpath -DskipTests -DincludeScope=runtime \
  -Dmdep.outputFile="$work/runtime.cp" >/dev/null
"${mvn_cmd[@]}" -pl lib/kubernetes -am package dependency:build-classpath -DskipTests -DincludeScope=test \
  -Dmdep.outputFile="$work/test.cp" >/dev/null
kube_jar=$(ls "$root"/lib/kubernetes/target/jcharm-kubernetes-*.jar | head -1)
runtime_cp="$kube_jar:$(cat "$work/runtime.cp")"
test_cp="$kube_jar:$(cat "$work/test.cp")"
if grep -qE 'vertx|netty' <<<"$runtime_cp"; then
  echo "vert.x or netty on lib/kubernetes' runtime class path: one HTTP stack (OkHttp) is the rule" >&2; exit 1
fi
"$JAVAC" -nowarn --release 17 -d "$work/classes" -cp "$test_cp" "$here/MockApiServer.java" "$here/FirstCall.java"
# A jar, not a directory: class-data archives refuse non-empty directories on the class path.
"$(dirname "$JAVAC")/jar" cf "$work/bench.jar" -C "$work/classes" .

mkfifo "$work/server.stdin"
"$JAVA" -cp "$work/bench.jar:$test_cp" MockApiServer "$work" < "$work/server.stdin" > "$work/server.log" 2>&1 &
server_pid=$!
exec 3> "$work/server.stdin"
for _ in $(seq 120); do [ -f "$work/kubeconfig" ] && break; sleep 0.5; done
[ -f "$work/kubeconfig" ] || { echo "the mock API server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

if [ "$feature" -ge 25 ]; then
  train=(-XX:AOTCacheOutput="$work/app.aot"); use=(-XX:AOTCache="$work/app.aot"); archive="AOT cache"
else
  train=(-XX:ArchiveClassesAtExit="$work/app.jsa"); use=(-XX:SharedArchiveFile="$work/app.jsa"); archive="AppCDS archive"
fi
"$JAVA" -Dslf4j.internal.verbosity=ERROR "${train[@]}" -cp "$work/bench.jar:$runtime_cp" FirstCall "$work/kubeconfig" train > "$work/train.log" 2>&1 \
  || { echo "training run failed:" >&2; cat "$work/train.log" >&2; exit 1; }

variants=("plain|" "C1 only|-XX:TieredStopAtLevel=1" "$archive|${use[*]}" "$archive + C1|${use[*]} -XX:TieredStopAtLevel=1")
# fabric8 logs through SLF4J, which has no provider here and says so in 3 lines on stderr on
# every run unless told to keep quiet (jcharm's dispatch is expected to pass the same flag).
quiet=-Dslf4j.internal.verbosity=ERROR
for i in $(seq "$runs"); do
  n=0
  for v in "${variants[@]}"; do
    n=$((n + 1)) label=${v%%|*} opts=${v#*|}
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    "$JAVA" $quiet $opts -cp "$work/bench.jar:$runtime_cp" FirstCall "$work/kubeconfig" "r$i-v$n" > "$work/out" 2>&1
    t1=$(date +%s%N)
    # Anything else the JVM printed (an archive warning, say) is kept for the report, not parsed.
    grep -v '^RESULT ' "$work/out" | sed "s/^/[$label] /" >> "$work/jvm-output" || true
    echo "$label|$(sed -n 's/^RESULT //p' "$work/out") wall=$(( (t1 - t0) / 1000000 ))" >> "$work/results"
  done
done

echo "# first Kubernetes call: $runs runs per variant, JDK $feature ($java_bin), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# medians in ms; wall = the whole java process (median [min-max]); jvm = wall minus main (start-up and exit);"
echo "# classes = loaded before the client is built / at the end"
awk -F'|' '
  {
    v = $1; if (!(v in seen)) { seen[v] = 1; order[++nv] = v }
    n = split($2, kv, " ")
    for (i = 1; i <= n; i++) { split(kv[i], p, "="); vals[v, p[1], ++cnt[v, p[1]]] = p[2] }
    k = "jvm"; vals[v, k, ++cnt[v, k]] = vals[v, "wall", cnt[v, "wall"]] - vals[v, "main", cnt[v, "main"]]
  }
  function med(v, k,   c, i, j, t, a) {
    c = cnt[v, k]; for (i = 1; i <= c; i++) a[i] = vals[v, k, i] + 0
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    lo = a[1]; hi = a[c]
    return (c % 2) ? a[(c + 1) / 2] : int((a[c / 2] + a[c / 2 + 1]) / 2)
  }
  END {
    printf "| %-20s | %5s | %5s | %6s | %10s | %11s | %12s | %13s | %-16s | %-9s |\n", "variant", "jvm", "setup", "client",
      "first list", "second list", "apply 10 new", "apply 10 same", "wall", "classes"
    print "|----------------------|-------|-------|--------|------------|-------------|--------------|---------------|------------------|-----------|"
    for (i = 1; i <= nv; i++) {
      v = order[i]
      w = med(v, "wall"); wl = lo; wh = hi
      printf "| %-20s | %5d | %5d | %6d | %10d | %11d | %12d | %13d | %-16s | %-9s |\n", v, med(v, "jvm"), med(v, "setup"),
        med(v, "client"), med(v, "first_list"), med(v, "second_list"), med(v, "apply10_create"), med(v, "apply10_noop"),
        w " [" wl "-" wh "]", med(v, "classes_before_client") "/" med(v, "classes")
    }
  }' "$work/results"
if [ -s "$work/jvm-output" ]; then
  echo "# other JVM output ($(wc -l < "$work/jvm-output") lines), first 5:"
  head -5 "$work/jvm-output" | sed 's/^/#   /'
fi
