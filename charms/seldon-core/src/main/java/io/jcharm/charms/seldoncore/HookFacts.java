package io.jcharm.charms.seldoncore;

import io.jcharm.relations.GatewayInfo;
import java.util.Optional;

/**
 * What earlier components learnt in this hook, for later ones: made fresh for every hook by
 * {@link SeldonCoreCharm#components}, so nothing carries over between hooks.
 *
 * <pre>{@code
 * HookFacts facts = new HookFacts();
 * new WebhookCertsComponent(facts);  // sets facts.certs
 * }</pre>
 */
final class HookFacts {
    /** The webhook certificates, once the certs component read or made them. */
    WebhookCerts certs;
    /** The Istio gateway from gateway-info; empty when not related. */
    Optional<GatewayInfo> gateway = Optional.empty();
}
