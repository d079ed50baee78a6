package io.jcharm.relations;

import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import java.util.List;
import java.util.Optional;

/** A test charm that speaks each interface and records what it read in unit data. */
public final class WireCharm implements Charm {
    @Override
    public List<Component> components(Model model) {
        return List.of(
                Component.of("ingress", m -> {
                    for (Relation r : m.relations("ingress")) {
                        Optional<IngressRoute> route = IngressRoute.read(r);
                        route.ifPresent(x -> r.localUnit().put("seen", x.service() + ":" + x.port() + x.prefix()
                                + ">" + x.rewriteOrPrefix() + "@" + x.namespace().orElse("-")));
                    }
                }),
                Component.of("istio-pilot", m -> {
                    for (Relation r : m.relations("istio-pilot")) {
                        K8sService.publish(r, new K8sService("istiod." + m.name() + ".svc", "15012"));
                    }
                }),
                Component.of("gateway-info", m -> {
                    for (Relation r : m.relations("gateway-info")) {
                        GatewayInfo.publish(r, new GatewayInfo("kubeflow-gateway", m.name(), true));
                    }
                }),
                Component.of("gateway", m -> {
                    Optional<Relation> r = m.relation("gateway");
                    if (r.isPresent()) {
                        GatewayInfo.read(r.get()).ifPresent(g -> r.get().localUnit().put("gw", g.qualifiedName()));
                    }
                }),
                Component.of("route", m -> {
                    Optional<Relation> r = m.relation("route");
                    if (r.isPresent()) {
                        IngressRoute.request(r.get(), new IngressRoute("wire", 8080, "/wire/", Optional.of("/"),
                                Optional.empty()));
                    }
                }));
    }
}
