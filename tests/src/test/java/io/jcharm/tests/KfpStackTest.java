package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubeflow Pipelines with MinIO and Istio on the local model, in a model not named kubeflow,
 * with their packed charms: without a database kfp says which relation it needs; the
 * object-storage, ingress and kfp-api data are what Charmed Kubeflow's charms exchange.
 */
class KfpStackTest {
    static final String MODEL = "mlops-pipelines";
    @TempDir
    Path tmp;

    private static Path bundle() {
        return Rehearsals.module().resolve("src/test/resources/bundles/kfp");
    }

    @Test
    void withoutADatabaseKfpNamesRelationalDbAndRelatesToMinioAndIstio() {
        Path dir = tmp.resolve("model");
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options().withModelName(MODEL))) {
            Rehearsals.assertSettled(model.deploy(bundle(), List.of(), Progress.NONE), dir);
            model.integrate("kfp:object-storage", "minio:object-storage");
            model.integrate("kfp:ingress", "istio:ingress");
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);

            ModelStatus s = model.status();
            ModelStatus.UnitStatus kfp = s.unit("kfp/0").orElseThrow();
            assertEquals("blocked", kfp.workload(), kfp.message());
            assertEquals("[relational-db] relate a MySQL database (for example mysql-k8s) to relational-db", kfp.message());
            assertEquals("active", s.unit("minio/0").orElseThrow().workload(), s.unit("minio/0").orElseThrow().message());

            Map<String, String> minioBag = s.relation("kfp", "minio").orElseThrow().appData().get("minio");
            assertEquals("access-key: minio\nnamespace: " + MODEL + "\nport: 9000\nsecret-key: pipelines-key-123\n"
                    + "secure: false\nservice: minio\n", minioBag.get("data"));
            assertEquals("- v1\n", s.relation("kfp", "minio").orElseThrow().appData().get("kfp").get("_supported_versions"));

            Map<String, String> ingress = s.relation("kfp", "istio").orElseThrow().appData().get("kfp");
            assertEquals("port: 3000\nprefix: /pipeline\nrewrite: /pipeline\nservice: kfp\n", ingress.get("data"));
            assertTrue(model.workloads("kfp/0").get("apiserver").planYaml().isBlank()
                    || !model.workloads("kfp/0").get("apiserver").planYaml().contains("/bin/apiserver"),
                    "nothing runs without a database");
        }
    }
}
