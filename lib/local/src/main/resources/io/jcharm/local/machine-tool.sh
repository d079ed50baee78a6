#!/bin/sh
# A simulated system tool of the jcharm local model's machine sandbox (snap, microk8s, sysctl,
# systemctl, hostname, ...). Nothing is installed or changed on this machine: each call is
# appended to ../calls.log and answered plausibly from the small state in ../state, so that a
# machine charm's command flow can be rehearsed.
t=$(basename "$0")
box=$(cd "$(dirname "$0")/.." && pwd)
d="$box/state"
mkdir -p "$d/addons"
echo "$t $*" >> "$box/calls.log"
# A test can make the next call of "<tool> <sub>" fail: state/rc.<tool>.<sub> holds the exit code.
if [ -f "$d/rc.$t.${1:-}" ]; then
  cat "$d/err.$t.${1:-}" >&2 2>/dev/null
  rc=$(cat "$d/rc.$t.${1:-}")
  rm -f "$d/rc.$t.${1:-}" "$d/err.$t.${1:-}"
  exit "$rc"
fi
known="cert-manager dns ha-cluster helm helm3 hostpath-storage ingress metallb metrics-server observability rbac registry storage"
case "$t" in
  hostname) cat "$d/hostname" 2>/dev/null || echo "jcharm-local" ;;
  snap)
    case "${1:-}" in
      list)
        if [ ! -f "$d/channel" ]; then echo "error: no matching snaps installed" >&2; exit 1; fi
        echo "Name      Version  Rev   Tracking     Publisher   Notes"
        echo "microk8s  $(cat "$d/version")  7964  $(cat "$d/channel")  canonical**  classic" ;;
      install|refresh)
        ch=latest/stable
        prev=
        for a in "$@"; do
          case "$a" in --channel=*) ch="${a#--channel=}" ;; esac
          [ "$prev" = --channel ] && ch="$a"
          prev="$a"
        done
        echo "$ch" > "$d/channel"
        case "$ch" in [0-9]*) echo "v${ch%%/*}.0" > "$d/version" ;; *) echo "v1.33.0" > "$d/version" ;; esac
        [ "$1" = install ] && echo on > "$d/addons/ha-cluster"
        # The real snap's install hook creates the API server's CSR template; the microk8s charm adds extra-sans to it.
        csr="$box/root/var/snap/microk8s/current/certs/csr.conf.template"
        if [ "$1" = install ] && [ ! -f "$csr" ]; then
          mkdir -p "$(dirname "$csr")"
          printf '[ req_ext ]\nsubjectAltName = @alt_names\n\n[ alt_names ]\nDNS.1 = kubernetes\nIP.1 = 127.0.0.1\n#MOREIPS\n' > "$csr"
        fi
        echo "microk8s ($ch) $(cat "$d/version") from Canonical** installed (simulated by the jcharm local model)" ;;
      remove) rm -f "$d/channel" ;;
    esac ;;
  microk8s)
    case "${1:-}" in
      status)
        case " $* " in *" --wait-ready "*) exit 0 ;; esac
        echo "microk8s:"
        echo "  running: True"
        echo "high-availability:"
        echo "  enabled: False"
        echo "addons:"
        for a in $known; do
          s=disabled
          [ -f "$d/addons/$a" ] && s=enabled
          printf '  - name: %s\n    repository: core\n    description: the %s addon (simulated)\n    version: 1.0.0\n    status: %s\n' "$a" "$a" "$s"
        done ;;
      enable)
        n="${2%%:*}"
        n="${n#*/}"
        case " $known " in *" $n "*) ;; *) echo "Addon $n was not found in any repository" >&2; exit 1 ;; esac
        echo "${2:-}" > "$d/addons/$n"
        echo "Addon $n is enabled (simulated)" ;;
      disable) rm -f "$d/addons/${2#*/}" ;;
      config)
        printf 'apiVersion: v1\nclusters:\n- cluster:\n    server: https://127.0.0.1:16443\n  name: microk8s-cluster\ncontexts:\n- context:\n    cluster: microk8s-cluster\n    user: admin\n  name: microk8s\ncurrent-context: microk8s\nkind: Config\nusers:\n- name: admin\n  user:\n    token: simulated-token\n' ;;
      add-node)
        tok="$(date +%s)0000000000000000000000"
        case " $* " in
          *" --format token "*) echo "$tok" ;;
          *) echo "microk8s join 127.0.0.1:25000/$tok/simulated" ;;
        esac ;;
      kubectl)
        case " $* " in
          *" get node "*) printf '%s   Ready   <none>   1d   v1.32.3\n' "${4:-jcharm-local}" ;;
        esac ;;
    esac ;;
esac
exit 0
