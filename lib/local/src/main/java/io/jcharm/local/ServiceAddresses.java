package io.jcharm.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each Kubernetes Service of the local model gets its own loopback address as its
 * {@code spec.clusterIP} (127.B.0.1, 127.B.0.2, ...; Linux routes all of 127.0.0.0/8 to the
 * loopback interface, so a stood-in workload can listen there), kept for the Service's name across
 * replaces and commands. B (1-254) is drawn from the model directory's path, so that two models
 * rehearsing on one machine at once (two checkouts, parallel test runs) rarely share addresses,
 * and a workload stand-in of one does not find its address and port taken by the other's. The
 * hosts file hook processes read through the JDK's
 * {@code jdk.net.hosts.file} maps {@code <service>}, {@code <service>.<namespace>},
 * {@code <service>.<namespace>.svc} and {@code <service>.<namespace>.svc.cluster.local} (also
 * with the trailing dot some charms append) to that address, as the cluster's DNS would for a
 * pod in the model's namespace.
 *
 * <pre>{@code
 * ServiceAddresses a = new ServiceAddresses(ServiceAddresses.block("/home/me/.jcharm/model"));   // say B = 37
 * a.assign(service);                    // spec.clusterIP = "127.37.0.1" unless it has one
 * a.hostsFile(services, "mlops", "host");   // "127.37.0.1 minio minio.mlops ..."
 * }</pre>
 */
final class ServiceAddresses {
    /** The JDK property naming a hosts file that replaces every other name lookup. */
    static final String HOSTS_PROPERTY = "jdk.net.hosts.file";
    private final Map<String, String> byService = new HashMap<>();
    private final int block;
    private int next = 1;

    /** Addresses in 127.{@code block}.0.0/16 ({@code block} 1-254). */
    ServiceAddresses(int block) {
        if (block < 1 || block > 254) {
            throw new IllegalArgumentException("the loopback block must be 1-254, not " + block);
        }
        this.block = block;
    }

    /** The block of a model: 1-254, from its directory's absolute path. */
    static int block(String modelDir) {
        return 1 + Math.floorMod(modelDir.hashCode(), 254);
    }

    /** Gives a Service without a cluster IP its address (the one it had before, if any); headless and ExternalName Services get none. */
    synchronized boolean assign(ObjectNode service) {
        JsonNode spec = service.path("spec");
        String key = service.path("metadata").path("namespace").asString("") + "/" + service.path("metadata").path("name").asString("");
        String current = spec.path("clusterIP").asString("");
        if (!current.isEmpty()) {
            if (current.startsWith("127.")) {
                byService.put(key, current);
                if (current.startsWith("127." + block + ".")) {
                    next = Math.max(next, number(current) + 1);
                }
            }
            return false;
        }
        if ("ExternalName".equals(spec.path("type").asString("")) || !(spec instanceof ObjectNode s)) {
            return false;
        }
        String ip = byService.computeIfAbsent(key, k -> address(block, next++));
        s.put("clusterIP", ip);
        s.putArray("clusterIPs").add(ip);
        return true;
    }

    /** The n-th address of a block: 127.block.0.1 upwards, skipping .0 and .255 in the last byte. */
    static String address(int block, int n) {
        int index = n - 1;
        if (index < 0 || index >= 254 * 256) {
            throw new IllegalStateException("the local model has no loopback address left for a Service (" + n + " Services)");
        }
        return "127." + block + "." + (index / 254) + "." + (index % 254 + 1);
    }

    private static int number(String ip) {
        String[] p = ip.split("\\.");
        if (p.length != 4) {
            return 0;
        }
        try {
            int c = Integer.parseInt(p[2]);
            int d = Integer.parseInt(p[3]) - 1;
            return d < 0 || d > 253 ? 0 : c * 254 + d + 1;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** This machine's name, which JVMs look up (InetAddress.getLocalHost) and must still find. */
    static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost"; // a machine whose own name does not resolve: hooks would not find it either
        }
    }

    /**
     * The hosts file for hooks in {@code namespace}: localhost and this machine's name first (the
     * JDK then resolves nothing else), then one line per Service with a loopback cluster IP.
     */
    static String hostsFile(List<JsonNode> objects, String namespace, String hostname) {
        StringBuilder sb = new StringBuilder("# Written by the jcharm local model: Kubernetes Services on loopback addresses.\n");
        sb.append("127.0.0.1 localhost ").append(hostname).append('\n').append("::1 localhost ip6-localhost\n");
        Map<String, List<String>> names = new TreeMap<>();
        for (JsonNode o : objects) {
            if (!"Service".equals(o.path("kind").asString(""))) {
                continue;
            }
            String ip = o.path("spec").path("clusterIP").asString("");
            String name = o.path("metadata").path("name").asString("");
            String ns = o.path("metadata").path("namespace").asString("");
            if (!ip.startsWith("127.") || name.isEmpty()) {
                continue;
            }
            List<String> line = names.computeIfAbsent(ip, k -> new ArrayList<>());
            if (ns.equals(namespace)) {
                line.add(name); // the search list of a pod in this namespace
            }
            String fqdn = name + "." + ns + ".svc.cluster.local";
            line.addAll(List.of(name + "." + ns, name + "." + ns + ".svc", fqdn, fqdn + "."));
        }
        names.forEach((ip, n) -> sb.append(ip).append(' ').append(String.join(" ", n)).append('\n'));
        return sb.toString();
    }
}
