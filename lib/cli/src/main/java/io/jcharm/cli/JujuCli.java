package io.jcharm.cli;

import io.jcharm.process.Command;
import io.jcharm.process.Executables;
import io.jcharm.process.ProcessException;
import io.jcharm.process.ProcessResult;
import io.jcharm.process.ProcessTimeoutException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Drives the real {@code juju} CLI (3.6). Every command names its model with {@code -m} (or its
 * controller with {@code -c}): {@code juju add-model} makes the new model the current one unless
 * told {@code --no-switch}, so the current model may change under a running deploy. Failures
 * quote juju's stderr, name the command that failed and say what to do next.
 *
 * <pre>{@code
 * JujuCli juju = new JujuCli(ctx, out);
 * String model = juju.model(Optional.empty());      // the current model, resolved once: ctrl:admin/default
 * juju.deploy(Path.of("build/bundles/edge.yaml"), true, false, model);
 * }</pre>
 */
public final class JujuCli {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);
    private final CliContext ctx;
    private final PrintWriter out;
    private final Path juju;

    /** @throws CliException (external) when {@code juju} is not on the PATH */
    public JujuCli(CliContext ctx, PrintWriter out) {
        this.ctx = ctx;
        this.out = out;
        this.juju = Executables.onPath("juju", ctx.env()).orElseThrow(() -> CliException.external(
                "juju is not on the PATH", "install Juju 3 (sudo snap install juju; it is a strictly confined snap, not "
                        + "classic), then bootstrap or register a controller (juju bootstrap / juju register)"));
    }

    /** The {@code juju} executable found on the PATH. */
    Path executable() {
        return juju;
    }

    /**
     * The model to act on: the one given, else the current model as {@code juju switch} names it
     * (controller:owner/model), resolved once so later commands cannot drift to another.
     */
    public String model(Optional<String> given) {
        if (given.isPresent()) {
            return given.get();
        }
        String current = switchOutput();
        if (!current.contains(":")) {
            throw CliException.user("controller " + current + " has no current model",
                    "name the model with -m (juju models lists them), or select one with juju switch <model>");
        }
        return current;
    }

    /** The controller of a model given as controller:model, else the current controller. */
    public String controller(String model) {
        int colon = model.indexOf(':');
        if (colon > 0) {
            return model.substring(0, colon);
        }
        String current = switchOutput();
        return current.contains(":") ? current.substring(0, current.indexOf(':')) : current;
    }

    /** What {@code juju switch} prints: controller:owner/model, or the controller alone when no model is current. */
    private String switchOutput() {
        List<String> argv = List.of(juju.toString(), "switch");
        ProcessResult r = exec(argv, Map.of());
        String current = r.stdout().trim();
        if (r.exitCode() != 0 || current.isEmpty()) {
            throw failure(argv, r, "select a controller and model (juju switch <controller>:<model>) or name the model with "
                    + "-m controller:model");
        }
        return current;
    }

    public String deploy(Path bundle, boolean trust, boolean dryRun, String model) {
        List<String> args = new ArrayList<>(List.of("deploy", bundle.toString()));
        if (trust) {
            args.add("--trust");
        }
        if (dryRun) {
            args.add("--dry-run");
        }
        args.addAll(List.of("-m", model));
        return run(args, "fix what juju reports (the bundle was verified offline, so it is usually the model or the "
                + "controller: check `juju status -m " + model + "` and `juju models`), then run the deploy again").stdout();
    }

    public JujuStatus status(String model) {
        return JujuStatus.parse(run(List.of("status", "--format=json", "-m", model),
                "check that the controller is reachable and the model exists (juju models)").stdout());
    }

    /** Whether the model exists ({@code juju show-model}). */
    public boolean modelExists(String model) {
        List<String> argv = List.of(juju.toString(), "show-model", model, "--format=json");
        ProcessResult r = exec(argv, Map.of());
        if (r.exitCode() == 0) {
            return true;
        }
        if (r.stderr().contains("not found")) {
            return false;
        }
        throw failure(argv, r, "check that the controller is reachable (juju models)");
    }

    public void integrate(String a, String b, String model) {
        run(List.of("integrate", a, b, "-m", model),
                "check both applications exist in the model (juju status) and are not already related (juju status --relations)");
    }

    /** Upgrades an application to a local charm ({@code juju refresh --path}), with the bundle's resources. */
    public void refresh(String app, Path charm, Map<String, String> resources, String model) {
        List<String> args = new ArrayList<>(List.of("refresh", app, "--path", charm.toString()));
        resources.forEach((name, value) -> args.addAll(List.of("--resource", name + "=" + value)));
        args.addAll(List.of("-m", model));
        run(args, "see `juju status " + app + " -m " + model + "`; a unit in error needs `juju resolved` first, or refresh "
                + "by hand with --force-units");
    }

    /**
     * Runs an action and returns its task, waiting for it at most {@code wait} (juju's own default
     * is 60 s). The task is read from the JSON juju prints on stdout, also when it exits 1.
     */
    public ActionTask runAction(String unit, String action, String model, Duration wait) {
        List<String> argv = List.of(juju.toString(), "run", unit, action, "--format=json", "--wait=" + goDuration(wait), "-m", model);
        ProcessResult r = exec(argv, Map.of());
        Optional<ActionTask> task = ActionTask.parse(r.stdout());
        if (task.isEmpty()) {
            throw failure(argv, r, r.exitCode() == 0 ? "juju printed no task; run the command yourself to see what it says"
                    : "check the unit is active (juju status -m " + model + ") and the action exists (juju actions "
                    + unit.substring(0, unit.indexOf('/')) + " -m " + model + ")");
        }
        return task.get();
    }

    /** Adds a model on a cloud of a controller, without making it the current model. */
    public void addModel(String model, String cloud, String controller) {
        List<String> argv = List.of(juju.toString(), "add-model", model, cloud, "-c", controller, "--no-switch");
        ProcessResult r = exec(argv, Map.of());
        if (r.exitCode() != 0 && !r.stderr().contains("already exists")) {
            throw failure(argv, r, "check `juju clouds --controller " + controller + "` lists " + cloud + " and your user may add models");
        }
    }

    /** Runs {@code juju args...}; a non-zero exit is an external failure naming the command and quoting juju. */
    ProcessResult run(List<String> args, String hint) {
        List<String> argv = new ArrayList<>();
        argv.add(juju.toString());
        argv.addAll(args);
        ProcessResult r = exec(argv, Map.of());
        if (r.exitCode() != 0) {
            throw failure(argv, r, hint);
        }
        return r;
    }

    /** Runs juju with extra environment and the command timeout; a juju that cannot start or overruns is an external failure. */
    ProcessResult exec(List<String> argv, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(ctx.env());
        env.putAll(extraEnv);
        try {
            return ctx.runner().run(Command.of(argv).env(env).timeout(COMMAND_TIMEOUT));
        } catch (ProcessTimeoutException e) {
            throw CliException.external(shown(argv) + " did not finish within " + COMMAND_TIMEOUT.toSeconds()
                    + " s", "check that the controller is reachable (juju status), or raise --timeout");
        } catch (ProcessException e) {
            throw CliException.external("cannot run " + argv.get(0) + ": " + e.getMessage(),
                    "check that it is installed and executable");
        }
    }

    /** The failure of one juju command: the command as typed, its exit code, and what juju said. */
    static CliException failure(List<String> argv, ProcessResult r, String hint) {
        String said = r.stderr().isBlank() ? r.stdout() : r.stderr();
        return CliException.external(shown(argv) + " failed (exit " + r.exitCode() + "):\n"
                + said.strip().lines().map(l -> "  " + l).collect(Collectors.joining("\n")), hint);
    }

    static String shown(List<String> argv) {
        List<String> shown = new ArrayList<>(argv);
        shown.set(0, "juju");
        return String.join(" ", shown);
    }

    /** A duration as Go's time.ParseDuration reads it (juju's --wait). */
    static String goDuration(Duration d) {
        return d.toMillisPart() == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String humanize(Duration d) {
        return d.toMinutes() > 0 && d.toSecondsPart() == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }

    /** Whether this juju is a snap: /snap/bin/juju is a symlink to the {@code snap} launcher. */
    boolean snap() {
        try {
            return Files.isSymbolicLink(juju) && juju.toRealPath().getFileName().toString().equals("snap");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
