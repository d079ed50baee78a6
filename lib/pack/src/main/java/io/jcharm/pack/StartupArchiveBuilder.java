package io.jcharm.pack;

import io.jcharm.process.Command;
import io.jcharm.process.ProcessResult;
import io.jcharm.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Makes the startup archive from training runs of the staged charm's own {@code dispatch} on
 * representative hooks (install, config-changed, a relation-changed, update-status) with fake
 * hook tools on PATH, so that it holds exactly the classes, jars and runtime that ship.
 *
 * <pre>{@code
 * StartupArchiveBuilder.Result r = new StartupArchiveBuilder(runner, cacheDir, log)
 *         .build(stage, project, jdk, ArchiveKind.AOT_CACHE, dispatch, workDir);
 * }</pre>
 */
public final class StartupArchiveBuilder {
    /** Where training class lists go, relative to the staged charm (removed before zipping). */
    static final String TRAINING_DIR = ".jcharm-training";
    private static final Duration HOOK_TIMEOUT = Duration.ofMinutes(2);

    /** What training did. */
    public record Result(ArchiveKind kind, List<String> hooks, String aotHook, int classes, boolean reused) {
    }

    private final ProcessRunner runner;
    private final Path cacheDir;
    private final Consumer<String> log;

    public StartupArchiveBuilder(ProcessRunner runner, Path cacheDir, Consumer<String> log) {
        this.runner = runner;
        this.cacheDir = cacheDir;
        this.log = log;
    }

    /** The training hooks for {@code project}: its first relation endpoint gets a relation-changed. */
    static List<String> trainingHooks(CharmProject project) {
        List<String> hooks = new ArrayList<>(List.of("install", "config-changed"));
        for (String role : List.of("requires", "provides", "peers")) {
            List<String> eps = project.endpoints(role);
            if (!eps.isEmpty()) {
                hooks.add(eps.get(0) + "-relation-changed");
                break;
            }
        }
        hooks.add("update-status");
        return hooks;
    }

    public Result build(Path stage, CharmProject project, Jdk jdk, ArchiveKind kind, DispatchScript dispatch, Path work) {
        List<String> hooks = trainingHooks(project);
        // The archive records the absolute path of the runtime it was made with: part of the key.
        String key = Hashes.sha256(Hashes.tree(stage, List.of(kind.path())) + "|" + stage + "|" + kind + "|" + jdk.home() + "|"
                + jdk.version() + "|" + hooks + "|" + TrainingTools.behaviour()).substring(0, 24);
        Path cached = cacheDir.resolve("archive-" + key + (kind == ArchiveKind.AOT_CACHE ? ".aot" : ".jsa"));
        Path target = stage.resolve(kind.path());
        try {
            if (Files.isRegularFile(cached)) {
                // Same runtime, jars, dispatch and JDK: the archive made last time is valid, and
                // reusing it keeps repeated packs byte-identical (an AOT cache's bytes vary per run).
                Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
                log.accept("startup archive: reusing " + cached.getFileName());
                return new Result(kind, hooks, "", 0, true);
            }
            Path training = Files.createDirectories(stage.resolve(TRAINING_DIR));
            try (TrainingTools tools = TrainingTools.create(work.resolve("training-tools"), project, trainingRemoteData())) {
                return train(stage, project, kind, dispatch, work, jdk, hooks, tools, target, cached, training);
            }
        } catch (IOException e) {
            throw new PackException("cannot make the startup archive in " + stage + ": " + e.getMessage(), e);
        }
    }

