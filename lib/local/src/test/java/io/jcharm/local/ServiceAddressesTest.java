package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes Services on loopback addresses: each Service of the model gets its own 127.x
 * cluster IP, kept across commands, and a JVM given the model's hosts file through
 * {@code jdk.net.hosts.file}, as hooks are, resolves the Service's names to it.
 */
class ServiceAddressesTest {
    @TempDir
    Path tmp;

    @Test
    void addressesCountUpOnLoopbackSkippingZeroAndBroadcast() {
        assertEquals("127.1.0.1", ServiceAddresses.address(1, 1));
        assertEquals("127.1.0.254", ServiceAddresses.address(1, 254));
        assertEquals("127.1.1.1", ServiceAddresses.address(1, 255));
        assertEquals("127.37.0.2", ServiceAddresses.address(37, 2));
        int block = ServiceAddresses.block("/home/me/.jcharm/model");
        assertTrue(block >= 1 && block <= 254, "a block is 1-254: " + block);
        assertEquals(block, ServiceAddresses.block("/home/me/.jcharm/model"), "the same directory, the same block");
    }

    @Test
    void eachServiceGetsItsOwnAddressWhichAJvmResolvesFromTheHostsFile() throws Exception {
        Path ws = Rehearsal.workspace(tmp.resolve("ws"), "k8s.yaml");
        Path dir = tmp.resolve("state");
        String ip;
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options().withSettleTimeout(java.time.Duration.ofMinutes(6)))) {
            Rehearsal.assertSettled(model.deploy(ws, List.of(), Progress.NONE), dir);
            ip = clusterIp(model.kubernetesObjects(), "web");
            assertTrue(ip.startsWith("127." + ServiceAddresses.block(dir.toAbsolutePath().toString()) + ".0."), ip);
        }
        String hosts = Files.readString(dir.resolve("hosts"));
        assertTrue(hosts.contains(ip + " web web.k8s-greeters web.k8s-greeters.svc web.k8s-greeters.svc.cluster.local "
                + "web.k8s-greeters.svc.cluster.local.\n"), hosts);
        for (String name : List.of("web", "web.k8s-greeters", "web.k8s-greeters.svc.cluster.local",
                "web.k8s-greeters.svc.cluster.local.", "localhost")) {
            String expected = name.equals("localhost") ? "127.0.0.1" : ip;
            assertEquals(expected, resolve(dir.resolve("hosts"), name), name);
        }
        assertEquals("unknown", resolve(dir.resolve("hosts"), "nothing.k8s-greeters"), "only the model's names resolve");

        // The next command keeps the address.
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options().withSettleTimeout(java.time.Duration.ofMinutes(6)))) {
            assertEquals(ip, clusterIp(model.kubernetesObjects(), "web"));
        }
    }

    private static String clusterIp(List<JsonNode> objects, String service) {
        return objects.stream().filter(o -> o.path("kind").asString("").equals("Service")
                        && o.path("metadata").path("name").asString("").equals(service))
                .map(o -> o.path("spec").path("clusterIP").asString("")).findFirst().orElseThrow();
    }

    /** What a JVM started as hooks are (with -Djdk.net.hosts.file) resolves {@code name} to. */
    private String resolve(Path hosts, String name) throws IOException, InterruptedException {
        Path src = tmp.resolve("Resolve.java");
        Files.writeString(src, """
                public class Resolve {
                    public static void main(String[] a) {
                        try {
                            System.out.print(java.net.InetAddress.getByName(a[0]).getHostAddress());
                        } catch (java.net.UnknownHostException e) {
                            System.out.print("unknown");
                        }
                    }
                }
                """);
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + ServiceAddresses.HOSTS_PROPERTY + "=" + hosts, src.toString(), name));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertFalse(out.isEmpty());
        return out;
    }
}
