import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server (CRUD, HTTPS with a self-signed certificate) for the first-call
 * benchmark, in its own process so the measured JVM holds only the client side. Writes
 * {@code <dir>/kubeconfig} (verified TLS: the certificate is the kubeconfig's CA) once ready,
 * and serves until stdin closes.
 */
public final class MockApiServer {
    private static final Logger QUIET = Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(Level.WARNING);
        Path dir = Path.of(args[0]);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), true);
        server.init();
        String ca = server.getSelfSignedCertificate().certificatePath();
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: bench
                  cluster:
                    server: https://%s:%d
                    certificate-authority: %s
                users:
                - name: charm
                  user:
                    token: bench-token
                contexts:
                - name: bench
                  context: {cluster: bench, user: charm, namespace: bench}
                current-context: bench
                """.formatted(server.getHostName(), server.getPort(), ca);
        Path tmp = dir.resolve("kubeconfig.tmp");
        Files.writeString(tmp, kubeconfig);
        Files.move(tmp, dir.resolve("kubeconfig"));
        while (System.in.read() >= 0) {
            // serve until the benchmark script closes our stdin
        }
        server.destroy();
    }
}
