package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.bundle.BundleChecker;
import io.jcharm.bundle.BundleData;
import io.jcharm.bundle.BundleRenderer;
import io.jcharm.bundle.BundleSelector;
import io.jcharm.bundle.BundleWriter;
import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CheckResult;
import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Istio charm deployed without {@code trust: true}: the local model's Kubernetes API
 * refuses it as a cluster Juju manages does, and the charm says so (Blocked, "deploy with
 * --trust") instead of coming up active.
 */
class TrustTest {
    @TempDir
    Path tmp;

    @Test
    void istioWithoutTrustIsRefusedByTheApiAndBlocksAskingForTrust() throws Exception {
        Path edge = Rehearsals.repo().resolve("bundles/edge");
        CheckResult checked = new BundleChecker(Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(edge))))
                .check(edge, List.of(), Optional.empty());
        assertTrue(checked.ok(), checked.errors().toString());
        BundleData istioOnly = BundleSelector.select(checked.bundle().orElseThrow(), Set.of("istio")).bundle();
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        BundleRenderer.Rendered rendered = BundleRenderer.render(istioOnly, checked.charms(), edge, ws);
        String untrusted = BundleWriter.write(rendered.bundle()).replaceAll("(?m)^\\s*trust: true\\n", "");
        assertTrue(!untrusted.contains("trust"), untrusted);
        Files.writeString(ws.resolve("bundle.yaml"), untrusted);
        Path dir = tmp.resolve("istio");
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options())) {
            model.deploy(ws, List.of(), Progress.NONE);
            ModelStatus.UnitStatus u = model.status().unit("istio/0").orElseThrow();
            assertEquals("blocked", u.workload(), u.message() + " " + u.lastLog());
            assertTrue(u.message().contains("deploy with --trust"), u.message());
        }
    }
}
