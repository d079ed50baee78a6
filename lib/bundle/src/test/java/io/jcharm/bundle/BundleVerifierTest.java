package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Juju's client-side checks (juju/charm v12 {@code bundledata.go}), one failing bundle each, with
 * Juju's exact text.
 */
class BundleVerifierTest {
    @TempDir
    Path tmp;
    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(tmp);
    }

    private void expect(String yaml, String... messages) {
        assertEquals(List.of(messages), f.jujuErrors(yaml));
    }

    @Test
    void validMachineBundleHasNoErrors() {
        assertEquals(List.of(), f.jujuErrors("""
                default-base: ubuntu@22.04
                applications:
                  wordpress:
                    charm: ../../charms/wordpress
                    num_units: 2
                    to: ["0", "lxd:1"]
                    constraints: mem=4G cores=2
                    storage: {uploads: 10G}
                  db:
                    charm: mysql-k8s
                    channel: 8.0/stable
                    revision: 12
                machines:
                  "0": {constraints: arch=amd64}
                  "1":
                relations:
                  - [wordpress:db, db:db]
                """));
    }

    @Test
    void bundleLevelChecks() {
        expect("""
                bundle: foo
                series: 9wrong
                default-base: invalidbase
                applications:
                  a: {charm: mariadb}
                """, "bundle has an invalid type \"foo\"", "bundle declares an invalid series \"9wrong\"",
                "bundle declares an invalid base \"invalidbase\"");
    }

    @Test
    void kubernetesBundleWithMachines() {
        expect("""
                bundle: kubernetes
                applications:
                  a: {charm: mariadb, scale: 1}
                machines:
                  "0": {}
                """, "bundle machines not valid for Kubernetes bundles");
    }

    @Test
    void saasChecks() {
        expect("""
                saas:
                  riak: {url: admin/other.riak}
                  X: {url: admin/other.x}
                  apache2: {url: "!some-bogus/url"}
                applications:
                  riak: {charm: riak}
                """, "application \"riak\" already exists with SAAS \"riak\" name", "invalid SAAS name \"X\" found",
                "invalid offer URL \"!some-bogus/url\" for SAAS apache2",
                "SAAS \"riak\" already exists with application \"riak\" name");
    }

    @Test
    void machineChecks() {
        expect("""
                applications:
                  a:
                    charm: mariadb
                    num_units: 1
                    to: ["0"]
                machines:
                  "0": {constraints: "bad constraints", series: "bad series", base: "bad base"}
                  bogus:
                """, "invalid constraints \"bad constraints\" in machine \"0\": malformed constraint \"bad\"",
                "invalid series \"bad series\" for machine \"0\"", "invalid base \"bad base\" for machine \"0\"",
                "invalid machine id \"bogus\" found in machines", "machine \"bogus\" is not referred to by a placement directive");
    }

    @Test
    void noApplications() {
        expect("description: empty\n", "at least one application must be specified");
    }

    @Test
    void undefinedApplicationAndEmptyCharm() {
        expect("""
                applications:
                  application1:
                  a: {charm: ""}
                """, "bundle application for key \"application1\" is undefined", "empty charm path",
                "invalid charm URL in application \"a\": cannot parse name and/or revision in URL \"\": name \"\" not valid");
    }

    @Test
    void charmPathAndUrl() {
        expect("""
                applications:
                  riak: {charm: ./somepath}
                  mediawiki: {charm: "bogus:precise/mediawiki-10"}
                  old: {charm: "cs:mysql"}
                  bad: {charm: "Mysql"}
                """, "charm path in application \"riak\" does not exist: " + f.path("somepath"),
                "invalid charm URL in application \"mediawiki\": cannot parse URL \"bogus:precise/mediawiki-10\": schema \"bogus\" not valid",
                "invalid charm URL in application \"old\": cannot parse URL \"cs:mysql\": schema \"cs\" not valid",
                "invalid charm URL in application \"bad\": cannot parse name and/or revision in URL \"Mysql\": name \"Mysql\" not valid");
    }

    @Test
    void revisionChecks() {
        expect("""
                applications:
                  wordpress: {charm: wordpress-9}
                  w2: {charm: wordpress, revision: 3}
                  w3: {charm: wordpress, channel: latest/stable, revision: -1}
                """, "cannot specify revision in \"ch:wordpress-9\", please use revision",
                "application \"w2\" with a revision requires a channel for future upgrades, please use channel",
                "the revision for application \"w3\" must be zero or greater");
    }

    @Test
    void seriesBaseAndConstraints() {
        expect("""
                applications:
                  x: {charm: "ch:jammy/wordpress", series: focal}
                  y: {charm: wordpress, series: 9bad, base: "ubuntu22.04"}
                  mysql: {charm: mysql, constraints: "bad constraints"}
                  z: {charm: mysql, constraints: "mem=lots"}
                  w: {charm: mysql, constraints: "colour=red"}
                """, "the charm URL for application \"x\" has a series which does not match, please remove the series from the URL",
                "application \"y\" declares an invalid series \"9bad\"", "application \"y\" declares an invalid base \"ubuntu22.04\"",
                "invalid constraints \"bad constraints\" in application \"mysql\": malformed constraint \"bad\"",
                "invalid constraints \"mem=lots\" in application \"z\": bad \"mem\" constraint: must be a non-negative float with optional M/G/T/P suffix",
                "invalid constraints \"colour=red\" in application \"w\": unknown constraint \"colour\"");
    }

    @Test
    void storageAndDevices() {
        expect("""
                applications:
                  ceph:
                    charm: ceph
                    storage: {valid-storage: "3,10G", no_underscores: "123"}
                  ceph-osd:
                    charm: ceph-osd
                    storage: {invalid-storage: "bad storage constraints"}
                    devices: {Bad: gpu, gpu: "0,nvidia.com/gpu"}
                """, "invalid storage name \"no_underscores\" in application \"ceph\"",
                "invalid storage \"invalid-storage\" in application \"ceph-osd\": unrecognized storage directive \"bad storage constraints\" not valid",
                "invalid device name \"Bad\" in application \"ceph-osd\"",
                "invalid device \"gpu\" in application \"ceph-osd\": count must be greater than zero, got \"0\"");
    }

    @Test
    void resourcesAndUnits() {
        expect("""
                applications:
                  mediawiki:
                    charm: mediawiki
                    num_units: -1
                    resources: {"": 1, data: {a: b}}
                """, "missing resource name on application \"mediawiki\"", "resource revision \"mediawiki\" is not int or string",
                "negative number of units specified on application \"mediawiki\"");
    }

    @Test
    void machinePlacement() {
        expect("""
                applications:
                  mysql: {charm: mysql, num_units: 1, to: ["0", "1"]}
                  a: {charm: mysql, num_units: 3, to: ["bad placement", "nowhere/3", "mysql/4"]}
                  b: {charm: mysql, num_units: 1, to: ["2"]}
                machines:
                  "0":
                  "1":
                """, "too many units specified in unit placement for application \"mysql\"",
                "invalid placement syntax \"bad placement\"",
                "placement \"nowhere/3\" refers to an application not defined in this bundle",
                "placement \"mysql/4\" specifies a unit greater than the 1 unit(s) started by the target application",
                "placement \"2\" refers to a machine not defined in this bundle");
    }

    @Test
    void kubernetesPlacement() {
        expect("""
                bundle: kubernetes
                applications:
                  casandra: {charm: cassandra, scale: 1, to: ["a=b", "c=d"]}
                  hadoop: {charm: hadoop, placement: foo}
                """, "too many placement directives for application \"casandra\"",
                "expected \"key=value\", got \"foo\" for application \"hadoop\"");
    }

    @Test
    void relationSyntaxChecks() {
        expect("""
                applications:
                  mysql: {charm: mysql}
                  mediawiki: {charm: mediawiki}
                relations:
                  - ["arble:bar"]
                  - ["arble:bar", "mediawiki:db"]
                  - ["mysql:foo", "mysql:bar"]
                  - ["mysql:db", "mediawiki:db"]
                  - ["mediawiki/db", "mysql:db"]
                  - ["mediawiki:db", "mysql:db"]
                """, "relation [\"arble:bar\"] has 1 endpoint(s), not 2",
                "relation [\"arble:bar\" \"mediawiki:db\"] refers to application \"arble\" not defined in this bundle",
                "relation [\"mysql:foo\" \"mysql:bar\"] relates an application to itself",
                "invalid relation syntax \"mediawiki/db\"",
                "relation [\"mediawiki:db\" \"mysql:db\"] is defined more than once");
    }

    @Test
    void parseTimeNormalisationErrorsAreFatal() {
        CheckResult r = f.check("""
                applications:
                  mariadb: {charm: mariadb, scale: 1, num_units: 2}
                """, false);
        assertEquals(List.of("cannot specify both scale and num_units for application \"mariadb\""),
                r.errors().stream().map(Problem::message).toList());
        assertEquals(2, r.errors().get(0).location().orElseThrow().line());
        expect("""
                applications:
                  mariadb: {charm: mariadb, placement: foo=bar}
                """, "placement (foo=bar) not valid for non-Kubernetes application \"mariadb\"");
        expect("""
                bundle: kubernetes
                applications:
                  mariadb: {charm: mariadb, placement: foo=bar, to: [a=b]}
                """, "cannot specify both placement and to for application \"mariadb\"");
    }

    @Test
    void overlayOnlyFieldsInTheBase() {
        expect("""
                applications:
                  apache2:
                    charm: apache2
                    offers:
                      my-offer:
                        endpoints: [apache-website]
                """, "applications.apache2.offers can only appear in an overlay section (and 1 more errors)");
    }

    @Test
    void offersAndExposeInAnOverlayDocument() {
        expect("""
                applications:
                  aws-integrator: {charm: aws-integrator, num_units: 1, expose: true}
                ---
                applications:
                  aws-integrator:
                    offers:
                      $bad-name:
                        endpoints: ["nope!"]
                    exposed-endpoints:
                      admin: {expose-to-cidrs: [not-a-cidr]}
                """, "invalid offer name \"$bad-name\" in application \"aws-integrator\"",
                "invalid endpoint name \"nope!\" for offer \"$bad-name\" in application \"aws-integrator\"",
                "exposed-endpoints cannot be specified together with \"exposed:true\" in application \"aws-integrator\" as this "
                        + "poses a security risk when deploying bundles to older controllers");
        expect("""
                applications:
                  aws-integrator: {charm: aws-integrator, num_units: 1}
                ---
                applications:
                  aws-integrator:
                    exposed-endpoints:
                      admin: {expose-to-cidrs: [not-a-cidr, 10.0.0.0/8]}
                """, "invalid CIDR \"not-a-cidr\" for expose to CIDRs field for endpoint \"admin\" in application \"aws-integrator\"");
    }

    @Test
    void everyErrorIsReportedWithItsLine() {
        CheckResult r = f.check("""
                applications:
                  a:
                    charm: ./missing
                    num_units: -1
                relations:
                  - [a, nowhere]
                """, false);
        assertEquals(3, r.errors().size());
        assertEquals(3, r.errors().get(0).location().orElseThrow().line());
        assertEquals(4, r.errors().get(1).location().orElseThrow().line());
        assertEquals(6, r.errors().get(2).location().orElseThrow().line());
        assertTrue(r.errors().get(0).format().startsWith(f.bundleDir.resolve("bundle.yaml") + ":3: error: charm path"));
    }

    @Test
    void unknownFieldsAreWarningsNotErrors() {
        CheckResult r = f.check("""
                name: test
                colour: blue
                applications:
                  a: {charm: mariadb, colour: red, _github_repo_name: x}
                """, false);
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("field colour not found in bundle; juju deploy ignores it",
                "field colour not found in applications; juju deploy ignores it"),
                r.warnings().stream().map(Problem::message).toList());
    }

    @Test
    void syntaxErrorNamesTheLine() {
        CheckResult r = f.check("applications:\n  a: {charm: x\n  b: [\n", false);
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).message().startsWith("cannot unmarshal bundle contents: unmarshal document 0: yaml: line "), r.errors().get(0).message());
    }
}
