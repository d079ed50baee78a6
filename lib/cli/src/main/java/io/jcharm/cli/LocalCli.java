package io.jcharm.cli;

import io.jcharm.local.LocalModel;
import io.jcharm.local.LocalModelException;
import io.jcharm.local.ModelInterruptedException;
import io.jcharm.local.ModelOptions;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import io.jcharm.local.SettleResult;
import io.jcharm.local.StatusReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the local-model verbs share: where the model lives ({@code --model-dir}, else
 * {@code $JCHARM_MODEL_DIR}, else the nearest {@code .jcharm/model} here or above), opening it, progress lines, the
 * settle report and turning the local model's errors into the CLI's.
 *
 * <pre>{@code
 * LocalCli.run(ctx, modelDir, timeout, out, model -> { model.resolve("hello/0", true); return model.settle(progress); });
 * }</pre>
 */
final class LocalCli {
    static final String DIR_ENV = "JCHARM_MODEL_DIR";

    private LocalCli() {
    }

    /**
     * The model a verb works on: {@code --model-dir}, else {@code $JCHARM_MODEL_DIR}, else the
     * nearest {@code .jcharm/model} in the working directory or its parents (as git finds a
     * repository).
     *
     * @throws CliException "no model here (looked in ...)" when there is none
     */
    static Path modelDir(CliContext ctx, Path option) {
        return explicit(ctx, option).orElseGet(() -> {
            java.util.List<String> looked = new java.util.ArrayList<>();
            for (Path d = ctx.cwd(); d != null; d = d.getParent()) {
                Path candidate = d.resolve(LocalModel.DEFAULT_STATE_DIR);
                if (java.nio.file.Files.isDirectory(candidate)) {
                    return candidate;
                }
                looked.add(candidate.toString());
            }
            throw CliException.user("no model here (looked in " + String.join(", ", looked) + ")",
                    "deploy a bundle first (jcharm deploy <bundle> creates ./.jcharm/model), or give --model-dir");
        });
    }

    /** Where {@code deploy} rehearses: an existing model found as {@link #modelDir} finds it, else a new one in ./.jcharm/model. */
    static Path deployDir(CliContext ctx, Path option) {
        try {
            return modelDir(ctx, option);
        } catch (CliException e) {
            return ctx.cwd().resolve(LocalModel.DEFAULT_STATE_DIR);
        }
    }

    private static java.util.Optional<Path> explicit(CliContext ctx, Path option) {
        if (option != null) {
            return java.util.Optional.of(ctx.resolve(option));
        }
        String env = ctx.env().get(DIR_ENV);
        return env != null && !env.isBlank() ? java.util.Optional.of(ctx.resolve(Path.of(env))) : java.util.Optional.empty();
    }

    static final String PARALLELISM_ENV = "JCHARM_PARALLELISM";

    /**
     * The defaults, the command's timeout, from $JCHARM_PARALLELISM how many units run hooks at
     * once, and $JCHARM_WARM (0: no warm runtimes), $JCHARM_WARM_WAIT (seconds a unit's first
     * hook waits for the runtime it starts), $JCHARM_JAVA_OPTS (JVM options added to the
     * charms' own, for example a profiler) and $JCHARM_HOOK_TOOLS (exec: the SDK runs hook tools as
     * processes, as under Juju, instead of asking the model's socket) passed to every hook.
     */
    static ModelOptions options(CliContext ctx, Duration timeout) {
        ModelOptions o = ModelOptions.defaults().withSettleTimeout(timeout);
        String p = ctx.env().get(PARALLELISM_ENV);
        if (p != null && !p.isBlank()) {
            try {
                o = o.withParallelism(Integer.parseInt(p.trim()));
            } catch (IllegalArgumentException e) {
                throw CliException.user(PARALLELISM_ENV + "=" + p + " is not a number of at least 1", "unset it or set 1, 2, ...");
            }
        }
        // dispatch reads them from the hook's environment.
        Map<String, String> hookEnv = new LinkedHashMap<>();
        for (String name : List.of(io.jcharm.pack.DispatchScript.WARM_ENV, io.jcharm.pack.DispatchScript.WARM_WAIT_ENV,
                io.jcharm.pack.DispatchScript.OPTS_ENV, io.jcharm.core.tools.ExecHookTools.TRANSPORT_ENV)) {
            String value = ctx.env().get(name);
            if (value != null) {
                hookEnv.put(name, value);
            }
        }
        return o.withHookEnvironment(hookEnv);
    }

