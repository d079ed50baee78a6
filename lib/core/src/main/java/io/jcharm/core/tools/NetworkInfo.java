package io.jcharm.core.tools;

import java.util.List;

/**
 * network-get's answer for one binding.
 *
 * <pre>{@code
 * String ip = tools.networkGet("ingress", Optional.empty()).ingressAddresses().get(0);
 * }</pre>
 *
 * @param bindAddresses every address on every interface bound to the space
 */
public record NetworkInfo(List<BindAddress> bindAddresses, List<String> egressSubnets, List<String> ingressAddresses) {

    /** One interface and its addresses. */
    public record BindAddress(String interfaceName, String macAddress, List<Address> addresses) {
    }

    /** One address; {@code value} falls back to the legacy {@code address} key. */
    public record Address(String hostname, String value, String cidr) {
    }
}
