package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where Juju's own code read or verified bundles differently from us (issue 11, verifier items
 * 1–8): each test is one of those differences, with Juju's text.
 */
class JujuReadingTest {
    private static final String NO_APPS = "at least one application must be specified";

    @TempDir
    Path tmp;
    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(tmp);
    }

    private List<String> errors(String yaml) {
        return f.jujuErrors(yaml);
    }

    @Test
    void aTypeErrorEmptiesTheBundleAsJujusDecoderDoes() {
        for (String bad : List.of("num_units: \"3\"", "trust: \"yes\"", "to: '0'", "num_units: 1#x", "expose: 1", "num_units: 1e20")) {
            CheckResult r = f.check("applications:\n  db:\n    charm: mysql-k8s\n    " + bad + "\n", false);
            assertEquals(1, r.errors().size(), bad);
            Problem p = r.errors().get(0);
            assertTrue(p.message().startsWith(NO_APPS + " ("), p.message());
            assertEquals(4, p.location().orElseThrow().line(), bad);
        }
        assertTrue(errors("applications:\n  db: {charm: mysql-k8s, num_units: \"3\"}\n").get(0)
                .contains("cannot unmarshal !!str `3` into int"));
        assertTrue(errors("applications:\n  db: {charm: mysql-k8s}\nrelations: \"db:x\"\n").get(0).startsWith(NO_APPS));
        assertTrue(errors("applications:\n  db: {charm: mysql-k8s}\nrelations: [{a: b}]\n").get(0).startsWith(NO_APPS));
    }

    @Test
    void anOverlayWithATypeErrorIsDroppedWholeAndSaidSo() {
        CheckResult r = f.check("""
                applications:
                  db: {charm: mysql-k8s, num_units: 1}
                ---
                applications:
                  extra: {charm: mysql-k8s}
                  db: {num_units: "2"}
                """, false);
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).message().startsWith("overlay document 1 of bundle.yaml is ignored by juju deploy"),
                r.errors().get(0).message());
        assertEquals(List.of("db"), List.copyOf(r.bundle().orElseThrow().applications().keySet()), "nothing of it applies");
        assertEquals(1, r.bundle().orElseThrow().applications().get("db").numUnits());
    }

    @Test
    void aMissingCharmGetsBothOfJujusErrors() {
        assertEquals(List.of("empty charm path",
                "invalid charm URL in application \"db\": cannot parse name and/or revision in URL \"\": name \"\" not valid"),
                errors("applications:\n  db: {num_units: 1}\n"));
    }

    @Test
    void overlayOnlyFieldsComeAfterTheOtherRulesFoldedIntoOneLine() {
        String offers = "    offers:\n      o: {endpoints: [db]}\n";
        assertEquals(List.of("applications.db.offers can only appear in an overlay section (and 1 more errors)"),
                errors("applications:\n  db:\n    charm: mysql-k8s\n" + offers));
        assertEquals(List.of("bundle declares an invalid series \"9wrong\""),
                errors("series: 9wrong\napplications:\n  db:\n    charm: mysql-k8s\n" + offers));
    }

    @Test
    void readErrorsCarryJujusPrefixAndGoYamlsWords() {
        assertEquals(List.of("cannot unmarshal bundle contents: unmarshal document 0: yaml: unknown anchor 'nope' referenced"),
                errors("applications:\n  db: *nope\n"));
        Path overlay = f.write("bad.yaml", "applications: {}\n---\napplications:\n  db: {options: *gone}\n");
        CheckResult r = f.check("applications:\n  db: {charm: mysql-k8s}\n", false, overlay);
        assertEquals(List.of("unable to process overlays: cannot unmarshal bundle contents: unmarshal document 1: "
                + "yaml: unknown anchor 'gone' referenced"), r.errors().stream().map(Problem::message).toList());
    }

    @Test
    void aTabAfterAColonIsAcceptedAsJujusReaderAcceptsIt() {
        CheckResult r = f.check("applications:\n  db:\n    charm: mysql-k8s\n    num_units:\t3\n", false);
        assertEquals(List.of(), r.errors());
        assertEquals(3, r.bundle().orElseThrow().applications().get("db").numUnits());
    }

    @Test
    void optionScalarsAreTypedAsGoTypesThem() {
        String wp = "applications:\n  wp:\n    charm: ../../charms/wordpress\n    num_units: 1\n    options:\n      ";
        assertEquals(List.of("cannot validate application \"wp\": option \"skill-level\" expected int, got 1e+20"),
                f.errors(wp + "skill-level: 99999999999999999999\n"));
        assertEquals(List.of("cannot validate application \"wp\": option \"blog-title\" expected string, got +Inf"),
                f.errors(wp + "blog-title: .inf\n"));
        assertEquals(List.of("cannot validate application \"wp\": option \"blog-title\" expected string, got 15"),
                f.errors(wp + "blog-title: 0o17\n"));
        assertEquals(List.of(), f.errors(wp + "skill-level: \"1_000\"\n"));
        assertEquals(List.of("cannot validate application \"wp\": option \"skill-level\" expected int, got \"1__000\""),
                f.errors(wp + "skill-level: \"1__000\"\n"));
    }

    @Test
    void anHttpsCharmhubUrlIsReadAsTheCharmName() {
        CharmUrl url = CharmUrl.parse("https://charmhub.io/mysql").url().orElseThrow();
        assertEquals("ch:mysql", url.toString());
        assertEquals(List.of(), errors("applications:\n  db: {charm: \"https://charmhub.io/mysql\"}\n"));
        // The option check ran, so the name was found; Juju's text quotes the charm as written.
        assertEquals(List.of("cannot validate application \"db\": configuration option \"colour\" not found in charm"
                + " \"https://charmhub.io/postgresql-k8s\""),
                f.errors("applications:\n  db: {charm: \"https://charmhub.io/postgresql-k8s\", channel: 14/stable,"
                        + " options: {colour: 1}}\n"));
    }

    @Test
    void imageIdIsRefusedInTheBaseDocumentOnly() {
        assertEquals(List.of("invalid constraints \"image-id=ubuntu-jammy\" in application \"db\": "
                + "'image-id' constraint in a base bundle not supported"),
                errors("applications:\n  db: {charm: mysql-k8s, constraints: image-id=ubuntu-jammy}\n"));
        assertEquals(List.of(), errors("""
                applications:
                  db: {charm: mysql-k8s}
                ---
                applications:
                  db: {constraints: image-id=ubuntu-jammy}
                """));
    }

    @Test
    void aSeriesThatDoesNotMatchTheBaseLeadsJujusErrorsWhenThereAreOthers() {
        assertEquals(List.of("application \"db\" series \"focal\" and base \"ubuntu@22.04\" must match if both supplied",
                "bundle declares an invalid series \"9wrong\""),
                errors("series: 9wrong\napplications:\n  db: {charm: mysql-k8s, series: focal, base: ubuntu@22.04}\n"));
        CheckResult alone = f.check("applications:\n  db: {charm: mysql-k8s, series: focal, base: ubuntu@22.04}\n", false);
        assertEquals(List.of(), alone.errors(), "juju deploy's verifyBundle drops it when it is the only error");
        assertTrue(alone.warnings().stream().anyMatch(w -> w.message().endsWith("must match if both supplied")));
    }
}
