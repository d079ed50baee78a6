package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks Juju makes with charms in hand (L6–L10, O1, O2, E1, A17, A18) and at deploy time (D1–D6). */
class CharmAwareVerifierTest {
    @TempDir
    Path tmp;
    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(tmp);
    }

    private static String apps(String more) {
        return """
                applications:
                  wordpress: {charm: ../../charms/wordpress, num_units: 1}
                  mariadb: {charm: ../../charms/mariadb, num_units: 1}
                  mysql: {charm: ../../charms/mysql, num_units: 1}
                  gateway: {charm: ../../charms/gateway, num_units: 1}
                  serving: {charm: ../../charms/serving, num_units: 1}
                  logging: {charm: ../../charms/logging}
                  ntp: {charm: ../../charms/ntp}
                """ + more;
    }

    private String charm(String name) {
        return f.root.resolve("charms").resolve(name).toString();
    }

    @Test
    void inferredRelationsVerify() {
        CheckResult r = f.check(apps("""
                relations:
                  - [wordpress, mariadb]
                  - [logging, wordpress]
                  - [ntp, mariadb]
                  - [serving, gateway]
                """), true);
        assertEquals(List.of(), r.errors());
        assertEquals(7, r.charms().size());
    }

    @Test
    void ambiguousAndMissingInference() {
        assertEquals(List.of("cannot infer endpoint between wordpress and mysql: ambiguous relation: wordpress mysql could refer to "
                        + "\"mysql:db wordpress:db\"; \"mysql:server wordpress:db\"",
                "cannot infer endpoint between wordpress and gateway: no relations found"),
                f.errors(apps("""
                relations:
                  - [wordpress, mysql]
                  - [wordpress, gateway]
                  - [logging, wordpress]
                """)));
    }

    @Test
    void duplicateAfterInference() {
        assertEquals(List.of("relation [\"mariadb\" \"wordpress\"] is defined more than once"), f.errors(apps("""
                relations:
                  - [wordpress:db, mariadb:db]
                  - [mariadb, wordpress]
                """)));
    }

    @Test
    void endpointsRolesAndInterfaces() {
        assertEquals(List.of(
                "charm \"" + charm("wordpress") + "\" used by application \"wordpress\" does not define relation \"nonexistent\"",
                "charm \"" + charm("wordpress") + "\" used by application \"wordpress\" does not define relation \"loadbalancer\"",
                "relation \"gateway:ingress\" to \"wordpress:website\" relates provider to provider",
                "relation \"serving:gateway-info\" to \"wordpress:db\" relates requirer to requirer",
                "mismatched interface between \"gateway:gateway-info\" and \"wordpress:db\" (\"istio-gateway-info\" vs \"mysql\")"),
                f.errors(apps("""
                relations:
                  - [wordpress:nonexistent, mariadb:db]
                  - [wordpress:loadbalancer, mariadb:db]
                  - [wordpress:website, gateway:ingress]
                  - [wordpress:db, serving:gateway-info]
                  - [wordpress:db, gateway:gateway-info]
                  - [wordpress:juju-info, ntp:juju-info]
                """)));
    }

    @Test
    void optionsExistAndTypeCheck() {
        assertEquals(List.of(
                "cannot validate application \"wordpress\": configuration option \"colour\" not found in charm \"" + charm("wordpress") + "\"",
                "cannot validate application \"wordpress\": option \"skill-level\" expected int, got \"too much\"",
                "cannot validate application \"wordpress\": option \"ratio\" expected float, got \"x\"",
                "cannot validate application \"wordpress\": option \"debug\" expected boolean, got \"maybe\"",
                "cannot validate application \"wordpress\": option \"blog-title\" expected string, got 5",
                "cannot validate application \"gateway\": option \"replicas\" expected int, got 1.5"),
                f.errors("""
                applications:
                  wordpress:
                    charm: ../../charms/wordpress
                    options: {colour: red, skill-level: too much, ratio: x, debug: maybe, blog-title: 5}
                  ok:
                    charm: ../../charms/wordpress
                    options: {skill-level: "0x10", ratio: 1, debug: "true", blog-title: null}
                  gateway:
                    charm: ../../charms/gateway
                    options: {replicas: 1.5, profile: edge}
                """));
    }

    @Test
    void bindingsMustNameEndpoints() {
        assertEquals(List.of("application \"wordpress\" wants to bind endpoint \"foo\" to space \"bar\", but the endpoint is not defined by the charm"),
                f.errors("""
                applications:
                  wordpress:
                    charm: ../../charms/wordpress
                    bindings: {"": alpha, db: alpha, admin-api: beta, loadbalancer: x, foo: bar}
                """));
    }

    @Test
    void subordinateRules() {
        CheckResult r = f.check("""
                applications:
                  logging: {charm: ../../charms/logging, num_units: 1, to: ["0"]}
                machines:
                  "0":
                """, true);
        assertEquals(List.of("application \"logging\" is subordinate but specifies unit placement",
                "application \"logging\" is subordinate but has non-zero num_units"), r.errors().stream().map(Problem::message).toList());
        assertEquals(List.of("subordinate application \"logging\" is not related to a principal over a container-scoped endpoint: it will have no units"),
                r.warnings().stream().map(Problem::message).toList());
    }

    @Test
    void missingCharmsAndCharmhubData() {
        CheckResult r = f.check("""
                applications:
                  broken: {charm: ../../charms/broken}
                  db: {charm: postgresql-k8s, channel: 14/stable, options: {colour: 1, profile: testing}}
                  grafana: {charm: grafana-k8s}
                """, true);
        assertEquals(List.of("application \"broken\" refers to non-existent charm \"" + charm("broken") + "\"",
                "cannot validate application \"db\": configuration option \"colour\" not found in charm \"postgresql-k8s\""),
                r.errors().stream().map(Problem::message).toList());
        assertEquals(List.of("no metadata for Charmhub charm \"grafana-k8s\": charm-aware checks skipped for it (application \"grafana\")"),
                r.warnings().stream().map(Problem::message).toList());
        assertTrue(r.errors().get(0).hint().contains("no charmcraft.yaml or metadata.yaml"));
    }

    @Test
    void undeclaredResourcesAndStorage() {
        assertEquals(List.of("unrecognized resource \"extra\"", "charm \"wordpress\" has no store called \"logs\"",
                "unrecognized resources: a, b"), f.errors("""
                applications:
                  wordpress:
                    charm: ../../charms/wordpress
                    resources: {theme: 1, extra: 2}
                    storage: {uploads: 1G, logs: 1G}
                  w2:
                    charm: ../../charms/wordpress
                    resources: {b: 1, a: ./x}
                """));
    }

    @Test
    void containerScopeNeedsASubordinateAndLimitsHold() {
        assertEquals(List.of("cannot add relation \"syslog:logs wordpress:logging-dir\": container scoped relation requires at least one subordinate application"),
                f.errors("""
                applications:
                  wordpress: {charm: ../../charms/wordpress, num_units: 1}
                  syslog: {charm: ../../charms/syslog, num_units: 1}
                relations:
                  - [wordpress:logging-dir, syslog:logs]
                """));
        assertEquals(List.of("cannot add relation \"serving:gateway-info gw2:gateway-info\": establishing a new relation for "
                + "serving:gateway-info would exceed its maximum relation limit of 1 (quota limit exceeded)"), f.errors("""
                bundle: kubernetes
                applications:
                  gw1: {charm: ../../charms/gateway, scale: 1}
                  gw2: {charm: ../../charms/gateway, scale: 1}
                  serving: {charm: ../../charms/serving, scale: 1}
                relations:
                  - [serving, gw1]
                  - [serving, gw2]
                """));
    }

    @Test
    void trustConsent() {
        Path file = f.write("bundle.yaml", """
                bundle: kubernetes
                applications:
                  gateway: {charm: ../../charms/gateway, scale: 1, trust: true}
                  serving: {charm: ../../charms/serving, scale: 1, options: {trust: true}}
                  mariadb: {charm: mariadb, scale: 1}
                """);
        BundleChecker checker = new BundleChecker(Optional.empty());
        assertEquals(List.of("Bundle cannot be deployed without trusting applications with your cloud credentials.\n"
                + "Please repeat the deploy command with the --trust argument if you consent to trust the following application(s):\n"
                + "  - gateway\n  - serving"), checker.check(file, List.of(), Optional.of(false)).errors().stream().map(Problem::message).toList());
        assertEquals(List.of(), checker.check(file, List.of(), Optional.of(true)).errors());
    }
}
