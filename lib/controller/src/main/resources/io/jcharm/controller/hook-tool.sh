#!/usr/bin/env bash
# Hook-tool client of the jcharm controller (the local model, pack training runs). Every hook tool (relation-get, status-set, ...) is
# a symlink to this script: it sends its name, its arguments, its working directory and, for
# "--file -", its stdin to the jcharm controller over loopback (JUJU_AGENT_SOCKET_ADDRESS),
# authenticated by the hook's JUJU_CONTEXT_ID, then replays the answer byte for byte: stdout,
# stderr and exit code. No JVM starts per call: bash's /dev/tcp and read do the work (head for a
# large or binary stdout, cat for stderr).
# ToolsDir writes the path of bash into the first line (no env process per call).
# Wire format: see io.jcharm.controller.HookToolServer.
set -u
export LC_ALL=C # so that ${#var} counts bytes, not characters
tool=${0##*/}
addr=${JUJU_AGENT_SOCKET_ADDRESS:-}
if [ -z "$addr" ] || [ -z "${JUJU_CONTEXT_ID:-}" ]; then
  printf 'ERROR %s: JUJU_AGENT_SOCKET_ADDRESS and JUJU_CONTEXT_ID are not set: hook tools work only inside a hook run by jcharm (the local model or a pack training run)\n' "$tool" >&2
  exit 1
fi
host=${addr%:*}
port=${addr##*:}

# Like Juju's tools, read stdin only when told to ("--file -"): a hook's stdin may never end.
want_stdin=0
prev=
for a in "$@"; do
  if { [ "$prev" = --file ] && [ "$a" = - ]; } || [ "$a" = --file=- ]; then
    want_stdin=1
  fi
  prev=$a
done
stdin_file=
if [ "$want_stdin" = 1 ]; then
  # A file, not a variable: bash variables cannot hold NUL bytes, and the length goes first.
  stdin_file=$(mktemp "${TMPDIR:-/tmp}/jcharm-tool.XXXXXX") || exit 1
  trap 'rm -f "$stdin_file"' EXIT
  cat >"$stdin_file" || exit 1
fi

if ! exec 3<>"/dev/tcp/$host/$port"; then
  printf 'ERROR %s: cannot reach the jcharm controller at %s: it answers only while a jcharm command or pack training runs\n' "$tool" "$addr" >&2
  exit 1
fi

send() { printf '%s\n%s' "${#1}" "$1"; }
{
  printf 'JCHARM-TOOLS 1\n'
  send "$JUJU_CONTEXT_ID"
  send "$PWD"
  printf '%s\n' "$(($# + 1))"
  send "$tool"
  for a in "$@"; do send "$a"; done
  if [ -n "$stdin_file" ]; then
    size=$(wc -c <"$stdin_file")
    printf '%s\n' "${size//[!0-9]/}" # BSD wc pads with spaces
    cat "$stdin_file"
  else
    printf -- '-1\n'
  fi
} >&3

if ! read -r code outlen errlen nul <&3; then
  printf 'ERROR %s: the jcharm controller closed the connection without an answer\n' "$tool" >&2
  exit 1
fi
# stdout, without a process when we can: bash's read -N takes exactly outlen bytes (LC_ALL=C: a
# character is a byte), but it drops NUL bytes, and above 64 KiB a head process costs less CPU
# than bash's variable (bench/hook-latency/README.md). So: a NUL-free stdout (the server's 4th
# field is 0) of at most 64 KiB is read by bash; anything else by head -c, which reads no more
# than it is asked for, so stderr stays in the socket for cat. Most tools print nothing on one of
# the two (status-set, juju-log: on both): no process for those. Only on bash 5, where it was
# measured (5.2 reads a socket in chunks of what is left to read); older ones keep head.
if [ "$outlen" = 0 ]; then
  :
elif [ "${nul:-1}" = 0 ] && [ "$outlen" -le 65536 ] && [ "${BASH_VERSINFO[0]}" -ge 5 ]; then
  out=
  IFS= read -r -N "$outlen" out <&3
  if [ "${#out}" != "$outlen" ]; then
    printf 'ERROR %s: the jcharm controller closed the connection after %s of %s bytes of output\n' "$tool" "${#out}" "$outlen" >&2
    exit 1
  fi
  printf '%s' "$out"
else
  head -c "$outlen" <&3
fi
if [ "$errlen" != 0 ]; then cat <&3 >&2; fi
exec 3<&-
exit "$code"
