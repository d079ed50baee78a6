package io.jcharm.controller;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The directory put first on every hook's PATH: the hook-tool client script, and one symlink
 * to it per hook tool Juju provides.
 *
 * <pre>{@code
 * Path bin = ToolsDir.install(stateDir.resolve("tools"));  // bin/relation-get -> jcharm-hook-tool
 * }</pre>
 */
public final class ToolsDir {
    public static final String CLIENT = "jcharm-hook-tool";

    /** Every hook tool of Juju 3.6 (jujuc), including those this controller only refuses. */
    public static final List<String> TOOLS = List.of("action-fail", "action-get", "action-log", "action-set",
            "application-version-set", "close-port", "config-get", "credential-get", "goal-state", "is-leader",
            "juju-log", "juju-reboot", "k8s-raw-get", "k8s-raw-set", "k8s-spec-get", "k8s-spec-set", "leader-get",
            "leader-set", "network-get", "open-port", "opened-ports", "pod-spec-get", "pod-spec-set",
            "relation-get", "relation-ids", "relation-list", "relation-model-get", "relation-set", "resource-get",
            "secret-add", "secret-get", "secret-grant", "secret-ids", "secret-info-get", "secret-remove",
            "secret-revoke", "secret-set", "state-delete", "state-get", "state-set", "status-get", "status-set",
            "storage-add", "storage-get", "storage-list", "unit-get", "add-metric");

    private ToolsDir() {
    }

    /** Where bash is, looked for once; elsewhere (NixOS) the script keeps {@code env}. */
    private static final java.util.Optional<Path> BASH = java.util.stream.Stream.of("/bin/bash", "/usr/bin/bash")
            .map(Path::of).filter(Files::isExecutable).findFirst();

    /**
     * The script with {@code #!/usr/bin/env bash} replaced by bash's own path: {@code env} is one
     * more process per call (about 4 ms of CPU each on our 2-core machines, 2 s in one rehearsal
     * of the edge bundle). Without bash to be found, the script keeps {@code env}.
     */
    static byte[] withBash(byte[] script) {
        String text = new String(script, java.nio.charset.StandardCharsets.UTF_8);
        String env = "#!/usr/bin/env bash\n";
        if (BASH.isEmpty() || !text.startsWith(env)) {
            return script;
        }
        return ("#!" + BASH.get() + "\n" + text.substring(env.length())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** (Re)writes the script and its links; idempotent, so every invocation can call it. */
    public static Path install(Path dir) {
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve(CLIENT);
            byte[] body;
            try (InputStream in = ToolsDir.class.getResourceAsStream("hook-tool.sh")) {
                if (in == null) {
                    throw new IllegalStateException("hook-tool.sh is missing from the jcharm-controller jar: rebuild it");
                }
                body = in.readAllBytes();
            }
            body = withBash(body);
            Path tmp = Files.createTempFile(dir, CLIENT, ".tmp");
            Files.write(tmp, body);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            for (String tool : TOOLS) {
                Path link = dir.resolve(tool);
                // A link left by something else (an older tool set in a reused directory) is replaced too.
                if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(Path.of(CLIENT))) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, Path.of(CLIENT));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the hook tools in " + dir + ": " + e.getMessage(), e);
        }
    }
}
