package io.jcharm.cli;

import io.jcharm.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine;

/**
 * A scratch repository (charms/, bundles/) and a fake {@code juju} on PATH that records its argv
 * and serves {@code juju status --format=json} documents status-1.json, status-2.json, ... in
 * turn (the last one repeats).
 */
final class CliHarness {
    record Run(int code, String out, String err) {
    }

    final Path root;
    final Path jujuDir;
    final Map<String, String> env = new HashMap<>();

    CliHarness(Path tmp) {
        this.root = tmp;
        this.jujuDir = tmp.resolve("fake-juju");
        try {
            Path repo = Path.of(CliHarness.class.getResource("/repo").toURI());
            try (Stream<Path> files = Files.walk(repo)) {
                for (Path p : files.toList()) {
                    Path dst = tmp.resolve(repo.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.copy(p, dst);
                    }
                }
            }
            Files.createDirectories(jujuDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        env.put("PATH", "/usr/bin:/bin");
        env.put("FAKE_JUJU_DIR", jujuDir.toString());
        env.put("JCHARM_HOME", tmp.toString());
    }

    /** Runs the CLI as Main does (a local verb's command line holds that verb alone). */
    Run jcharm(String... args) {
        return run(JcharmCommand.commandLine(context(), args), args);
    }

    /** Runs the CLI with every verb built, whatever the arguments. */
    Run jcharmFull(String... args) {
        return run(JcharmCommand.commandLine(context()), args);
    }

    CliContext context() {
        return new CliContext(env, root, new ProcessRunner(), Duration.ofMillis(10));
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Puts the fake juju (src/test/resources/fake-juju.sh, a Juju 3.6 imitation) first on PATH. */
    void installFakeJuju() throws IOException {
        Path bin = root.resolve("bin");
        Files.createDirectories(bin);
        Path juju = bin.resolve("juju");
        copyFake(juju);
        env.put("PATH", bin + ":/usr/bin:/bin");
    }

    /**
     * Installs the fake juju as the snap does: {@code bin/juju} a symlink to an executable named
     * {@code snap}, which makes the fake read only non-hidden paths under {@code home} (its HOME).
     */
    void installSnapJuju(Path home) throws IOException {
        Path snapd = root.resolve("snapd");
        Files.createDirectories(snapd);
        copyFake(snapd.resolve("snap"));
        Path bin = root.resolve("bin");
        Files.createDirectories(bin);
        Files.createSymbolicLink(bin.resolve("juju"), snapd.resolve("snap"));
        Files.createDirectories(home);
        env.put("HOME", home.toString());
        env.put("PATH", bin + ":/usr/bin:/bin");
    }

    private static void copyFake(Path to) throws IOException {
        try (var in = CliHarness.class.getResourceAsStream("/fake-juju.sh")) {
            Files.write(to, in.readAllBytes());
        }
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** "command @ctrl:admin/model" for each juju command that acted on a model, in order. */
    List<String> modelCalls() throws IOException {
        Path log = jujuDir.resolve("models.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    List<String> jujuCalls() throws IOException {
        Path log = jujuDir.resolve("argv.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    void status(int n, String json) throws IOException {
        Files.writeString(jujuDir.resolve("status-" + n + ".json"), json);
    }

    /** The n-th status of one model (its bare name: default, edge). */
    void status(String model, int n, String json) throws IOException {
        Files.writeString(jujuDir.resolve("status-" + model + "-" + n + ".json"), json);
    }

    /** A scratch repository whose test charms (gateway, serving, k8s-node) are packed. */
    static CliHarness packed(Path tmp) throws IOException {
        CliHarness h = new CliHarness(tmp);
        for (String c : new String[] {"gateway", "serving", "k8s-node"}) {
            h.pack(c);
        }
        return h;
    }

    /**
     * An edge deploy that settles: the machine model (default) and the Kubernetes model (edge)
     * empty at first, then every unit of their bundle part active and idle.
     */
    void edgeSettles() throws IOException {
        status("default", 1, emptyStatus("default"));
        status("default", 2, unitStatus("default", "k8s-node/0", "active|idle"));
        status("edge", 1, emptyStatus("edge"));
        status("edge", 2, unitStatus("edge", "gateway/0", "active|idle", "serving/0", "active|idle", "monitor/0", "active|idle"));
    }

    /** A status of the given units, each followed by "workload|agent[|message]". */
    static String unitStatus(String model, String... unitStates) {
        Map<String, String[]> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < unitStates.length; i += 2) {
            m.put(unitStates[i], unitStates[i + 1].split("\\|", 3));
        }
        return statusJson(model, m);
    }

    /** What the fake's juju run answers: the kubeconfig action's completed task, with a kubeconfig (YAML text). */
    void kubeconfigAction(String kubeconfig) throws IOException {
        String escaped = kubeconfig.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        Files.writeString(jujuDir.resolve("run.json"), "{\"k8s-node/0\":{\"id\":\"2\",\"results\":{\"kubeconfig\":\"" + escaped
                + "\",\"return-code\":0},\"status\":\"completed\",\"unit\":\"k8s-node/0\"}}\n");
    }

    /** A status with no application: a fresh model. */
    static String emptyStatus(String model) {
        return statusJson(model, Map.of());
    }

    /** Packs a test charm the simple way: its charmcraft.yaml split into metadata/config/actions. */
    void pack(String charm) throws IOException {
        Path dir = root.resolve("charms").resolve(charm);
        Files.createDirectories(dir.resolve("target"));
        String text = Files.readString(dir.resolve("charmcraft.yaml"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("metadata.yaml"));
            zip.write(text.getBytes());
            zip.closeEntry();
            int cfg = text.indexOf("\nconfig:\n");
            if (cfg >= 0) {
                zip.putNextEntry(new ZipEntry("config.yaml"));
                zip.write(text.substring(cfg + 9).replaceAll("(?m)^  ", "").replaceAll("(?s)\nactions:.*", "\n").getBytes());
                zip.closeEntry();
            }
            int act = text.indexOf("\nactions:\n");
            if (act >= 0) {
                zip.putNextEntry(new ZipEntry("actions.yaml"));
                zip.write(text.substring(act + 10).replaceAll("(?m)^  ", "").getBytes());
                zip.closeEntry();
            }
        }
        Files.write(dir.resolve("target").resolve(charm + "_ubuntu-22.04-amd64.charm"), bytes.toByteArray());
    }

    /** A juju status document in Juju 3's shape. */
    static String statusJson(String model, Map<String, String[]> units) {
        StringBuilder apps = new StringBuilder();
        Map<String, StringBuilder> byApp = new java.util.LinkedHashMap<>();
        units.forEach((unit, st) -> {
            String app = unit.substring(0, unit.indexOf('/'));
            StringBuilder sb = byApp.computeIfAbsent(app, k -> new StringBuilder());
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append("""
                    "%s":{"workload-status":{"current":"%s","message":"%s","since":"01 Jan 2026 00:00:00Z"},\
                    "juju-status":{"current":"%s","since":"01 Jan 2026 00:00:00Z","version":"3.6.4"},\
                    "leader":true,"address":"10.1.0.5","provider-id":"%s"}""".formatted(unit, st[0], st.length > 2 ? st[2] : "",
                    st[1], unit.replace('/', '-')));
        });
        byApp.forEach((app, u) -> {
            if (apps.length() > 0) {
                apps.append(',');
            }
            apps.append("""
                    "%s":{"charm":"local:%s-0","charm-name":"%s","charm-origin":"local","charm-rev":0,"exposed":false,\
                    "base":{"name":"ubuntu","channel":"22.04"},"scale":1,"provider-id":"x",\
                    "application-status":{"current":"active","since":"01 Jan 2026 00:00:00Z"},"units":{%s},\
                    "endpoint-bindings":{"":"alpha"}}""".formatted(app, app, app, u));
        });
        return """
                {"model":{"name":"%s","type":"caas","controller":"ctrl","cloud":"microk8s","region":"localhost",\
                "version":"3.6.4","model-status":{"current":"available","since":"01 Jan 2026 00:00:00Z"},"sla":"unsupported"},\
                "machines":{},"applications":{%s},"storage":{},"controller":{"timestamp":"00:00:00Z"}}
                """.formatted(model, apps);
    }
}
