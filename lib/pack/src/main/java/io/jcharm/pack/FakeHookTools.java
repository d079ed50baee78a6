package io.jcharm.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fake Juju hook tools as real executables, for the packer's training runs and tests: one
 * POSIX sh script with a symlink per tool name (as Juju installs jujuc) that records each call
 * and answers like Juju would for a unit whose config is at its defaults, that leads, and that
 * has one remote unit on each related endpoint. Secrets it adds persist across hooks, as in Juju.
 *
 * <pre>{@code
 * FakeHookTools tools = FakeHookTools.create(dir, project);
 * Map<String, String> env = tools.hookEnv(charmDir, "install", Optional.empty());
 * tools.calls();  // [[juju-log, --log-level, DEBUG, --, ...], [status-set, ...]]
 * }</pre>
 */
public final class FakeHookTools {
    /** Every hook tool jcharm's ExecHookTools calls. */
    public static final List<String> TOOLS = List.of("relation-ids", "relation-list", "relation-get", "relation-set",
            "relation-model-get", "config-get", "is-leader", "status-get", "status-set", "application-version-set",
            "juju-log", "resource-get", "storage-get", "storage-list", "storage-add", "action-get", "action-set",
            "action-log", "action-fail", "open-port", "close-port", "opened-ports", "state-get", "state-set",
            "state-delete", "secret-add", "secret-get", "secret-info-get", "secret-set", "secret-grant",
            "secret-revoke", "secret-remove", "secret-ids", "credential-get", "goal-state", "network-get",
            "juju-reboot");

    /** The model the fake unit lives in. */
    public static final String MODEL_UUID = "9f0c7a52-6f3e-4c0e-8d7a-2a4f1e0b5c11";

    /** The script, shared with bench/hook-latency: one copy in this package's resources. */
    private static final String SCRIPT = readScript();

    private static String readScript() {
        try (InputStream in = FakeHookTools.class.getResourceAsStream("fake-jujuc.sh")) {
            if (in == null) {
                throw new IllegalStateException("fake-jujuc.sh is missing from jcharm-pack's jar; rebuild lib/pack");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@MODEL_UUID@", MODEL_UUID);
        } catch (IOException e) {
            throw new UncheckedIOException("reading fake-jujuc.sh from jcharm-pack's jar", e);
        }
    }

    private final Path dir;

    private FakeHookTools(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes the tools into {@code dir}; config-get answers {@code project}'s defaults, and every
     * endpoint has remote unit remote/0 whose data is {@code remoteData}.
     */
    public static FakeHookTools create(Path dir, CharmProject project, Map<String, String> remoteData) {
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve("fake-jujuc");
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String tool : TOOLS) {
                Path link = dir.resolve(tool);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, script.getFileName());
            }
            JsonMapper json = JsonMapper.builder().build();
            Files.writeString(dir.resolve("config.json"), json.writeValueAsString(defaults(project)));
            Files.writeString(dir.resolve("remote.json"), json.writeValueAsString(remoteData));
            List<String> related = new ArrayList<>();
            for (String role : List.of("requires", "provides", "peers")) {
                related.addAll(project.endpoints(role));
            }
            Files.writeString(dir.resolve("related"), String.join("\n", related) + "\n");
            Files.deleteIfExists(dir.resolve("calls.log"));
            RuntimeBuilder.deleteTree(dir.resolve("secrets")); // a new unit has no secrets yet
            return new FakeHookTools(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fake hook tools into " + dir, e);
        }
    }

    /** config-get's answer: every option with a default, as Juju returns unset options. */
    static Map<String, Object> defaults(CharmProject project) {
        Map<String, Object> out = new LinkedHashMap<>();
        project.config().ifPresent(c -> {
            if (c.get("options") instanceof Map<?, ?> opts) {
                opts.forEach((k, v) -> {
                    if (v instanceof Map<?, ?> o && o.get("default") != null) {
                        out.put(String.valueOf(k), o.get("default"));
                    }
                });
            }
        });
        return out;
    }

    /** Identifies how these tools answer, so that archives trained with other answers are not reused. */
    static String behaviour() {
        return Hashes.sha256(SCRIPT + StartupArchiveBuilder.trainingRemoteData()).substring(0, 12);
    }

    public Path dir() {
        return dir;
    }

    /**
     * The environment Juju gives {@code hook} for unit {@code <charm>/0}: JUJU_* variables, and a
     * PATH with these tools first. Relation hooks ({@code <endpoint>-relation-<kind>}) get the
     * relation variables for relation id 7 and remote unit remote/0.
     */
    public Map<String, String> hookEnv(Path charmDir, String charmName, String hook) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", dir + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", dir.toString());
        env.put("LANG", "C.UTF-8");
        env.put("JCHARM_FAKE_TOOLS", dir.toString());
        env.put("JUJU_CHARM_DIR", charmDir.toString());
        env.put("JUJU_CONTEXT_ID", charmName + "/0-" + hook + "-1");
        env.put("JUJU_DISPATCH_PATH", "hooks/" + hook);
        env.put("JUJU_HOOK_NAME", hook);
        env.put("JUJU_MODEL_NAME", "training");
        env.put("JUJU_MODEL_UUID", MODEL_UUID);
        env.put("JUJU_UNIT_NAME", charmName + "/0");
        env.put("JUJU_VERSION", "3.6.8");
        env.put("JUJU_MACHINE_ID", "0");
        env.put("JUJU_AVAILABILITY_ZONE", "zone-a");
        int rel = hook.indexOf("-relation-");
        if (rel > 0) {
            String endpoint = hook.substring(0, rel);
            env.put("JUJU_RELATION", endpoint);
            env.put("JUJU_RELATION_ID", endpoint + ":7");
            env.put("JUJU_REMOTE_APP", "remote");
            if (!hook.endsWith("-created") && !hook.endsWith("-broken")) {
                env.put("JUJU_REMOTE_UNIT", "remote/0");
            }
            if (hook.endsWith("-departed")) {
                env.put("JUJU_DEPARTING_UNIT", "remote/0");
            }
        }
        return env;
    }

    /** Every call made so far, as argv lists (tool name first). */
    public List<List<String>> calls() {
        Path log = dir.resolve("calls.log");
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(l -> List.of(l.split("\t", -1))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** Forgets the calls recorded so far. */
    public void reset() {
        try {
            Files.deleteIfExists(dir.resolve("calls.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
