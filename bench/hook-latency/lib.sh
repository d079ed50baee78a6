# shellcheck shell=bash
# Shared by run.sh, options.sh, warm.sh and first.sh: unpack a .charm as Juju does, fake hook
# tools that answer like Juju, a measured hook run, and the unit's warm runtime.

# The repository root: the fake hook tools are lib/pack's own script.
JCHARM_ROOT=${JCHARM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# packed_charms: every charms/*/target/*.charm of the repository, one a line; none is an error.
packed_charms() {
  local -a found
  shopt -s nullglob
  found=("$JCHARM_ROOT"/charms/*/target/*.charm)
  shopt -u nullglob
  [ ${#found[@]} -gt 0 ] || { echo "no charms/*/target/*.charm: run 'mvn -B package' first" >&2; exit 1; }
  printf '%s\n' "${found[@]}"
}

# unpack CHARM DIR: unzip keeping modes (Juju honours the Unix modes in the zip) but not file
# times (Juju's extractor does not set them, so every file gets "now").
unpack() {
  local charm=$1 dir=$2
  mkdir -p "$dir"
  unzip -q -o "$charm" -d "$dir"
  find "$dir" -type f -exec touch {} +
}

# config_defaults CONFIG_YAML: the JSON config-get prints for options at their defaults. Reads
# the config.yaml jcharm pack writes (two-space options, four-space single-line keys).
config_defaults() {
  [ -f "$1" ] || { echo '{}'; return; }
  awk '
    /^  [^ ].*:[ ]*$/ { opt=$1; sub(/:$/, "", opt); next }
    /^    default: / { v=$0; sub(/^    default: /, "", v); if (v != "null") { out = out sep "\"" opt "\": " v; sep=", " } }
    END { print "{" out "}" }
  ' "$1"
}

# first_endpoint METADATA_YAML: the first requires, else provides, else peers endpoint.
first_endpoint() {
  local role ep
  for role in requires provides peers; do
    ep=$(awk -v r="$role:" '$0 == r { on=1; next } /^[^ ]/ { on=0 } on && /^  [^ ]/ { sub(/^  /, ""); sub(/:.*/, ""); print; exit }' "$1")
    if [ -n "$ep" ]; then echo "$ep"; return; fi
  done
}

# fake_tools DIR CHARM_DIR: a fake jujuc (one script, a symlink per tool) that logs each call
# to DIR/calls.log and answers as Juju would for a leader unit with default config and one
# remote unit on every endpoint.
fake_tools() {
  local dir=$1 charm=$2 tool
  mkdir -p "$dir"
  config_defaults "$charm/config.yaml" > "$dir/config.json"
  echo '{"greeting": "Hello from remote", "hostname": "remote-0.example", "port": "8080", "ingress-address": "10.1.2.4"}' > "$dir/remote.json"
  # every endpoint of the charm has a relation (id 7) with remote/0
  awk '/^(requires|provides|peers):/ { on=1; next } /^[^ ]/ { on=0 } on && /^  [^ ]/ { sub(/^  /, ""); sub(/:.*/, ""); print }' \
    "$charm/metadata.yaml" > "$dir/related"
  rm -rf "$dir/secrets"
  sed 's/@MODEL_UUID@/9f0c7a52-6f3e-4c0e-8d7a-2a4f1e0b5c11/' \
    "$JCHARM_ROOT/bench/hook-latency/fake-jujuc.sh" > "$dir/fake-jujuc"
  chmod 0755 "$dir/fake-jujuc"
  for tool in relation-ids relation-list relation-get relation-set relation-model-get config-get is-leader \
      status-get status-set application-version-set juju-log resource-get storage-get storage-list storage-add \
      action-get action-set action-log action-fail open-port close-port opened-ports state-get state-set \
      state-delete secret-add secret-get secret-info-get secret-set secret-grant secret-revoke secret-remove \
      secret-ids credential-get goal-state network-get juju-reboot; do
    ln -sf fake-jujuc "$dir/$tool"
  done
}

