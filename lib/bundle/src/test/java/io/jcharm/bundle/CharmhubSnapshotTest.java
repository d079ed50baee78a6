package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.yaml.GoYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's Charmhub snapshots (bundles/charmhub) against the false errors and hidden real
 * errors of issue 11, the choice of snapshot by channel, and the snapshot writer's round trip.
 */
class CharmhubSnapshotTest {
    @TempDir
    Path tmp;
    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(tmp).withRepositorySnapshots();
    }

    private List<String> warnings(String yaml) {
        return f.check(yaml, true).warnings().stream().map(Problem::message).toList();
    }

    @Test
    void theMlflowBundleWithRealOptionsHasNoFalseError() {
        String bundle = """
                bundle: kubernetes
                applications:
                  mlflow-server:
                    charm: mlflow-server
                    channel: 2.22/stable
                    scale: 1
                    trust: true
                    options: {mlflow_prometheus_exporter_nodeport: 31381}
                  mlflow-minio: {charm: minio, channel: ckf-1.10/stable, scale: 1, trust: true}
                  mlflow-mysql:
                    charm: mysql-k8s
                    channel: 8.0/stable
                    scale: 1
                    trust: true
                    constraints: mem=2G
                    options: {experimental-max-connections: 500, logs_audit_policy: all}
                relations:
                  - [mlflow-server, mlflow-minio]
                  - [mlflow-server, mlflow-mysql]
                """;
        assertEquals(List.of(), f.errors(bundle));
        assertEquals(List.of(), warnings(bundle));
    }

    /** The auth and ingress part of a Charmed Kubeflow bundle, on the Charmhub charms. */
    private static final String KUBEFLOW_AUTH_PART = """
                bundle: kubernetes
                applications:
                  istio-pilot: {charm: istio-pilot, channel: 1.28/stable, scale: 1, trust: true}
                  istio-ingressgateway: {charm: istio-gateway, channel: 1.28/stable, scale: 1, trust: true,
                                         options: {kind: ingress}}
                  dex-auth: {charm: dex-auth, channel: 2.39/stable, scale: 1, trust: true}
                  oidc-gatekeeper: {charm: oidc-gatekeeper, channel: ckf-1.10/stable, scale: 1}
                  kubeflow-dashboard: {charm: kubeflow-dashboard, channel: 1.10/stable, scale: 1, trust: true}
                relations:
                  - [dex-auth:dex-oidc-config, oidc-gatekeeper:dex-oidc-config]
                  - [dex-auth:oidc-client, oidc-gatekeeper:oidc-client]
                  - [istio-pilot:ingress, dex-auth:ingress]
                  - [istio-pilot:ingress, oidc-gatekeeper:ingress]
                  - [istio-pilot:ingress, kubeflow-dashboard:ingress]
                  - [istio-pilot:ingress-auth, oidc-gatekeeper:ingress-auth]
                  - [istio-pilot:istio-pilot, istio-ingressgateway:istio-pilot]
                """;

    @Test
    void theAuthAndIngressPartOfCharmedKubeflowVerifies() {
        assertEquals(List.of(), f.errors(KUBEFLOW_AUTH_PART));
        assertEquals(List.of(), warnings(KUBEFLOW_AUTH_PART));
    }

    @Test
    void ourIstioAndSeldonCoreStandInForTheCharmhubCharmsInThatBundle() {
        // Issue 11, drop-in: istio in istio-pilot's place (ingress-auth included), and seldon-core as
        // seldon-controller-manager with the option values an overlay for Charmhub's 1.17 charm sets.
        Path charms = Path.of("../../charms").toAbsolutePath().normalize();
        String bundle = KUBEFLOW_AUTH_PART
                .replace("istio-pilot: {charm: istio-pilot, channel: 1.28/stable,", "istio-pilot: {charm: " + charms.resolve("istio") + ",")
                .replace("relations:\n", "  seldon-controller-manager:\n    charm: " + charms.resolve("seldon-core") + "\n    scale: 1\n"
                        + "    trust: true\n    options:\n      webhook-port: \"4443\"\n      manager-log-level: WARNING\n"
                        + "      custom_images: |\n        configmap__predictor__sklearn__seldon: reg.local/sklearnserver:1.17.1\n"
                        + "relations:\n  - [istio-pilot:gateway-info, seldon-controller-manager:gateway-info]\n");
        assertTrue(bundle.contains(charms.resolve("istio").toString()) && bundle.contains("seldon-core\n"), bundle);
        assertEquals(List.of(), f.errors(bundle));
        assertEquals(List.of(), warnings(bundle));
        // Without Charmhub's names and types the same overlay would be refused, as Juju refuses it.
        assertEquals(List.of("cannot validate application \"seldon-controller-manager\": option \"webhook-port\" expected string,"
                + " got 4443"), f.errors(bundle.replace("webhook-port: \"4443\"", "webhook-port: 4443")));
    }

    @Test
    void anEndpointLessRelationToMysqlK8sIsAmbiguousBetweenItsTwoMysqlProvides() {
        List<String> errors = f.errors("""
                applications:
                  wordpress: {charm: ../../charms/wordpress, num_units: 1}
                  db: {charm: mysql-k8s, channel: 8.0/stable, num_units: 1}
                relations:
                  - [wordpress, db]
                """);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("cannot infer endpoint between wordpress and db: ambiguous relation:"), errors.get(0));
        assertTrue(errors.get(0).contains("db:mysql wordpress:db") && errors.get(0).contains("db:mysql-root wordpress:db"), errors.get(0));
    }

    @Test
    void aSecondLoggingRelationExceedsMysqlK8sLimitOfOne() {
        List<String> errors = f.errors("""
                applications:
                  db: {charm: mysql-k8s, channel: 8.0/stable, num_units: 1}
                  loki-a: {charm: ../../charms/loki, num_units: 1}
                  loki-b: {charm: ../../charms/loki, num_units: 1}
                relations:
                  - [db:logging, loki-a:logging]
                  - [db:logging, loki-b:logging]
                """);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("db:logging would exceed its maximum relation limit of 1"), errors.get(0));
    }

    @Test
    void theSnapshotFollowsTheChannelsTrack() {
        CharmCatalog catalog = new CharmCatalog(Optional.of(f.root.resolve("bundles/charmhub")));
        CharmMetadata ckf = ((CharmResolution.Found) catalog.resolve("minio", "ckf-1.10/stable", f.bundleDir)).metadata();
        CharmMetadata main = ((CharmResolution.Found) catalog.resolve("minio", "latest/edge", f.bundleDir)).metadata();
        assertTrue(ckf.endpoint("service-mesh").isEmpty(), "ckf-1.10 has no mesh endpoints");
        assertTrue(main.endpoint("service-mesh").isPresent(), "main (latest) has them");
        CharmResolution.Found fallback = (CharmResolution.Found) catalog.resolve("minio", "ckf-1.9/stable", f.bundleDir);
        assertEquals(Optional.of("no snapshot of Charmhub charm \"minio\" for track \"ckf-1.9\"; checked against track \"latest\""
                + " (snapshots: ckf-1.10, latest)"), fallback.warning());
        assertEquals(List.of("no snapshot of Charmhub charm \"minio\" for track \"ckf-1.9\"; checked against track \"latest\""
                + " (snapshots: ckf-1.10, latest) (application \"s3\")"),
                warnings("bundle: kubernetes\napplications:\n  s3: {charm: minio, channel: ckf-1.9/stable, scale: 1}\n"));
        assertEquals(List.of("charm \"minio\" used by application \"s3\" does not define relation \"service-mesh\""),
                f.errors("bundle: kubernetes\napplications:\n  s3: {charm: minio, channel: ckf-1.10/stable, scale: 1}\n"
                        + "  m: {charm: ../../charms/wordpress}\nrelations:\n  - [s3:service-mesh, m:db]\n"));
    }

    @Test
    void everyRepositorySnapshotRecordsItsSourceAndIsFiledUnderItsCharmAndTrack() throws Exception {
        Path charmhub = StandinFilesTest.CHARMHUB; // the repository's own files, not the fixture's test charms
        int files = 0;
        try (Stream<Path> charms = Files.list(charmhub)) {
            for (Path dir : charms.filter(Files::isDirectory).sorted().toList()) {
                String charm = dir.getFileName().toString();
                for (String track : CharmCatalog.tracks(charmhub, charm)) {
                    Path file = dir.resolve(track + ".yaml");
                    Map<String, Object> all = Raw.map(GoYaml.read(file).get(0).root());
                    Map<String, Object> source = Raw.map(all.get("snapshot"));
                    // Issue 11: a snapshot says where its facts come from, and the file it sits in is its charm and track.
                    assertEquals(charm, source.get("charm"), file.toString());
                    assertEquals(charm, all.get("name"), file.toString());
                    assertEquals(track, String.valueOf(source.get("track")), file.toString());
                    assertTrue(String.valueOf(source.get("repository")).matches("[\\w.-]+/[\\w.-]+"), file + ": repository");
                    assertFalse(String.valueOf(source.getOrDefault("branch", "")).isBlank(), file + ": branch");
                    assertTrue(String.valueOf(source.get("commit")).matches("[0-9a-f]{40}"), file + ": commit");
                    files++;
                }
            }
        }
        assertTrue(files >= 11, "snapshots checked: " + files);
    }

    @Test
    void aCharmDirectoryIsTypedAsGoTypesIt() throws Exception {
        Path dir = tmp.resolve("src/flags");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("metadata.yaml"), "name: flags\nsummary: s\ndescription: d\n");
        java.nio.file.Files.writeString(dir.resolve("actions.yaml"),
                "reset:\n  params:\n    force: {type: boolean, default: False}\n");
        CharmMetadata meta = CharmhubSnapshot.readCharm(List.of(dir));
        // A YAML 1.2 reader keeps "False" a string; Juju's (YAML 1.1) makes it a bool.
        assertEquals(false, meta.actions().get("reset").params().get("force").get("default"));
        java.nio.file.Files.writeString(dir.resolve("charmcraft.yaml"), "type: charm\nconfig:\n  options:\n    port: {type: int}\n");
        assertTrue(CharmhubSnapshot.readCharm(List.of(dir)).config().containsKey("port"), "config beside metadata.yaml in charmcraft.yaml");
    }

    @Test
    void aSnapshotReadsBackAsTheSameMetadata() {
        for (String charm : List.of("wordpress", "gateway", "serving", "logging")) {
            CharmMetadata meta = CharmMetadata.load(f.root.resolve("charms").resolve(charm));
            String yaml = new CharmhubSnapshot(meta, new CharmhubSnapshot.Source("x/y", "main", "abc", "latest")).yaml();
            Map<String, Object> all = Raw.map(GoYaml.read(yaml, Path.of("s.yaml")).get(0).root());
            CharmMetadata back = CharmMetadata.parse(all, Raw.map(all.get("config")), Raw.map(all.get("actions")));
            assertEquals(meta.endpoints(), back.endpoints(), charm);
            assertEquals(meta.config().keySet(), back.config().keySet(), charm);
            meta.config().forEach((k, o) -> assertEquals(o.defaultValue(), back.config().get(k).defaultValue(), charm + " " + k));
            assertEquals(meta.resources().keySet(), back.resources().keySet(), charm);
            assertEquals(meta.storage(), back.storage(), charm);
            assertEquals(meta.containers(), back.containers(), charm);
            assertEquals(meta.extraBindings(), back.extraBindings(), charm);
            assertEquals(meta.actions().keySet(), back.actions().keySet(), charm);
            assertFalse(meta.description().contains(" ") && yaml.contains(meta.description()), "prose is not copied: " + charm);
        }
    }
}
