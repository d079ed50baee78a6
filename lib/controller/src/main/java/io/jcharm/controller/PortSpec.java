package io.jcharm.controller;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * open-port and close-port's argument as Juju reads it: {@code N}, {@code N/proto},
 * {@code N-M/proto} or {@code icmp}; the protocol defaults to tcp.
 *
 * <pre>{@code
 * PortSpec.normalise("8080");            // "8080/tcp"
 * PortSpec.normalise("9000-9100/udp");   // "9000-9100/udp"
 * }</pre>
 */
final class PortSpec {
    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(tcp|udp))?");

    private PortSpec() {
    }

    /**
     * The canonical text ({@code from[-to]/proto}, or {@code icmp}).
     *
     * @throws Flags.UsageException with Juju's usage text when it is none of the forms
     */
    static String normalise(String text) {
        if (text.equals("icmp")) {
            return "icmp";
        }
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new Flags.UsageException("invalid port \"" + text + "\": expected <port>[/<protocol>] or"
                    + " <from>-<to>[/<protocol>] or icmp");
        }
        int from = number(m.group(1), text);
        int to = m.group(2) == null ? from : number(m.group(2), text);
        if (from < 1 || to > 65535 || from > to) {
            throw new Flags.UsageException("invalid port range \"" + text + "\": ports must be 1-65535, from <= to");
        }
        String proto = m.group(3) == null ? "tcp" : m.group(3);
        return (from == to ? Integer.toString(from) : from + "-" + to) + "/" + proto;
    }

    private static int number(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new Flags.UsageException("invalid port \"" + text + "\": " + digits + " is not a port number");
        }
    }
}
