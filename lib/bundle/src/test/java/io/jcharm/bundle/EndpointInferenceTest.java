package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcharm.bundle.EndpointInference.Style;
import io.jcharm.bundle.Grammar.EndpointSpec;
import io.jcharm.core.meta.CharmMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Inference as juju integrate (server) and bundles (charm library) do it. */
class EndpointInferenceTest {
    private final Map<String, CharmMetadata> metas = new HashMap<>();

    EndpointInferenceTest() {
        for (String name : new String[] {"wordpress", "mysql", "mariadb", "logging", "ntp", "syslog", "gateway", "serving"}) {
            metas.put(name, CharmMetadata.load(Fixture.resource("/charms/" + name)));
        }
    }

    private String infer(String a, String b, Style style) {
        Inference r = EndpointInference.infer(spec(a), spec(b), app -> Optional.ofNullable(metas.get(app)), style);
        return r instanceof Inference.Inferred i ? i.first() + " " + i.second() : ((Inference.Failed) r).message();
    }

    private static EndpointSpec spec(String s) {
        return Grammar.parseEndpoint(s).orElseThrow();
    }

    @Test
    void unique() {
        assertEquals("wordpress:db mariadb:db", infer("wordpress", "mariadb", Style.SERVER));
        assertEquals("serving:gateway-info gateway:gateway-info", infer("serving", "gateway", Style.BUNDLE));
        assertEquals("wordpress:db mysql:server", infer("wordpress", "mysql:server", Style.SERVER));
    }

    @Test
    void ambiguousListsEveryCandidate() {
        assertEquals("ambiguous relation: \"wordpress mysql\" could refer to \"wordpress:db mysql:db\"; \"wordpress:db mysql:server\"",
                infer("wordpress", "mysql", Style.SERVER));
        assertEquals("ambiguous relation: wordpress mysql could refer to \"mysql:db wordpress:db\"; \"mysql:server wordpress:db\"",
                infer("wordpress", "mysql", Style.BUNDLE));
    }

    @Test
    void none() {
        assertEquals("no relations found", infer("wordpress", "gateway", Style.SERVER));
        assertEquals("no relations found", infer("mysql", "mariadb", Style.BUNDLE));
    }

    @Test
    void implicitJujuInfoIsDroppedWhenOthersMatchAndUsedWhenAlone() {
        assertEquals("logging:logging-directory wordpress:logging-dir", infer("logging", "wordpress", Style.BUNDLE));
        assertEquals("ntp:juju-info mariadb:juju-info", infer("ntp", "mariadb", Style.SERVER));
        assertEquals("logging:info wordpress:juju-info", infer("logging:info", "wordpress:juju-info", Style.SERVER));
    }

    @Test
    void serverChecksNamesAndScope() {
        assertEquals("application \"wordpress\" has no \"nope\" relation", infer("wordpress:nope", "mariadb", Style.SERVER));
        assertEquals("application \"wooble\" not found", infer("wooble", "mariadb", Style.SERVER));
        assertEquals("no relations found", infer("wordpress:nope", "mariadb", Style.BUNDLE));
        // Container scope with no subordinate: the controller discards the pair, the bundle library does not.
        assertEquals("no relations found", infer("syslog", "wordpress", Style.SERVER));
        assertEquals("syslog:logs wordpress:logging-dir", infer("syslog", "wordpress", Style.BUNDLE));
    }

    @Test
    void peersAreNeverCandidates() {
        assertEquals("no relations found", infer("wordpress:loadbalancer", "mariadb", Style.BUNDLE));
    }
}