# hook_env TOOLS CHARM_DIR APP HOOK: prints the env(1) arguments Juju would give HOOK.
hook_env() {
  local tools=$1 charm=$2 app=$3 hook=$4 ep
  printf '%s\n' "PATH=$tools:/usr/local/bin:/usr/bin:/bin" "HOME=$tools" "LANG=C.UTF-8" \
    "JCHARM_FAKE_TOOLS=$tools" "JUJU_CHARM_DIR=$charm" "JUJU_CONTEXT_ID=$app/0-$hook-1" \
    "JUJU_DISPATCH_PATH=hooks/$hook" "JUJU_HOOK_NAME=$hook" "JUJU_MODEL_NAME=bench" \
    "JUJU_MODEL_UUID=9f0c7a52-6f3e-4c0e-8d7a-2a4f1e0b5c11" "JUJU_UNIT_NAME=$app/0" "JUJU_VERSION=3.6.8" \
    "JUJU_MACHINE_ID=0"
  case "$hook" in
    *-relation-*)
      ep=${hook%%-relation-*}
      printf '%s\n' "JUJU_RELATION=$ep" "JUJU_RELATION_ID=$ep:7" "JUJU_REMOTE_APP=remote" "JUJU_REMOTE_UNIT=remote/0" ;;
  esac
}

# run_hook TOOLS CHARM_DIR APP HOOK [extra env...]: runs dispatch as Juju would, from the charm
# dir, with exactly the hook environment; prints "wall user+sys maxrss_kib exit". The hook runs
# cold (JCHARM_WARM=0) unless the extra environment says JCHARM_WARM=1 (warm.sh).
run_hook() {
  local tools=$1 charm=$2 app=$3 hook=$4; shift 4
  local -a env
  mapfile -t env < <(hook_env "$tools" "$charm" "$app" "$hook")
  env+=("JCHARM_WARM=0" "$@")
  if [ -x /usr/bin/time ]; then
    local rc
    (cd "$charm" && /usr/bin/time -o "$tools/time.out" -f '%e %U %S %M' env -i "${env[@]}" "$charm/dispatch" \
      >/dev/null 2>"$tools/hook.err")
    rc=$?
    awk -v rc="$rc" 'END { printf "%s %.2f %s %s\n", $1, $2 + $3, $4, rc }' "$tools/time.out"
  else
    # No GNU time: wall and CPU from bash's times, peak RSS by polling /proc (coarser).
    local start end peak=0 pid rss child
    start=$(date +%s.%N)
    (cd "$charm" && exec env -i "${env[@]}" "$charm/dispatch" >/dev/null 2>"$tools/hook.err") &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      for child in $pid $(pgrep -P "$pid"); do
        rss=$(awk '/^VmHWM/ { print $2 }' "/proc/$child/status" 2>/dev/null)
        [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
      done
      sleep 0.005
    done
    wait "$pid"; local rc=$?
    end=$(date +%s.%N)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') n/a $peak $rc"
  fi
}

# stats: reads one number per line, prints "median min max".
stats() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a n/a n/a"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f %.3f\n", m, v[1], v[NR] }'
}

# runtime_pid CHARM_DIR: the live warm runtime's pid, or nothing.
runtime_pid() {
  local f="$1/.jcharm-warm/runtime" port token pid rest
  [ -f "$f" ] || return 0
  read -r port token pid rest < "$f" || return 0
  kill -0 "$pid" 2>/dev/null && echo "$pid"
  return 0
}

# stop_runtime CHARM_DIR: ends the runtime (and one still starting), so that the next hook finds none.
stop_runtime() {
  local pid sp p
  pid=$(runtime_pid "$1")
  sp=$(cat "$1/.jcharm-warm/spawned" 2>/dev/null || true)
  for p in $pid $sp; do
    if grep -q WarmRuntime "/proc/$p/cmdline" 2>/dev/null; then
      kill "$p" 2>/dev/null || true
      while kill -0 "$p" 2>/dev/null; do sleep 0.05; done
    fi
  done
  rm -rf "$1/.jcharm-warm"
}

JCHARM_CLK_TCK=$(getconf CLK_TCK)

# proc_cpu PID: user+sys seconds the process used so far (0 when it is gone).
proc_cpu() {
  awk -v t="$JCHARM_CLK_TCK" '{ printf "%.3f", ($14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || echo 0
}
