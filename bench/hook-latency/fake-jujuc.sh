#!/bin/sh
# Canned hook-tool answers for bench/hook-latency (lib.sh) only: it times dispatch and the JVM, so
# the tools must cost next to nothing. Not a controller: the rules and Juju's texts live in
# lib/controller (pack's training runs answer through it). Records each call, answers as for a
# leader unit with default config and one remote unit per endpoint. @MODEL_UUID@ is filled in.
d="$JCHARM_FAKE_TOOLS"
t=${0##*/}
{ printf '%s' "$t"; for a in "$@"; do printf '\t%s' "$a"; done; printf '\n'; } >> "$d/calls.log"
s="$d/secrets"
esc() { awk 'BEGIN { ORS = "" } { gsub(/\\/, "&&"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r"); if (NR > 1) print "\\n"; print }'; }
case "$t" in
  relation-set|state-set) cat > /dev/null ;;
  config-get) cat "$d/config.json" ;;
  is-leader) echo true ;;
  relation-ids)
    for a in "$@"; do case "$a" in -*) ;; *) ep=$a ;; esac; done
    if grep -qx "$ep" "$d/related" 2>/dev/null; then echo "[\"$ep:7\"]"; else echo '[]'; fi ;;
  relation-list) case " $* " in *" --app "*) echo '"remote"' ;; *) echo '["remote/0"]' ;; esac ;;
  relation-get) case " $* " in *" remote"*) cat "$d/remote.json" ;; *) echo '{}' ;; esac ;;
  relation-model-get) echo '{"uuid": "@MODEL_UUID@"}' ;;
  status-get) echo '{"message": "", "status": "unknown", "status-data": {}}' ;;
  opened-ports|storage-list) echo '[]' ;;
  state-get|action-get|storage-get) echo '{}' ;;
  goal-state) echo '{"units": {}, "relations": {}}' ;;
  network-get) echo '{"bind-addresses": [], "egress-subnets": ["10.1.2.3/32"], "ingress-addresses": ["10.1.2.3"]}' ;;
  secret-ids) printf '['; sep=''; for f in "$s"/*.json; do [ -f "$f" ] || continue; n=${f##*/}; printf '%s"secret:%s"' "$sep" "${n%.json}"; sep=', '; done; echo ']' ;;
  secret-add|secret-set)
    mkdir -p "$s"
    if [ "$t" = secret-add ]; then
      id=secret:cfakesecret$(printf '%09d' $(( $(ls "$s" | grep -c '\.json$') + 1 )))
    fi
    label='' json='' sep=''
    while [ $# -gt 0 ]; do
      case "$1" in
        --label) label=$2; shift ;;
        --label=*) label=${1#--label=} ;;
        --owner|--description|--expire|--rotate) shift ;;
        -*) ;;
        *'#file='*) json="$json$sep\"${1%%#file=*}\": \"$(esc < "${1#*#file=}")$( [ -s "${1#*#file=}" ] && [ -z "$(tail -c1 "${1#*#file=}")" ] && printf '\\n')\""; sep=', ' ;;
        *=*) json="$json$sep\"${1%%=*}\": \"$(printf '%s' "${1#*=}" | esc)\""; sep=', ' ;;
        *) id=$1 ;;
      esac
      shift
    done
    [ -n "$json" ] && printf '{%s}\n' "$json" > "$s/${id#secret:}.json"
    [ -n "$label" ] && printf '%s' "$id" > "$s/label.$label"
    [ "$t" = secret-add ] && echo "$id" ;;
  secret-get|secret-info-get)
    id='' label=''
    while [ $# -gt 0 ]; do
      case "$1" in --label) label=$2; shift ;; --label=*) label=${1#--label=} ;; -*) ;; *) id=$1 ;; esac
      shift
    done
    [ -z "$id" ] && [ -n "$label" ] && [ -f "$s/label.$label" ] && id=$(cat "$s/label.$label")
    if [ -z "$id" ] || [ ! -f "$s/${id#secret:}.json" ]; then echo "ERROR secret \"${id:-$label}\" not found" >&2; exit 1; fi
    if [ "$t" = secret-get ]; then cat "$s/${id#secret:}.json"
    else printf '{"%s": {"revision": 1, "label": "%s", "owner": "application", "rotation": "never"}}\n' "${id#secret:}" "$label"; fi ;;
  credential-get) echo "ERROR not supported on this model" >&2; exit 1 ;;
  resource-get) echo "ERROR resource not available" >&2; exit 1 ;;
esac
exit 0
