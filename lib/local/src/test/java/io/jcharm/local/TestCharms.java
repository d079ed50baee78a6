package io.jcharm.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Hand-made {@code .charm} archives of the greeter test charm: metadata, config and actions, and
 * a {@code dispatch} that runs this JVM's java on the test classpath (a packed charm would run
 * its bundled runtime; packing is lib/pack's business and the tests/ module's).
 *
 * <pre>{@code
 * Path charm = TestCharms.greeter(dir, false, "1");
 * }</pre>
 */
final class TestCharms {
    static final String CONFIG = """
            options:
              greeting:
                type: string
                default: Hello
                description: What to publish.
              port:
                type: int
                default: 8080
                description: The port to open.
            """;
    static final String ACTIONS = """
            greet:
              description: Greets someone.
              params:
                name:
                  type: string
                  description: Who.
              required: [name]
              additionalProperties: false
            """;

    private TestCharms() {
    }

    /** The greeter charm: a machine charm, or (kubernetes) a sidecar charm with container "app". */
    static Path greeter(Path dir, boolean kubernetes, String version) {
        String name = kubernetes ? "greeter-k8s" : "greeter";
        String metadata = "name: " + name + "\nsummary: test charm\ndescription: test charm\n"
                + "provides:\n  greeting:\n    interface: hello-greeting\n"
                + "requires:\n  listen:\n    interface: hello-greeting\n    limit: 1\n    optional: true\n"
                + "peers:\n  cluster:\n    interface: greeter-peers\n"
                + (kubernetes ? "containers:\n  app:\n    resource: app-image\nresources:\n  app-image:\n    type: oci-image\n"
                        + "    description: the image\n    upstream-source: example/greeter:1\n" : "");
        return archive(dir.resolve(name + "-" + version + ".charm"), Map.of("metadata.yaml", metadata, "config.yaml", CONFIG,
                "actions.yaml", ACTIONS, "version", version + "\n"), dispatch("io.jcharm.local.fixture.GreeterCharm"));
    }

    /** A sidecar charm named minio that runs MinIO under Pebble as charms/minio does (fixture ObjectStoreCharm). */
    static Path objectStore(Path dir) {
        String metadata = "name: minio\nsummary: test charm\ndescription: test charm\n"
                + "containers:\n  minio:\n    resource: oci-image\nresources:\n  oci-image:\n    type: oci-image\n"
                + "    description: the image\n    upstream-source: example/minio:1\n";
        String config = "options:\n  secret-key:\n    type: string\n    default: first-key-123\n    description: root key.\n"
                + "  port:\n    type: int\n    default: 9000\n    description: Service port.\n";
        return archive(dir.resolve("minio.charm"), Map.of("metadata.yaml", metadata, "config.yaml", config),
                dispatch("io.jcharm.local.fixture.ObjectStoreCharm"));
    }

    /** A dispatch on this JVM and classpath, with the options a packed charm uses for short-lived JVMs. */
    static String dispatch(String charmClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return "#!/bin/sh\nexec '" + java + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -Xshare:auto -XX:-UsePerfData"
                + " $JCHARM_JAVA_OPTS -cp '" + cp + "' io.jcharm.core.CharmMain " + charmClass + "\n";
    }

    static Path archive(Path file, Map<String, String> files, String dispatch) {
        try {
            Files.createDirectories(file.getParent());
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file.toFile())) {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    entry(zip, f.getKey(), f.getValue(), 0644);
                }
                entry(zip, "dispatch", dispatch, 0755);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void entry(ZipArchiveOutputStream zip, String name, String text, int mode) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(0100000 | mode);
        zip.putArchiveEntry(e);
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
    }
}
