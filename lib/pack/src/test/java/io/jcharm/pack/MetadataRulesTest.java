package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Juju's metadata.yaml rules, each with a failing example and Juju's exact message. */
class MetadataRulesTest {

    private static void fails(String extra, String... expected) {
        assertEquals(List.of(expected), Projects.messages(extra));
    }

    private static List<String> withName(String name, String extra) {
        return Projects.problems(Projects.VALID.replace("name: demo", "name: " + name) + extra).stream()
                .map(Problem::message).toList();
    }

    @Test
    void validProjectHasNoProblems() {
        assertEquals(List.of(), Projects.messages(""));
    }

    @Test
    void requiredStringsFollowJujuSchemaTexts() {
        assertEquals(List.of("metadata: summary: expected string, got nothing"),
                Projects.problems(Projects.VALID.replace("summary: A demo charm.\n", "")).stream().map(Problem::message).toList());
        assertEquals(List.of("metadata: description: expected string, got int(42)"),
                Projects.problems(Projects.VALID.replace("description: Demonstrates things.", "description: 42"))
                        .stream().map(Problem::message).toList());
    }

    @Test
    void charmNameUsesJujusRegexNotCharmcrafts() {
        assertEquals(List.of("name \"app-2\" not valid"), withName("app-2", ""));
        assertEquals(List.of("name \"2fa\" not valid"), withName("'2fa'", ""));
        assertEquals(List.of(), withName("mysql-k8s", ""));
    }

    @Test
    void reservedRelationNameAndInterface() {
        fails("requires:\n  juju-snap: {interface: snap}\n", "charm \"demo\" using a reserved relation name: \"juju-snap\"");
        fails("provides:\n  innocuous: juju-snap\n", "charm \"demo\" relation \"innocuous\" using a reserved interface: \"juju-snap\"");
        // requires may use a juju-* interface; a charm named juju-* may use the namespace
        fails("requires:\n  info: juju-info\n");
        assertEquals(List.of(), withName("juju-helper", "provides:\n  juju-thing: juju-snap\n"));
    }

    @Test
    void containerScopedRequiresOnSubordinateMayUseReservedName() {
        fails("subordinate: true\nrequires:\n  juju-info: {interface: juju-info, scope: container}\n");
    }

    @Test
    void subordinateNeedsContainerScopedRequires() {
        fails("subordinate: true\nrequires:\n  db: pg\n",
                "subordinate charm \"demo\" lacks \"requires\" relation with container scope");
    }

    @Test
    void duplicatedRelationName() {
        fails("requires:\n  db: pg\nprovides:\n  db: pg\n", "charm \"demo\" using a duplicated relation name: \"db\"");
    }

    @Test
    void relationSchema() {
        fails("requires:\n  db: {limit: 1}\n", "metadata: requires.db.interface: expected string, got nothing");
        fails("requires:\n  db: {interface: pg, scope: machine}\n", "metadata: requires.db.scope: unexpected value \"machine\"");
        fails("requires:\n  db: {interface: pg, limit: lots}\n", "metadata: requires.db.limit: unexpected value \"lots\"");
        fails("requires:\n  db: {interface: pg, optional: maybe}\n",
                "metadata: requires.db.optional: expected bool, got string(\"maybe\")");
        fails("requires:\n  db: 5\n", "metadata: requires.db: expected map, got int(5)");
        fails("requires: [db]\n", "metadata: requires: expected map, got []interface {}([]interface {}{\"db\"})");
    }

    @Test
    void endpointNamesMustBeUsableByJujuIntegrate() {
        fails("requires:\n  myDB: pg\n", "endpoint \"myDB\" is not a valid relation endpoint name: juju integrate and"
                + " bundles accept only ^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$; rename it");
    }

    @Test
    void extraBindings() {
        fails("extra-bindings: {}\n", "charm \"demo\" has invalid extra bindings: extra bindings cannot be empty when specified");
        fails("requires:\n  db: pg\n  foo: bar\nextra-bindings:\n  db:\n  foo:\n",
                "charm \"demo\" has invalid extra bindings: relation names (db, foo) cannot be used in extra bindings");
        fails("extra-bindings:\n  foo: 42\n", "metadata: extra-bindings.foo: expected empty value, got int(42)");
    }

