package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import io.jcharm.local.StatusReport;
import io.jcharm.pebble.emulator.PebbleEmulator;
import io.jcharm.pebble.layer.Layer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charmed MLflow's trio with Charmhub's mysql-k8s rehearsed: the packed stand-in
 * (charms/standins/mysql-k8s) runs for the Charmhub name, answers mlflow-server's database
 * request as mysql-k8s does, and mlflow-server's own hooks turn that answer into its MySQL
 * backend (URI without the password, the password only in its credentials file).
 */
class MysqlStandinTest {
    @TempDir
    Path tmp;

    @Test
    void mlflowRelatedToTheMysqlStandinReachesItsMysqlBackendConfig() {
        Path dir = tmp.resolve("model");
        Path bundle = Rehearsals.module().resolve("src/test/resources/bundles/mlflow-trio");
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options().withModelName("mlops"))) {
            Rehearsals.assertSettled(model.deploy(bundle, List.of(), Progress.NONE), dir);
            ModelStatus s = model.status();
            assertEquals("stand-in for Charmhub mysql-k8s 8.0/stable (charms/standins/mysql-k8s)",
                    s.application("mlflow-mysql").orElseThrow().standIn());
            ModelStatus.UnitStatus mysql = s.unit("mlflow-mysql/0").orElseThrow();
            assertEquals("active", mysql.workload(), mysql.message() + " " + mysql.lastLog());
            assertEquals("Primary", mysql.message());
            assertTrue(StatusReport.table(s).contains("mysql-k8s (stand-in)"), StatusReport.table(s));

            ModelStatus.RelationStatus rel = s.relation("mlflow-server", "mlflow-mysql").orElseThrow();
            Map<String, String> answer = rel.appData().get("mlflow-mysql");
            assertEquals("mlflow-mysql-primary.mlops.svc.cluster.local.:3306", answer.get("endpoints"));
            assertEquals("mlflow", answer.get("database"));
            assertEquals("8.0.44-0ubuntu0.22.04.1", answer.get("version"));
            assertTrue(answer.get("secret-user").startsWith("secret:"), answer.toString());
            assertTrue(!answer.containsKey("password") && !answer.containsKey("username"), "credentials only in the secret");
            assertEquals("mlflow", rel.appData().get("mlflow-server").get("database"));

            String user = ("relation-" + rel.id() + "_" + s.uuid().replace("-", "")).substring(0, 26);
            PebbleEmulator workload = model.workloads("mlflow-server/0").get("mlflow-server");
            Map<String, String> env = Layer.parse(workload.planYaml()).services().get("mlflow-server").environment();
            assertEquals("mysql+pymysql://" + user + "@mlflow-mysql-primary.mlops.svc.cluster.local.:3306/mlflow"
                    + "?read_default_file=/etc/mlflow/mysql.cnf", env.get("MLFLOW_BACKEND_STORE_URI"));
            String cnf = workload.fileText("/etc/mlflow/mysql.cnf").orElseThrow();
            assertTrue(cnf.matches("\\[client\\]\nuser=" + user + "\npassword=[A-Za-z0-9]{24}\n"), cnf);
        }
    }
}
