package io.jcharm.charms.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.pebble.layer.LogTarget;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** COS: logs forwarded to Loki by Pebble, and a Grafana dashboard that Grafana's own decoding reads. */
class MlflowObservabilityTest extends MlflowTestBase {
    private static final String PUSH = "http://loki-0.loki-endpoints.cos.svc.cluster.local:3100/loki/api/v1/push";
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void eachLokiUnitBecomesAPebbleLogTargetAndADepartedOneIsSwitchedOff() {
        RelationState loki = RelationState.of("logging", "loki").withRemoteUnitsData(Map.of("loki/0", Map.of("endpoint",
                "{\"url\": \"" + PUSH + "\"}")));
        State out = f.ctx.run(Events.relationChanged(loki), f.leader.withRelation(loki));
        assertEquals(Status.active(), out.unitStatus());
        LogTarget target = out.container(MlflowCharm.CONTAINER).planOrFail().logTargets().get("loki/0");
        assertEquals(PUSH, target.location());
        assertEquals(List.of("all"), target.services());
        assertEquals("mlflow-server/0", target.labels().get("juju_unit"));
        assertEquals("Juju", target.labels().get("product"));

        RelationState gone = loki.withRemoteUnitsData(Map.of());
        State after = f.ctx.run(Events.relationDeparted(gone, "loki/0"), out.withRelation(gone)
                .withContainer(out.container(MlflowCharm.CONTAINER).carriedOver()));
        // Replaced by a target that forwards nothing, as Canonical's LogForwarder does.
        assertEquals(List.of("-all"), after.container(MlflowCharm.CONTAINER).planOrFail().logTargets().get("loki/0").services());
    }

    @Test
    void aLokiUnitWithoutAUrlBlocksNamingIt() {
        RelationState loki = RelationState.of("logging", "loki").withRemoteUnitsData(Map.of("loki/0", Map.of("endpoint", "{}")));
        State out = f.ctx.run(Events.relationChanged(loki), f.leader.withRelation(loki));
        assertEquals(Status.blocked("[logging] loki/0 wrote endpoint without a \"url\" on logging (loki_push_api expects "
                + "{\"url\": \"http://...:3100/loki/api/v1/push\"})"), out.unitStatus());
    }

    @Test
    void theDashboardDecodesWithPythonsLzmaAsGrafanaDoesAndAnUnchangedHookKeepsItsUuid() throws Exception {
        RelationState grafana = RelationState.of("grafana-dashboard", "grafana");
        State out = f.ctx.run(Events.relationJoined(grafana), f.leader.withRelation(grafana));
        JsonNode dashboards = json.readTree(out.relation(grafana.id()).localAppData().get("dashboards"));
        JsonNode template = dashboards.path("templates").path("file:mlflow.json");
        assertEquals("mlflow-server", template.path("charm").asString());
        assertEquals("mlflow-server/0", template.path("juju_topology").path("unit").asString());
        JsonNode decoded = json.readTree(pythonLzmaDecode(template.path("content").asString()));
        assertEquals("jcharm-mlflow", decoded.path("uid").asString());

        State again = f.ctx.run(Events.relationChanged(grafana), out.withContainer(out.container(MlflowCharm.CONTAINER).carriedOver()));
        assertEquals(dashboards.path("uuid"), json.readTree(again.relation(grafana.id()).localAppData().get("dashboards")).path("uuid"));
    }

    /** What grafana-k8s does with the content: base64 decode, then Python's lzma.decompress. */
    private static String pythonLzmaDecode(String content) throws Exception {
        Process p = new ProcessBuilder("python3", "-c",
                "import base64, lzma, sys; sys.stdout.write(lzma.decompress(base64.b64decode(sys.stdin.read())).decode())")
                .redirectErrorStream(true).start();
        p.getOutputStream().write(content.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return out;
    }
}
