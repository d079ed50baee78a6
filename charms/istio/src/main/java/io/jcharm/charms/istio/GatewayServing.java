package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * How the gateway serves in this hook: over TLS or not, and whether its Gateway object is
 * served at all. The Gateway (and its TLS Secret) is withheld while an {@code ingress-auth}
 * provider is asked for but its filter is not in place (see {@link IngressAuthState}): the
 * gateway workload keeps running, with nothing to serve, so no route is served unauthenticated.
 *
 * <pre>{@code
 * new GatewayServing(Optional.empty(), false).objects(cfg, "kubeflow");  // workload, no Gateway
 * }</pre>
 *
 * @param open whether the Gateway is served
 */
record GatewayServing(Optional<TlsMaterial> tls, boolean open) {

    /** The gateway resource set's objects. */
    List<HasMetadata> objects(IstioConfig cfg, String ns) {
        List<HasMetadata> all = GatewayObjects.desired(cfg, ns, tls);
        if (open) {
            return all;
        }
        return all.stream().filter(o -> !o.getKind().equals("Gateway") && !o.getKind().equals("Secret")).toList();
    }
}
