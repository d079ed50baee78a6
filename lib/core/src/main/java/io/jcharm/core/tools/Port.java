package io.jcharm.core.tools;

import java.util.Locale;

/**
 * An opened port or range as open-port takes it and opened-ports prints it.
 *
 * <pre>{@code
 * Port.tcp(16443).toString();           // "16443/tcp"
 * Port.parse("8000-8999/udp").toPort(); // 8999
 * Port.parse("icmp").protocol();        // "icmp"
 * }</pre>
 */
public record Port(String protocol, int fromPort, int toPort) {

    public Port {
        protocol = protocol.toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("icmp")) {
            throw new IllegalArgumentException("port protocol \"" + protocol + "\" must be tcp, udp or icmp");
        }
        if (!protocol.equals("icmp") && (fromPort < 1 || toPort > 65535 || toPort < fromPort)) {
            throw new IllegalArgumentException("port range " + fromPort + "-" + toPort + " must lie within 1-65535");
        }
    }

    public static Port tcp(int port) { return new Port("tcp", port, port); }
    public static Port udp(int port) { return new Port("udp", port, port); }
    public static Port icmp() { return new Port("icmp", 0, 0); }

    /** Parses {@code 80}, {@code 80/tcp}, {@code 8000-8999/udp} or {@code icmp}. */
    public static Port parse(String text) {
        String t = text.trim();
        int space = t.indexOf(' ');
        if (space > 0) {
            t = t.substring(0, space); // opened-ports --endpoints appends " (ep1,ep2)"
        }
        if (t.equals("icmp")) {
            return icmp();
        }
        String proto = "tcp";
        int slash = t.indexOf('/');
        if (slash >= 0) {
            proto = t.substring(slash + 1);
            t = t.substring(0, slash);
        }
        try {
            int dash = t.indexOf('-');
            if (dash > 0) {
                return new Port(proto, Integer.parseInt(t.substring(0, dash)), Integer.parseInt(t.substring(dash + 1)));
            }
            int p = Integer.parseInt(t);
            return new Port(proto, p, p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port \"" + text + "\" is not of the form N[-M][/tcp|udp] or icmp", e);
        }
    }

    // equals and hashCode by hand: a record's generated ones bootstrap through invokedynamic on
    // first use, which spins method-handle classes in every cold hook that opens a port.
    @Override
    public boolean equals(Object o) {
        return o instanceof Port p && p.protocol.equals(protocol) && p.fromPort == fromPort && p.toPort == toPort;
    }

    @Override
    public int hashCode() {
        return (protocol.hashCode() * 31 + fromPort) * 31 + toPort;
    }

    @Override
    public String toString() {
        if (protocol.equals("icmp")) {
            return "icmp";
        }
        return (fromPort == toPort ? Integer.toString(fromPort) : fromPort + "-" + toPort) + "/" + protocol;
    }
}