    private Result train(Path stage, CharmProject project, ArchiveKind kind, DispatchScript dispatch, Path work, Jdk jdk,
                         List<String> hooks, TrainingTools tools, Path target, Path cached, Path training)
            throws IOException {
        Map<String, TreeSet<String>> loaded = new LinkedHashMap<>();
        for (String hook : hooks) {
            String list = TRAINING_DIR + "/" + hook + ".classlist";
            runHook(stage, project, tools, hook, "-XX:DumpLoadedClassList=" + list);
            loaded.put(hook, classList(stage.resolve(list)));
        }
        // install runs once per unit; the cache should serve the hooks that keep coming.
        String richest = hooks.get(1);
        TreeSet<String> all = new TreeSet<>();
        for (Map.Entry<String, TreeSet<String>> e : loaded.entrySet()) {
            all.addAll(e.getValue());
            if (!e.getKey().equals("install") && e.getValue().size() > loaded.get(richest).size()) {
                richest = e.getKey();
            }
        }
        Files.deleteIfExists(target);
        if (kind == ArchiveKind.AOT_CACHE) {
            // One training run per cache (JDK 25 cannot merge runs): the recurring hook that loads most.
            runHook(stage, project, tools, richest, "-XX:AOTCacheOutput=" + kind.path());
            log.accept("startup archive: AOT cache trained on " + richest + " (" + loaded.get(richest).size() + " of "
                    + all.size() + " classes the training hooks load)");
        } else {
            dumpCds(stage, jdk, dispatch, training, all);
            log.accept("startup archive: AppCDS of " + all.size() + " classes from " + String.join(", ", hooks));
        }
        if (!Files.isRegularFile(target) || Files.size(target) == 0) {
            throw new PackException("training did not produce the startup archive " + kind.path() + " in " + stage);
        }
        // Keep the class lists next to the other scratch files, for anyone asking what was trained.
        Path kept = work.resolve("training-classlists");
        RuntimeBuilder.deleteTree(kept);
        RuntimeBuilder.copyTree(training, kept);
        RuntimeBuilder.deleteTree(training);
        Files.createDirectories(cacheDir);
        Files.copy(target, cached, StandardCopyOption.REPLACE_EXISTING);
        return new Result(kind, hooks, richest, all.size(), false);
    }

    private void runHook(Path stage, CharmProject project, TrainingTools tools, String hook, String archiveOption) {
        Map<String, String> env = new LinkedHashMap<>(tools.hookEnv(stage, project.name(), hook));
        env.put(DispatchScript.ARCHIVE_ENV, archiveOption);
        ProcessResult r = runner.run(Command.of(List.of(stage.resolve("dispatch").toString()))
                .in(stage).env(env).timeout(HOOK_TIMEOUT));
        tools.hookEnded(r.exitCode());
        if (r.exitCode() != 0) {
            throw new PackException("training run of the " + hook + " hook failed, so no startup archive can be made"
                    + " (hook tools answered by jcharm's controller as for a leader unit with default config): " + r.describe());
        }
    }

    private void dumpCds(Path stage, Jdk jdk, DispatchScript dispatch, Path training, TreeSet<String> classes)
            throws IOException {
        // Class lines first, then @lambda lines, each sorted: the same input gives the same archive.
        // @cp lines (constant-pool entries a run happened to resolve) differ from run to run with
        // thread timing, so they are left out to keep the archive byte-reproducible.
        List<String> lines = new ArrayList<>(classes.stream().filter(l -> !l.startsWith("@")).toList());
        lines.addAll(classes.stream().filter(l -> l.startsWith("@") && !l.startsWith("@cp ")).toList());
        Path list = training.resolve("all.classlist");
        Files.write(list, lines, StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>(List.of(stage.resolve("runtime/bin/java").toString(), "-Xshare:dump",
                "-XX:SharedClassListFile=" + TRAINING_DIR + "/all.classlist",
                "-XX:SharedArchiveFile=" + ArchiveKind.APP_CDS.path()));
        argv.addAll(dispatch.jvmOptions());
        argv.addAll(List.of("-cp", String.join(":", dispatch.classpath())));
        ProcessResult r = runner.run(Command.of(argv)
                .in(stage).env(Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8")).timeout(Duration.ofMinutes(5)));
        if (r.exitCode() != 0) {
            throw new PackException("the AppCDS dump with " + jdk.home() + " failed: " + r.describe());
        }
    }

    /**
     * A class list with what varies between runs removed: per-run ids (only custom-loader
     * classes, which are dropped, refer to them) and comments.
     */
    static TreeSet<String> classList(Path file) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.contains(" source: ")) {
                continue;
            }
            out.add(line.replaceFirst(" id: \\d+$", ""));
        }
        return out;
    }

    /**
     * What remote/0 has published on every relation during training: keys common interfaces read,
     * so that a training hook goes down a charm's relation paths and ends well. A charm that
     * fails its hook on a bag without its interface's key (oidc-gatekeeper on dex-oidc-config
     * without issuer-url, as the real charm does) needs that key here, or no archive is made.
     */
    static Map<String, String> trainingRemoteData() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("greeting", "Hello from remote");
        m.put("issuer-url", "http://dex-auth.training.svc:5556/dex");
        m.put("hostname", "remote-0.remote-endpoints.training.svc.cluster.local");
        m.put("port", "8080");
        m.put("ingress-address", "10.1.2.4");
        m.put("egress-subnets", "10.1.2.4/32");
        return m;
    }
}
