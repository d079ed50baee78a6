#!/bin/sh
# A fake `juju` (3.6) for the driver tests. It records every argv in $FAKE_JUJU_DIR/argv.log and,
# for the commands that act on a model, "<command> @<controller:owner/model>" in models.log: the
# model given with -m, else the current one, as juju resolves it.
#
# What it imitates, from juju/juju branch 3.6 (read for facts only):
# - cmd/juju/controller/addmodel.go: add-model makes the new model the current one unless
#   --no-switch; an existing model fails with `model "<name>" for admin already exists`
#   (state/model.go, errors.AlreadyExistsf).
# - cmd/juju/commands/switch.go: `juju switch` prints <controller>:<owner>/<model>, only the
#   controller when no model is current, and fails with "no currently specified model".
# - cmd/juju/action/run.go and common.go: `juju run --format=json` prints the task map on stdout
#   ({unit: {id, status, message, results{return-code...}, unit}}); a task whose return code is
#   not 0 makes it exit 1 with "the following task failed" on stderr; progress goes to stderr; a
#   task not done within --wait (default 60 s) fails with "timed out waiting for results from".
# - cmd/juju/caas/add.go and update.go: add-k8s --client refuses a known local cloud
#   ("use `update-k8s <name> --client` to override known local definition"), --controller
#   annotates the controller's refusal with "could not upload k8s cloud to a controller".
# - cmd/juju/application/deployer/bundlehandler.go: deploy of a bundle prints "Executing
#   changes:" (or "Changes to deploy bundle:" with --dry-run) on stdout, "Deploy of bundle
#   completed." on stderr.
# - The strictly confined snap (home interface): when this script is reached through a
#   symlink to an executable named `snap`, as /snap/bin/juju is, it reads only non-hidden paths
#   under $HOME and its own $HOME/snap/juju/common.
#
# Switches the tests set: files in $FAKE_JUJU_DIR named <command>-fails (stderr to print, exit 1),
# status-N.json or status-<model>-N.json (served in turn, the last repeats), run.json, run-fails, cloud-<name>-client and
# cloud-<name>-ctrl (the clouds juju knows: their endpoint), current (the current model),
# no-model (switch prints the controller only), switch-fails.
D="$FAKE_JUJU_DIR"
echo "$*" >> "$D/argv.log"
cmd="$1"
shift

current() {
  if [ -f "$D/current" ]; then cat "$D/current"; else echo "ctrl:admin/default"; fi
}

# ctrl:admin/name from what -m may say: name, ctrl:name, admin/name, ctrl:admin/name.
qualify() {
  case "$1" in
    *:*/*) echo "$1" ;;
    *:*) echo "${1%%:*}:admin/${1#*:}" ;;
    */*) echo "ctrl:$1" ;;
    *) echo "ctrl:admin/$1" ;;
  esac
}

confined() {
  [ -L "$0" ] && [ "$(basename "$(readlink -f "$0")")" = "snap" ]
}