    @Test
    void storage() {
        fails("storage:\n  store-bad: {location: /srv}\n", "metadata: storage.store-bad.type: unexpected value <nil>");
        fails("storage:\n  data: {type: block, location: /srv}\n",
                "charm \"demo\" storage \"data\": location may not be specified for \"type: block\"");
        fails("storage:\n  data: {type: filesystem, multiple: {range: 0}}\n",
                "metadata: storage.data.multiple.range: invalid count 0");
        fails("storage:\n  data: {type: filesystem, multiple: {range: woat}}\n",
                "metadata: storage.data.multiple.range: value \"woat\" does not match 'm', 'm-n', or 'm+'");
        fails("storage:\n  data: {type: filesystem, minimum-size: 10Q}\n",
                "metadata: invalid multiplier suffix \"Q\", expected one of MGTPEZY");
        fails("storage:\n  data: {type: filesystem, minimum-size: foo}\n",
                "metadata: expected a non-negative number, got \"foo\"");
        fails("storage:\n  data: {type: filesystem, properties: [durable]}\n",
                "metadata: storage.data.properties[0]: unexpected value \"durable\"");
        fails("storage:\n  data: {type: filesystem, multiple: {range: 1-}, minimum-size: 1G, location: /srv}\n");
    }

    @Test
    void devices() {
        fails("devices:\n  bad-nvidia-gpu: {type: nvidia.com/gpu, countmin: 2, countmax: 1}\n",
                "charm \"demo\" device \"bad-nvidia-gpu\": maximum count 1 can not be smaller than minimum count 2");
        fails("devices:\n  gpu: {countmin: 1}\n", "metadata: devices.gpu.type: expected string, got nothing");
        fails("devices:\n  gpu: {type: gpu, countmin: -1}\n", "metadata: invalid device count -1");
    }

    @Test
    void resources() {
        fails("resources:\n  h2o: {type: file, filename: /dev/h2o}\n", "filename cannot contain \"/\" (got \"/dev/h2o\")");
        fails("resources:\n  data: {type: file}\n", "resource missing filename");
        fails("resources:\n  img: {type: docker}\n", "unsupported resource type \"docker\"");
    }

    @Test
    void containersAgainstResourcesAndStorage() {
        fails("containers:\n  app: {resource: test-os}\n",
                "parsing containers: referenced resource \"test-os\" not found");
        fails("resources:\n  test-os: {type: file, filename: os.tar}\ncontainers:\n  app: {resource: test-os}\n",
                "parsing containers: referenced resource \"test-os\" is not a oci-image");
        fails("storage:\n  jbod: {type: filesystem}\ncontainers:\n  super-app:\n    mounts: [{storage: logs, location: /logs}]\n",
                "parsing containers: container \"super-app\": storage \"logs\" not valid");
        fails("containers:\n  foo:\n    mounts: [{location: /x}]\n",
                "parsing containers: container \"foo\": storage must be specifed on mount");
        fails("storage:\n  b: {type: filesystem}\ncontainers:\n  foo:\n    mounts: [{storage: b}]\n",
                "parsing containers: container \"foo\": location must be specifed on mount");
        fails("containers:\n  foo: {uid: 1000}\n",
                "parsing containers: container \"foo\" has invalid uid 1000: uid cannot be in reserved range 1000-9999");
        fails("containers:\n  foo: {gid: 9999}\n",
                "parsing containers: container \"foo\" has invalid gid 9999: gid cannot be in reserved range 1000-9999");
        fails("resources:\n  img: {type: oci-image}\nstorage:\n  d: {type: filesystem}\n"
                + "containers:\n  app: {resource: img, mounts: [{storage: d, location: /d}], uid: 584792}\n");
    }

    @Test
    void terms() {
        fails("terms: [Term]\n", "wrong term name format \"Term\"");
        fails("terms: [a/b/c/d]\n", "unknown term id format \"a/b/c/d\"");
        fails("terms: [term-name, owner/term-name/2, 'cs:owner/term-name']\n");
    }

    @Test
    void charmUser() {
        fails("charm-user: barry\n", "parsing charm-user: invalid charm-user \"barry\" expected one of root, sudoer or non-root");
        fails("charm-user: non-root\n");
    }

    @Test
    void assumes() {
        fails("assumes: [k8s-api, 'juju >= 3.6', {any-of: [juju < 4, k8s-api]}]\n");
        assertTrue(Projects.messages("assumes: [K8s]\n").get(0).startsWith("parsing assumes:"));
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        List<Problem> all = Projects.problems(Projects.VALID
                + "requires:\n"                      // line 9
                + "  juju-db: pg\n"                  // line 10
                + "storage:\n"                       // line 11
                + "  data: {type: tape}\n"           // line 12
                + "actions:\n"                       // line 13
                + "  Snapshot: {}\n");               // line 14
        assertEquals(List.of(
                new Problem("charmcraft.yaml", 10, "charm \"demo\" using a reserved relation name: \"juju-db\""),
                new Problem("charmcraft.yaml", 12, "metadata: storage.data.type: unexpected value \"tape\""),
                new Problem("charmcraft.yaml", 14, "bad action name Snapshot")), all);
        assertEquals("charmcraft.yaml:14: bad action name Snapshot", all.get(2).toString());
    }
}
