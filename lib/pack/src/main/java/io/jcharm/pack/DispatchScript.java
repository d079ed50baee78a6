package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders the charm's {@code dispatch}: a POSIX sh script that Juju runs for every hook and
 * action, and that runs the charm on the Java runtime bundled in the charm, in the unit's warm
 * runtime ({@code io.jcharm.core.warm.WarmRuntime}), which it starts when none is alive, and in a
 * new JVM when the runtime cannot take the hook.
 *
 * <pre>{@code
 * String sh = new DispatchScript(List.of("-XX:+UseSerialGC"), "-XX:AOTCache=runtime/jcharm.aot",
 *         List.of("lib/hello.jar"), "io.jcharm.core.CharmMain", "io.jcharm.charms.hello.HelloCharm", jarTime,
 *         "3f2a9c0d1b2e4f56", 60).render();
 * }</pre>
 *
 * @param jvmOptions    JVM options chosen by measurement (bench/hook-latency/README.md)
 * @param archiveOption the option that maps the startup archive, relative to the charm dir
 * @param classpath     jar paths relative to the charm dir, exactly as at archive creation; the charm's own jar first
 * @param mainClass     the entry point, normally io.jcharm.core.CharmMain
 * @param charmClass    the charm class, passed as the entry point's only argument
 * @param jarTime       the modification time the jars had when the archive was made
 * @param build         identifies the jars and runtime: a warm runtime of another build is not used
 * @param warmIdle      seconds the warm runtime waits for a hook before it exits, unless the unit's
 *                      {@code JCHARM_WARM_IDLE} says otherwise
 */