# Fails as the confined snap does when it may not read a path.
readable() {
  if confined; then
    case "$(realpath -m "$1")" in
      "$HOME"/.*) echo "ERROR open $1: permission denied" >&2; exit 1 ;;
      "$HOME"/*) ;;
      *) echo "ERROR open $1: permission denied" >&2; exit 1 ;;
    esac
  fi
  if [ ! -r "$1" ]; then echo "ERROR open $1: no such file or directory" >&2; exit 1; fi
}

fails() {
  if [ -f "$D/$1-fails" ]; then cat "$D/$1-fails" >&2; exit 1; fi
}

model=""
path=""
controller=""
noswitch=""
wait=""
dry=""
format=""
client=""
pos=""
while [ $# -gt 0 ]; do
  case "$1" in
    -m|--model) model="$2"; shift 2 ;;
    -c|--controller) controller="$2"; shift 2 ;;
    --no-switch) noswitch=1; shift ;;
    --wait=*) wait="${1#--wait=}"; shift ;;
    --wait) wait="$2"; shift 2 ;;
    --dry-run) dry=1; shift ;;
    --format=*) format="${1#--format=}"; shift ;;
    --client) client=1; shift ;;
    --path) path="$2"; shift 2 ;;
    --resource) shift 2 ;;
    --trust) shift ;;
    *) pos="$pos $1"; shift ;;
  esac
done
set -- $pos
if [ -n "$model" ]; then target=$(qualify "$model"); else target=$(current); fi

case "$cmd" in
  status|deploy|run|integrate|refresh|show-model)
    echo "$cmd @$target" >> "$D/models.log" ;;
esac

case "$cmd" in
  switch)
    fails switch
    if [ -f "$D/no-model" ]; then current | sed 's/:.*//'; else current; fi
    ;;
  status)
    # status-<model>-N.json for that model's polls when the test gave any, else status-N.json.
    key="${target#*/}-"
    if [ ! -f "$D/status-${key}1.json" ]; then key=""; fi
    n=$(cat "$D/count-$key" 2>/dev/null || echo 0)
    n=$((n + 1))
    echo "$n" > "$D/count-$key"
    i=$n
    while [ "$i" -gt 0 ] && [ ! -f "$D/status-$key$i.json" ]; do i=$((i - 1)); done
    cat "$D/status-$key$i.json"
    ;;
  deploy)
    readable "$1"
    # juju reads each local charm the bundle names, relative to the bundle's directory.
    for c in $(sed -n "s/^ *charm: *[\"']*\(\.[^\"' ]*\).*$/\1/p" "$1"); do readable "$(dirname "$1")/$c"; done
    fails deploy
    echo "Located local charm" >&2
    if [ -n "$dry" ]; then
      echo "Changes to deploy bundle:"
      echo "- upload charm from $1"
    else
      echo "Executing changes:"
      echo "- upload charm from $1"
      echo "Deploy of bundle completed." >&2
    fi
    ;;
  run)
    echo "Running operation 1 with 1 task" >&2
    echo "  - task 2 on unit-$(echo "$1" | tr / -)" >&2
    echo "" >&2
    echo "Waiting for task 2..." >&2
    if [ -f "$D/run-times-out" ]; then
      echo "ERROR timed out waiting for results from: unit $1" >&2
      exit 1
    fi
    cat "$D/run.json"
    if [ -f "$D/run-fails" ]; then
      printf 'ERROR the following task failed:\n - id "2" with return code 1\n\nuse %s to inspect the failure\n' "'juju show-task'" >&2
      exit 1
    fi
    ;;
  add-model)
    fails add-model
    q=$(qualify "${controller:-ctrl}:$1")
    if grep -qx "$q" "$D/models" 2>/dev/null; then
      echo "ERROR model \"$1\" for admin already exists" >&2
      exit 1
    fi
    echo "$q" >> "$D/models"
    echo "Added '$1' model on $2/default with credential '$2' for user 'admin'" >&2
    if [ -z "$noswitch" ]; then echo "$q" > "$D/current"; fi
    ;;
  show-model)
    if [ -n "$1" ]; then target=$(qualify "$1"); fi
    if grep -qx "$target" "$D/models" 2>/dev/null; then
      echo "{\"${target#*/}\":{\"name\":\"${target#*:}\",\"type\":\"caas\"}}"
    else
      echo "ERROR model ${target} not found" >&2
      exit 1
    fi
    ;;
  add-k8s)
    readable "$KUBECONFIG"
    # A cloud as juju keeps it: the endpoint, then the CA certificate (PEM).
    { sed -n 's/^ *server: *//p' "$KUBECONFIG" | head -n 1
      sed -n 's/^ *certificate-authority-data: *//p' "$KUBECONFIG" | head -n 1 | base64 -d 2>/dev/null; } > "$D/cloud.new"
    if [ -n "$client" ]; then
      if [ -f "$D/cloud-$1-client" ]; then
        echo "ERROR use \`update-k8s $1 --client\` to override known local definition: k8s \"$1\" already exists" >&2
        exit 1
      fi
      cp "$D/cloud.new" "$D/cloud-$1-client"
      echo "k8s substrate added as cloud \"$1\"."
    fi
    if [ -n "$controller" ]; then
      if [ -f "$D/cloud-$1-ctrl" ]; then
        echo "ERROR could not upload k8s cloud to a controller: cloud \"$1\" already exists" >&2
        exit 1
      fi
      fails add-k8s-controller
      cp "$D/cloud.new" "$D/cloud-$1-ctrl"
      echo "k8s substrate added as cloud \"$1\" on controller $controller."
    fi
    ;;
  show-cloud)
    if [ -n "$client" ]; then f="$D/cloud-$1-client"; else f="$D/cloud-$1-ctrl"; fi
    if [ ! -f "$f" ]; then echo "ERROR cloud $1 not found" >&2; exit 1; fi
    ca=$(tail -n +2 "$f" | awk '{printf "%s\\n", $0}')
    printf '[{"name":"%s","summary":"Client cloud \\"%s\\"","defined":"local","type":"k8s","auth-types":["certificate","clientcertificate","oauth2","userpass"],"endpoint":"%s","regions":{"default":{}},"ca-credentials":["%s"]}]\n' \
      "$1" "$1" "$(head -n 1 "$f")" "$ca"
    ;;
  remove-k8s)
    rm -f "$D/cloud-$1-client"
    echo "Removed details of k8s cloud \"$1\" from this client" >&2
    ;;
  update-k8s)
    if [ ! -f "$D/cloud-$1-client" ]; then echo "ERROR cloud $1 not found" >&2; exit 1; fi
    cp "$D/cloud-$1-client" "$D/cloud-$1-ctrl"
    echo "k8s cloud \"$1\" updated on controller \"$controller\"." >&2
    ;;
  update-credential)
    echo "Credential valid for:" >&2
    ;;
  refresh)
    readable "$path"
    fails refresh
    echo "Added local charm \"$1\", revision 2, to the model" >&2
    ;;
  integrate)
    fails integrate
    ;;
esac
exit 0
