package io.jcharm.charms.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the charm writes on each relation it provides or requires, and how it reads bad data. */
class KfpRelationsTest extends KfpTestBase {
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void kfpApiAndKfpApiGrpcCarryTheServiceAsCharmhubKfpApiSendsIt() {
        RelationState http = RelationState.of("kfp-api", "jupyter").withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        RelationState grpc = RelationState.of("kfp-api-grpc", "kfp-metadata-writer")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State out = f.ctx.run(Events.relationChanged(http), f.related().withRelation(http).withRelation(grpc));
        assertEquals("- v1\n", out.relation(http.id()).localAppData().get("_supported_versions"));
        assertEquals("service-name: kfp.pipelines\nservice-port: \"8888\"\n", out.relation(http.id()).localAppData().get("data"));
        assertEquals("service-name: kfp.pipelines\nservice-port: \"8887\"\n", out.relation(grpc.id()).localAppData().get("data"));
    }

    @Test
    void ingressAsksForTheUiAtPipelineAsKfpUiDoes() {
        RelationState rel = RelationState.of("ingress", "istio").withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n"));
        State out = f.ctx.run(Events.relationChanged(rel), f.related().withRelation(rel));
        assertEquals("port: 3000\nprefix: /pipeline\nrewrite: /pipeline\nservice: kfp\n",
                out.relation(rel.id()).localAppData().get("data"));
    }

    @Test
    void dashboardLinksAndTheScrapeJob() {
        RelationState links = RelationState.of("dashboard-links", "kubeflow-dashboard");
        RelationState metrics = RelationState.of("metrics-endpoint", "prometheus");
        State out = f.ctx.run(Events.relationCreated(links), f.related().withRelation(links).withRelation(metrics));
        JsonNode l = json.readTree(out.relation(links.id()).localAppData().get("dashboard_links"));
        assertEquals("Pipelines /pipeline/#/pipelines menu", l.get(0).get("text").asString() + " "
                + l.get(0).get("link").asString() + " " + l.get(0).get("location").asString());
        JsonNode job = json.readTree(out.relation(metrics.id()).localAppData().get("scrape_jobs")).get(0);
        assertEquals("/metrics", job.get("metrics_path").asString());
        assertEquals("*:8888", job.at("/static_configs/0/targets/0").asString());
    }

    @Test
    void malformedDatabaseEndpointsBlockNamingThem() {
        RelationState bad = RelationState.of("relational-db", "mysql-k8s").withRemoteAppData(Map.of(
                "endpoints", "mysql-k8s-primary", "secret-user", f.dbUser.id()));
        State out = f.ctx.run(Events.relationChanged(bad), f.leader.withRelation(bad).withSecret(f.dbUser).withRelation(f.storage));
        assertEquals(Status.blocked("[relational-db] Incorrect data found in relation relational-db: endpoints"
                + " \"mysql-k8s-primary\" from mysql-k8s is not host:port"), out.unitStatus());
    }

    @Test
    void newDatabaseCredentialsReachTheApiServerAndMlmd() {
        State first = f.ctx.run(Events.configChanged(), f.related());
        SecretState rotated = SecretState.granted(Map.of("username", "relation-9", "password", "Rotated-pass-2"));
        RelationState mysql = RelationState.of("relational-db", "mysql-k8s").withId(f.mysql.id()).withRemoteAppData(Map.of(
                "database", "mlpipeline", "endpoints", "mysql-k8s-primary.pipelines.svc.cluster.local:3306",
                "secret-user", rotated.id()));
        State out = f.ctx.run(Events.relationChanged(mysql), KfpFixture.carried(first).withRelation(mysql).withSecret(rotated));
        assertEquals(Status.active(), out.unitStatus());
        assertEquals("Rotated-pass-2",
                KfpFixture.service(out, Workloads.API_SERVER).environment().get("DBCONFIG_MYSQLCONFIG_PASSWORD"));
        assertTrue(out.container(Workloads.MLMD).files().get(Workloads.MLMD_CONFIG).contains("password: \"Rotated-pass-2\""));
        assertTrue(!KfpFixture.service(out, Workloads.MLMD).environment().get("MLMD_CONFIG_SHA256")
                .equals(KfpFixture.service(first, Workloads.MLMD).environment().get("MLMD_CONFIG_SHA256")),
                "ML Metadata restarts with the new file");
    }
}
