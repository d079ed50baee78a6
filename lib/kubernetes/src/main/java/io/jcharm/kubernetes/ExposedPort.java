package io.jcharm.kubernetes;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A port of the workload to expose on the application's Service.
 *
 * <pre>{@code
 * ExposedPort http = ExposedPort.tcp("http", 8080);            // port 8080 -> targetPort 8080
 * ExposedPort grpc = ExposedPort.tcp("grpc", 9000, 9500);      // port 9000 -> targetPort 9500
 * }</pre>
 *
 * @param name the port's name (a DNS label; Kubernetes requires names when there are several)
 * @param port the Service's port
 * @param targetPort the container port traffic goes to
 * @param protocol TCP, UDP or SCTP
 */
public record ExposedPort(String name, int port, int targetPort, String protocol) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    public ExposedPort {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("port name \"" + name + "\" must be a DNS label: lowercase letters,"
                    + " digits and '-'");
        }
        checkPort("port", port);
        checkPort("targetPort", targetPort);
        protocol = protocol == null ? "TCP" : protocol.toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("port " + name + ": protocol must be TCP, UDP or SCTP, not " + protocol);
        }
    }

    public static ExposedPort tcp(String name, int port) {
        return new ExposedPort(name, port, port, "TCP");
    }

    public static ExposedPort tcp(String name, int port, int targetPort) {
        return new ExposedPort(name, port, targetPort, "TCP");
    }

    public static ExposedPort udp(String name, int port) {
        return new ExposedPort(name, port, port, "UDP");
    }

    private static void checkPort(String what, int p) {
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException(what + " " + p + " is not a port: must be 1-65535");
        }
    }
}