public record DispatchScript(List<String> jvmOptions, String archiveOption, List<String> classpath, String mainClass,
                             String charmClass, Instant jarTime, String build,
                             int warmIdle) {

    /** Environment variable replacing the archive option; the packer's training runs set it. */
    public static final String ARCHIVE_ENV = "JCHARM_STARTUP_ARCHIVE";
    /** Environment variable with extra JVM options, appended last (debugging on a unit). */
    public static final String OPTS_ENV = "JCHARM_JAVA_OPTS";
    /** Environment variable that disables the warm runtime when 0 (the packer's training runs set it). */
    public static final String WARM_ENV = "JCHARM_WARM";
    /** Environment variable with the warm runtime's idle time in seconds; overrides the packed {@link #warmIdle}. */
    public static final String WARM_IDLE_ENV = "JCHARM_WARM_IDLE";
    /** Environment variable with the seconds a first hook waits for the runtime it started; 0 runs it in a new JVM at once. */
    public static final String WARM_WAIT_ENV = "JCHARM_WARM_WAIT";
    /** How long a first hook waits, by default, for the runtime it started to listen (see warm_wait in the script). */
    static final int WARM_WAIT = 20;
    /** The warm runtime's entry point in lib/core. */
    static final String WARM_MAIN = "io.jcharm.core.warm.WarmRuntime";

    /**
     * What the warm runtime adds to the charm's JVM options (later options win): no name lookup is
     * cached between hooks (a fresh JVM starts with an empty cache, and a Service may appear
     * between two hooks); and the JIT's usual thresholds, not the packed 10 times higher ones that
     * spare a one-hook JVM compiling what it runs once: a runtime runs the same library code hook
     * after hook (bench/local-model README: full, 5 % less CPU).
     */
    static final String WARM_JVM_OPTIONS = "-Dsun.net.inetaddr.ttl=0 -Dsun.net.inetaddr.negative.ttl=0"
            + " -XX:CompileThresholdScaling=1";

    private static final DateTimeFormatter TOUCH_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm.ss").withZone(ZoneOffset.UTC);

    public String render() {
        for (String s : jvmOptions) {
            requireSafe(s);
        }
        requireSafe(archiveOption);
        classpath.forEach(DispatchScript::requireSafe);
        requireSafe(mainClass);
        requireSafe(charmClass);
        requireSafe(build);
        String java = "runtime/bin/java ${" + ARCHIVE_ENV + "-" + archiveOption + "} " + String.join(" ", jvmOptions)
                + " ${" + OPTS_ENV + "} \\\n    -cp '" + String.join(":", classpath) + "' \\\n    ";
        return TEMPLATE.replace("@TOUCH_TIME@", TOUCH_TIME.format(jarTime))
                .replace("@BUILD@", build)
                .replace("@IDLE@", Integer.toString(warmIdle))
                .replace("@WAIT@", Integer.toString(WARM_WAIT))
                .replace("@WARM_JAVA@", java.replace(" ${" + OPTS_ENV + "}", " " + WARM_JVM_OPTIONS + " ${" + OPTS_ENV + "}") + WARM_MAIN + " " + charmClass + " " + classpath.get(0) + " \"$warm_build\"")
                .replace("@JAVA@", java.replace("\\\n    ", "\\\n  ") + mainClass + " " + charmClass);
    }

    /** Everything we interpolate must be inert in sh: no quotes, spaces, $ or backslashes. */
    private static void requireSafe(String s) {
        if (!s.matches("[A-Za-z0-9_./:=+,@%-]+")) {
            throw new PackException("cannot put " + GoFormat.quote(s) + " into dispatch: only letters, digits and"
                    + " _./:=+,@%- are allowed in JVM options, jar names and class names");
        }
    }

    // The warm path needs bash (/dev/tcp, read -t, {fd} redirections, wait on a trapped signal): dispatch re-runs
    // itself under bash when it is there and falls back to the cold path everywhere else.
    private static final String TEMPLATE = """
            #!/bin/sh
            # Generated by jcharm pack. Juju runs this for every hook and action; it runs the charm
            # on the Java runtime bundled in this charm, so the machine needs no Java. The unit's warm
            # runtime (a resident JVM) runs the hook: when none is alive, dispatch starts one and hands
            # it this hook as soon as it listens (JCHARM_WARM_WAIT seconds at most, default @WAIT@), else
            # runs the hook in a new JVM. JCHARM_WARM=0 turns it off,
            # JCHARM_WARM_IDLE sets its idle time in seconds (packed: @IDLE@).
            if [ -z "${BASH_VERSION:-}" ] && [ "${JCHARM_WARM:-1}" != 0 ] && [ -x /bin/bash ]; then
              exec /bin/bash "$0" "$@"
            fi
            JUJU_DISPATCH_PATH="${JUJU_DISPATCH_PATH:-$0}"
            export JUJU_DISPATCH_PATH

            fail() {
              echo "jcharm dispatch: $1" >&2
              if command -v juju-log >/dev/null 2>&1; then
                juju-log --log-level ERROR -- "jcharm dispatch: $1" >/dev/null 2>&1
              fi
              exit "${2:-1}"
            }

            # Juju starts hooks in the charm dir; resolve it anyway so that paths below are relative
            # to the charm, as they were when the startup archive was made.
            case "$0" in
              */*) cd "${0%/*}" || fail "cannot enter the charm directory ${0%/*}" ;;
            esac
            if [ ! -x runtime/bin/java ] || [ ! -f runtime/lib/modules ] || [ ! -f runtime/lib/server/libjvm.so ]; then
              fail "the Java runtime is missing or incomplete in $PWD/runtime: repack the charm with jcharm pack and refresh the application"
            fi

            # Juju unpacks charms without their file times, and the startup archive only accepts jars
            # whose modification time is the one they had at pack time: put it back before a JVM
            # starts (a new one for the hook, or a warm runtime), not before a hook a live runtime runs.
            jar_times() {
              set +f # the one glob of this script
              if ! TZ=UTC0 touch -c -m -t @TOUCH_TIME@ lib/*.jar 2>/dev/null; then
                echo "jcharm dispatch: cannot reset the jar times in $PWD/lib: the startup archive will not be used and this hook runs slower" >&2
              fi
              set -f
            }

            set -f
            warm=.jcharm-warm
            warm_build=@BUILD@

            # Writes the hook's environment to $1 as env -0 would (NAME=VALUE, each ended by a NUL: the
            # runtime's io.jcharm.core.warm.HookEnvironment) from bash's exported variables, without an
            # env process. An environment holding what bash keeps out of its variables (a name that is
            # not an identifier, an exported function) or gives its own value to (RANDOM, LINENO...)
            # does not come from Juju: env -0 writes that one, so the runtime sees what a JVM would.
            warm_env() {
              mapfile -d '' w_names 2>/dev/null < "/proc/$$/environ" || { env -0 > "$1"; return; }
              for w_e in "${w_names[@]}"; do
                w_n=${w_e%%=*}
                case $w_n in
                  "$w_e"|[!A-Za-z_]*|*[!A-Za-z0-9_]*|BASH*|EPOCH*|HISTCMD|LINENO|RANDOM|SRANDOM|SECONDS|FUNCNAME|GROUPS|DIRSTACK|COMP_WORDBREAKS)
                    env -0 > "$1"; return ;;
                esac
              done
              # compgen's output goes through the file: a command substitution would fork
              compgen -e > "$1" && mapfile -t w_names < "$1" || return 1
              for w_n in "${w_names[@]}"; do printf '%s=%s\\0' "$w_n" "${!w_n}"; done > "$1"
            }

            # Runs the hook in the warm runtime (protocol: io.jcharm.core.warm.WarmRuntime). Returns 0
            # with its exit code in warm_rc, 1 when nothing ran and a runtime should be started, 2
            # when nothing ran because the runtime is busy.
            warm_hook() {
              [ -f "$warm/runtime" ] && [ -O "$warm" ] || return 1
              read -r w_port w_token w_pid w_build < "$warm/runtime" || return 1
              { exec 3<>"/dev/tcp/127.0.0.1/$w_port"; } 2>/dev/null || return 1
              w_dir="$warm/h.$$" w_errcat= w_incat= w_outcat= warm_rc=
              # a hook dir left by a dispatch of the same pid that was killed (rarely there: no rm process)
              [ ! -e "$w_dir" ] || rm -rf "$w_dir"
              # fifos only for the streams that need them: none for stdout and stderr in one file, none
              # for a stdin from /dev/null (as Juju runs hooks), which the runtime reads as empty
              # (a list split on spaces, set -f: the hook dir's path is relative and has none)
              w_merged=0 w_fifos=
              if [ /proc/$$/fd/1 -ef /proc/$$/fd/2 ]; then w_merged=1; else w_fifos="$w_dir/err"; fi
              [ /proc/$$/fd/0 -ef /dev/null ] || w_fifos="$w_fifos $w_dir/in"
              # claim: the runtime renames it before it runs the hook, dispatch deletes it when it gives
              # up waiting; only one of the two can succeed, so the hook never runs in both.
              if ! mkdir -m 0700 "$w_dir" || ! warm_env "$w_dir/env" || { [ -n "$w_fifos" ] && ! mkfifo $w_fifos; } \\
                  || ! : > "$w_dir/claim"; then
                exec 3<&-; rm -rf "$w_dir"; return 1
              fi
              printf 'jcharm-warm1 %s %s %s %s\\n' "$w_token" "$warm_build" "$w_merged" "$PWD/$w_dir" >&3
              IFS= read -r -t 5 w_ack <&3 || w_ack=
              if [ -z "$w_ack" ] && ! rm "$w_dir/claim" 2>/dev/null; then
                # too late to give up: the runtime has taken the hook, its "ok" is on the way (a runtime
                # frozen for another minute gets the connection closed, which interrupts the hook)
                IFS= read -r -t 60 w_ack <&3 || w_ack=
                [ "$w_ack" = ok ] || w_ack=taken
              fi
              if [ "$w_ack" = taken ]; then
                : # it took the hook and went away before answering: as below, when its exit code is missing
              elif [ "$w_ack" != ok ]; then
                exec 3<&-; rm -rf "$w_dir"
                [ "$w_ack" = busy ] && return 2
                rm -f "$warm/spawned"
                return 1
              fi
              trap 'warm_abort 143' TERM
              trap 'warm_abort 130' INT
              trap 'warm_abort 129' HUP
              if [ "$w_ack" = ok ]; then
                [ "$w_merged" = 1 ] || { cat "$w_dir/err" >&2 & w_errcat=$!; }
                if [ -p "$w_dir/in" ]; then
                  # a background command's stdin would be /dev/null: hand it the hook's through fd 4
                  exec 4<&0
                  cat <&4 > "$w_dir/in" & w_incat=$!
                  exec 4<&-
                fi
                cat <&3 & w_outcat=$!
                wait "$w_outcat"
              fi
              if [ -f "$w_dir/rc" ]; then
                [ -z "$w_errcat" ] || wait "$w_errcat"
                read -r warm_rc < "$w_dir/rc"
              else
                [ -z "$w_errcat" ] || kill "$w_errcat" 2>/dev/null
              fi
              [ -z "$w_incat" ] || kill "$w_incat" 2>/dev/null
              # only our cats: a bare wait would also wait for a runtime this dispatch started
              wait $w_outcat $w_errcat $w_incat 2>/dev/null
              exec 3<&-
              rm -rf "$w_dir"
              trap - TERM INT HUP
              [ -n "$warm_rc" ] && return 0
              if kill -0 "$w_pid" 2>/dev/null; then
                # alive, so the hook may have run: running it again could run it twice
                echo "jcharm dispatch: the warm runtime took the hook but its exit code did not come back (see $PWD/$warm/runtime.log): failing the hook, Juju will retry it" >&2
                warm_rc=1
                return 0
              fi
              echo "jcharm dispatch: the warm runtime took the hook and died without its exit code (see $PWD/$warm/runtime.log): running it again in a new JVM" >&2
              return 1
            }

            # dispatch was stopped: stop the hook in the runtime too (it sees the connection drop).
            warm_abort() {
              kill $w_outcat $w_errcat $w_incat 2>/dev/null
              exec 3<&-
              rm -rf "$w_dir"
              exit "$1"
            }

            # Whether process $1 is alive: kill -0 alone takes a zombie (a runtime that exited and that
            # nothing reaped yet, as in a container whose init reaps no orphans) for a live one.
            warm_alive() {
              kill -0 "$1" 2>/dev/null || return 1
              w_stat=
              read -r w_stat 2>/dev/null < "/proc/$1/stat"
              w_stat=${w_stat##*) }
              [ "${w_stat%% *}" != Z ]
            }

            # Starts a warm runtime, detached from this hook's output, unless one is starting; its pid
            # goes to w_sp. Returns 1 when there is none to wait for.
            warm_spawn() {
              if [ -f "$warm/spawned" ] && read -r w_sp < "$warm/spawned" && warm_alive "$w_sp"; then
                return 0
              fi
              mkdir -m 0700 "$warm" 2>/dev/null
              [ -d "$warm" ] && [ -O "$warm" ] || return 1
              jar_times
              env -i LANG="${LANG:-C.UTF-8}" @WARM_JAVA@ "${JCHARM_WARM_IDLE:-@IDLE@}" \\
                </dev/null >"$warm/runtime.log" 2>&1 &
              w_sp=$!
              echo "$w_sp" > "$warm/spawned"
            }

            # Waits until the runtime file names the runtime w_sp (or another live one of this build):
            # returns 0 then, 1 as soon as w_sp is dead or after JCHARM_WARM_WAIT seconds. The bound, 20 s
            # by default, is twice the slowest cold hook measured on a 2-core machine at load 20
            # (bench/hook-latency/README.md): a runtime slower to listen than that is stuck, and running
            # the hook in a new JVM then costs less than waiting longer. Polls every 50 ms without forking
            # a process: read -t on a fifo that this shell holds open for reading and writing, so that
            # no data and no end of file ever arrive on it.
            warm_wait() {
              w_wait=${JCHARM_WARM_WAIT:-@WAIT@}
              case $w_wait in
                ''|*[!0-9]*)
                  echo "jcharm dispatch: JCHARM_WARM_WAIT must be a whole number of seconds, got '$w_wait': waiting @WAIT@ s for the warm runtime" >&2
                  w_wait=@WAIT@ ;;
              esac
              w_wait=$((10#$w_wait)) # 10#: "08" is eight seconds, not a bad octal number
              [ "$w_wait" -gt 0 ] || return 1
              w_until=$((SECONDS + w_wait))
              w_fifo="$warm/wait.$$"
              mkfifo -m 0600 "$w_fifo" 2>/dev/null || return 1
              { exec {w_tick}<>"$w_fifo"; } 2>/dev/null || { rm -f "$w_fifo"; return 1; }
              rm -f "$w_fifo"
              while warm_alive "$w_sp" && [ "$SECONDS" -lt "$w_until" ]; do
                if [ -f "$warm/runtime" ] && read -r w_port w_token w_pid w_build < "$warm/runtime" \\
                    && [ "$w_build" = "$warm_build" ] && { [ "$w_pid" = "$w_sp" ] || warm_alive "$w_pid"; }; then
                  exec {w_tick}<&-
                  return 0
                fi
                read -r -t 0.05 -u "$w_tick" w_none
              done
              exec {w_tick}<&-
              return 1
            }

            if [ -n "${BASH_VERSION:-}" ] && [ "${JCHARM_WARM:-1}" != 0 ]; then
              warm_hook
              case $? in
                0) exit "$warm_rc" ;;
                1)
                  # no runtime: start one and run this hook in it, so that one JVM starts instead of two
                  # (the runtime's and a cold one, loading the same classes at once); if it does not come
                  # up or does not take the hook, the hook runs in a new JVM below
                  if warm_spawn && warm_wait && warm_hook; then
                    exit "$warm_rc"
                  fi ;;
              esac
            fi

            jar_times
            @JAVA@
            rc=$?
            case "$rc" in
              126|127) fail "the Java runtime in $PWD/runtime cannot be executed (exit $rc): is the charm packed for this architecture? Repack it on a matching machine" "$rc" ;;
            esac
            exit "$rc"
            """;
}
