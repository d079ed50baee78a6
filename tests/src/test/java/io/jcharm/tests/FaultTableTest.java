package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultRecord;
import io.jcharm.testing.faults.FaultTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/faults.md is generated from the fault records the charm modules' tests wrote in this
 * build (the reactor runs them before this module), and every covered charm fills every cell.
 * Regenerate with {@code -Djcharm.faults.write=true}.
 */
class FaultTableTest {
    /** Charms whose every cell must be filled; a charm moves here from PENDING when its FaultsTest is complete. */
    static final List<String> COVERED = List.of("hello", "istio", "seldon-core", "jupyter", "minio", "kfp", "mlflow",
            "microk8s");
    /**
     * The stand-ins (charms/standins/), every cell filled too, in a summary table of their own.
     * charms/standins/python-formats is not listed: it is the stand-ins' library, not a charm.
     */
    static final List<String> STANDINS = List.of("mysql-k8s", "dex-auth", "oidc-gatekeeper");
    static final List<String> PENDING = List.of();
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path DOC = ROOT.resolve("docs/faults.md");

    /** The charms and stand-ins whose every cell must be filled. */
    private static List<String> filled() {
        List<String> all = new ArrayList<>(COVERED);
        all.addAll(STANDINS);
        return all;
    }

    private static List<FaultRecord> records() {
        List<FaultRecord> records = FaultTable.read(ROOT);
        for (String charm : filled()) {
            if (records.stream().noneMatch(r -> r.charm().equals(charm))) {
                fail("no fault records for " + charm + " under " + ROOT + ": run its module's tests first (the reactor does"
                        + " in mvn -B verify), e.g. mvn -B verify -pl charms/" + charm + ",tests -am (stand-ins: charms/standins/" + charm + ")");
            }
        }
        return records;
    }

    @Test
    void docsFaultsMdIsWhatThisBuildsRecordsGenerate() throws IOException {
        String rendered = FaultTable.render(records(), COVERED, STANDINS, PENDING);
        if (Boolean.getBoolean("jcharm.faults.write")) {
            Files.writeString(DOC, rendered);
        }
        String committed = Files.exists(DOC) ? Files.readString(DOC) : "";
        assertEquals(rendered, committed, "docs/faults.md is not what this build's fault tests recorded: regenerate it"
                + " with mvn -B verify -pl tests -am -Dtest=FaultTableTest -Djcharm.faults.write=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false (after the charms' tests ran), and review the diff");
    }

    @Test
    void everyCoveredCharmFillsEveryCell() {
        List<FaultRecord> records = records();
        List<String> gaps = new ArrayList<>();
        for (String charm : filled()) {
            Set<FaultKind> missing = FaultTable.missing(records, charm);
            if (!missing.isEmpty()) {
                gaps.add(charm + ": " + missing);
            }
        }
        assertEquals(List.of(), gaps, "cells with neither an observed outcome nor a reason they do not apply");
    }

    @Test
    void recordsNameOnlyKnownCharms() {
        Set<String> unknown = new TreeSet<>();
        records().forEach(r -> unknown.add(r.charm()));
        unknown.removeAll(filled());
        unknown.removeAll(PENDING);
        assertTrue(unknown.isEmpty(), "fault records for charms FaultTableTest does not know: " + unknown
                + "; add them to COVERED or STANDINS (all cells filled) or PENDING");
    }
}