    /** One line per hook: {@code hello/0  install  ok (0.7 s)}. */
    static Progress progress(PrintWriter out) {
        return new Progress() {
            @Override
            public void hookFinished(String unit, String hook, String outcome) {
                synchronized (out) {
                    out.printf("  %-24s %-36s %s%n", unit, hook, outcome);
                    out.flush();
                }
            }

            @Override
            public void note(String text) {
                synchronized (out) {
                    out.println(text);
                    out.flush();
                }
            }
        };
    }

    /** Opens the existing model, does the work, closes it (saving everything); maps errors to the CLI's. */
    static <T> T withModel(Path dir, ModelOptions options, Function<LocalModel, T> work) {
        return withModel(dir, options, false, work);
    }

    /** As {@link #withModel(Path, ModelOptions, Function)}; with {@code create} (deploy) a missing model is created. */
    static <T> T withModel(Path dir, ModelOptions options, boolean create, Function<LocalModel, T> work) {
        try (LocalModel model = LocalModel.open(dir, options, create); StopSignals stop = StopSignals.install(model::interrupt)) {
            return work.apply(model);
        } catch (ModelInterruptedException e) {
            throw new CliException(ExitCodes.INTERRUPTED, e.detail(), e.hint());
        } catch (LocalModelException e) {
            throw CliException.user(e.detail().strip(), e.hint());
        }
    }

    /** Prints how settling went and the status; fails (exit 3) when it did not settle or a unit is in error. */
    static void report(SettleResult r, LocalModel model, PrintWriter out) {
        out.printf("%s after %d hook(s) in %.1f s%n", r.settled() ? "settled" : "NOT settled", r.hooksRun(),
                r.elapsed().toMillis() / 1000.0);
        out.println();
        out.print(StatusReport.table(model.status()));
        out.flush();
        if (!r.inError().isEmpty()) {
            throw CliException.external("units in error: " + String.join(", ", r.inError()),
                    "see why with jcharm debug-log --include " + r.inError().get(0) + ", fix it, then jcharm resolve "
                            + r.inError().get(0));
        }
        if (!r.settled()) {
            throw CliException.external("the model did not settle before the timeout", "run jcharm status to see what is "
                    + "still pending, or a longer --timeout");
        }
    }

    /**
     * Fails (exit 3) unless every unit of the model (of {@code app} only, when given) is active,
     * naming each unit that is not, with its status and message: a rehearsal that ends Blocked is
     * not a success.
     */
    static void requireActive(ModelStatus status, java.util.Optional<String> app) {
        List<String> notActive = new java.util.ArrayList<>();
        String first = null;
        for (ModelStatus.AppStatus a : status.applications()) {
            if (app.isPresent() && !a.name().equals(app.get())) {
                continue;
            }
            for (ModelStatus.UnitStatus u : a.units()) {
                if (!u.workload().equals("active")) {
                    notActive.add("  " + u.name() + " is " + u.workload() + (u.message().isEmpty() ? "" : ": " + u.message()));
                    first = first == null ? u.name() : first;
                }
            }
        }
        if (!notActive.isEmpty()) {
            throw CliException.external(notActive.size() + " unit(s) not active:\n" + String.join("\n", notActive),
                    "see why with jcharm debug-log --include " + first + " and the charm's README; fix the config or "
                            + "relations it asks for, or rerun with --wait-for=settled to accept these statuses");
        }
    }

    /** {@code k=v} arguments (the value may hold '='). */
    static Map<String, String> keyValues(List<String> args, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw CliException.user("\"" + a + "\" is not key=value", "give " + what + " as key=value");
            }
            out.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return out;
    }
}
