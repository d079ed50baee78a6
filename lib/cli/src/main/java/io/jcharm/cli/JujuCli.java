package io.jcharm.cli;

import io.jcharm.process.Command;
import io.jcharm.process.Executables;
import io.jcharm.process.ProcessException;
import io.jcharm.process.ProcessResult;
import io.jcharm.process.ProcessTimeoutException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the real {@code juju} CLI: deploy, wait for every unit to be active and idle, integrate,
 * run an action, add a Kubernetes cloud and a model. Failures quote juju's stderr and say what
 * to do next.
 *
 * <pre>{@code
 * JujuCli juju = new JujuCli(ctx, out);
 * juju.deploy(Path.of("build/bundles/edge.yaml"), true, false, Optional.of("edge"));
 * juju.waitForIdle(Optional.of("edge"), Map.of("istio", 1L, "seldon-core", 1L), Duration.ofMinutes(30));
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
                "juju is not on the PATH", "install it (sudo snap install juju --classic) and bootstrap or register a controller"));
    }

    public String deploy(Path bundle, boolean trust, boolean dryRun, Optional<String> model) {
        List<String> args = new ArrayList<>(List.of("deploy", bundle.toString()));
        if (trust) {
            args.add("--trust");
        }
        if (dryRun) {
            args.add("--dry-run");
        }
        return run(args, model, "fix what juju reports (the bundle was verified offline, so it is usually the model or the "
                + "controller: check `juju status` and `juju models`), then run the deploy again").stdout();
    }

    public JujuStatus status(Optional<String> model) {
        return JujuStatus.parse(run(new ArrayList<>(List.of("status", "--format=json")), model,
                "check that the controller is reachable and the model exists (juju models)").stdout());
    }

    /**
     * Polls {@code juju status} until every expected application has its units and every unit is
     * active and idle, printing a line whenever the picture changes.
     *
     * @param expectedUnits application to the units it should have (0 for subordinates)
     * @throws CliException (external) when a unit goes to error or the timeout passes
     */
    public JujuStatus waitForIdle(Optional<String> model, Map<String, Long> expectedUnits, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            JujuStatus s = status(model);
            Optional<JujuStatus.Unit> failed = s.units().stream().filter(JujuStatus.Unit::failed).findFirst();
            if (failed.isPresent()) {
                JujuStatus.Unit u = failed.get();
                out.print(StatusTable.format(s));
                out.flush();
                throw CliException.external("unit " + u.name() + " is in error: " + u.message(),
                        "see why with `juju debug-log --replay --include " + u.name() + "`; after fixing, retry the hook with "
                                + "`juju resolved " + u.name() + "`");
            }
            String summary = summary(s, expectedUnits);
            if (summary.isEmpty()) {
                return s;
            }
            if (!summary.equals(last)) {
                out.println("waiting: " + summary);
                out.flush();
                last = summary;
            }
            if (System.nanoTime() > deadline) {
                out.print(StatusTable.format(s));
                out.flush();
                throw CliException.external("the model did not settle within " + humanize(timeout) + ": " + summary,
                        "look at `juju status` and `juju debug-log`; a blocked unit says what it needs; raise --timeout if it is only slow");
            }
            sleep(ctx.pollInterval());
        }
    }

    /** Empty when settled, else what is still missing. */
    static String summary(JujuStatus s, Map<String, Long> expected) {
        List<String> missing = new ArrayList<>();
        expected.forEach((app, n) -> {
            JujuStatus.App a = s.applications().get(app);
            int have = a == null ? 0 : a.units().size();
            if (have < n) {
                missing.add(app + " has " + have + "/" + n + " units");
            }
        });
        List<JujuStatus.Unit> all = s.units();
        List<String> busy = all.stream().filter(u -> !u.settled())
                .map(u -> u.name() + " " + u.workload() + "/" + u.agent() + (u.message().isEmpty() ? "" : " \"" + u.message() + "\""))
                .collect(Collectors.toList());
        if (missing.isEmpty() && busy.isEmpty()) {
            return "";
        }
        long active = all.stream().filter(JujuStatus.Unit::settled).count();
        List<String> parts = new ArrayList<>();
        parts.add(active + "/" + all.size() + " units active and idle");
        parts.addAll(missing);
        parts.addAll(busy);
        return String.join("; ", parts);
    }

    public void integrate(String a, String b, Optional<String> model) {
        run(new ArrayList<>(List.of("integrate", a, b)), model,
                "check both applications exist in the model (juju status) and are not already related (juju status --relations)");
    }

    /** Runs an action on a unit and returns its results (the {@code results} map of {@code juju run --format=json}). */
    public Map<String, String> runAction(String unit, String action, Optional<String> model) {
        String json = run(new ArrayList<>(List.of("run", unit, action, "--format=json")), model,
                "check the unit is active (juju status) and see `juju show-task` for the task's log").stdout();
        Map<String, String> results = new HashMap<>();
        JsonNode root = JsonMapper.builder().build().readTree(json);
        for (String u : root.propertyNames()) {
            JsonNode r = root.path(u).path("results");
            for (String k : r.propertyNames()) {
                results.put(k, r.path(k).isValueNode() ? r.path(k).asString("") : r.path(k).toString());
            }
        }
        return results;
    }

    /** Adds a Kubernetes cloud from a kubeconfig; a cloud of that name already known is fine. */
    public void addK8s(String cloud, Path kubeconfig) {
        Map<String, String> env = new HashMap<>(ctx.env());
        env.put("KUBECONFIG", kubeconfig.toString());
        List<String> argv = List.of(juju.toString(), "add-k8s", cloud, "--client");
        ProcessResult r = exec(argv, env);
        if (r.exitCode() != 0 && !r.stderr().contains("already exists")) {
            throw failure(argv, r, "check the kubeconfig (" + kubeconfig + ") reaches the cluster: KUBECONFIG=" + kubeconfig + " kubectl get nodes");
        }
        ProcessResult c = exec(List.of(juju.toString(), "add-k8s", cloud, "--controller", controller()), env);
        if (c.exitCode() != 0 && !c.stderr().contains("already exists")) {
            throw failure(argv, c, "add the cloud to the controller by hand: juju add-k8s " + cloud + " --controller <name>");
        }
    }

    private String controller() {
        ProcessResult r = exec(List.of(juju.toString(), "switch"), ctx.env());
        String current = r.stdout().trim();
        return current.contains(":") ? current.substring(0, current.indexOf(':')) : current;
    }

    /** Adds a model on a cloud; a model that already exists is used as it is. */
    public void addModel(String model, String cloud) {
        List<String> argv = List.of(juju.toString(), "add-model", model, cloud);
        ProcessResult r = exec(argv, ctx.env());
        if (r.exitCode() != 0 && !r.stderr().contains("already exists")) {
            throw failure(argv, r, "check `juju clouds --controller` lists " + cloud + " and your user may add models");
        }
    }

    private ProcessResult run(List<String> args, Optional<String> model, String hint) {
        List<String> argv = new ArrayList<>();
        argv.add(juju.toString());
        argv.addAll(args);
        model.ifPresent(m -> {
            argv.add("-m");
            argv.add(m);
        });
        ProcessResult r = exec(argv, ctx.env());
        if (r.exitCode() != 0) {
            throw failure(argv, r, hint);
        }
        return r;
    }

    /** Runs juju with the command timeout; a juju that cannot start or overruns is an external failure (exit 3). */
    private ProcessResult exec(List<String> argv, Map<String, String> env) {
        try {
            return ctx.runner().run(Command.of(argv).env(env).timeout(COMMAND_TIMEOUT));
        } catch (ProcessTimeoutException e) {
            throw CliException.external(String.join(" ", argv) + " did not finish within " + COMMAND_TIMEOUT.toSeconds()
                    + " s", "check that the controller is reachable (juju status), or raise --timeout");
        } catch (ProcessException e) {
            throw CliException.external("cannot run " + argv.get(0) + ": " + e.getMessage(),
                    "check that it is installed and executable");
        }
    }

    private static CliException failure(List<String> argv, ProcessResult r, String hint) {
        List<String> shown = new ArrayList<>(argv);
        shown.set(0, "juju");
        String stderr = r.stderr().isBlank() ? r.stdout() : r.stderr();
        return CliException.external(String.join(" ", shown) + " failed (exit " + r.exitCode() + "):\n"
                + stderr.strip().lines().map(l -> "  " + l).collect(Collectors.joining("\n")), hint);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.external("interrupted while waiting for the model", "run jcharm deploy again to keep waiting");
        }
    }

    static String humanize(Duration d) {
        return d.toMinutes() > 0 && d.toSecondsPart() == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
