package io.jcharm.kubernetes.certs;

/**
 * Where a webhook server reads its CA, certificate and key: a directory and three file names.
 *
 * <pre>{@code
 * CertLayout.CONTROLLER_RUNTIME.certPath();  // "/tmp/k8s-webhook-server/serving-certs/tls.crt"
 * new CertLayout("/etc/webhook/certs", "ca.pem", "cert.pem", "key.pem");
 * }</pre>
 *
 * @param dir the directory, absolute
 * @param caFile the CA certificate's file name
 * @param certFile the serving certificate's file name
 * @param keyFile the serving key's file name (pushed with mode 0600)
 */
public record CertLayout(String dir, String caFile, String certFile, String keyFile) {
    /** controller-runtime's webhook server: its default CertDir and file names. */
    public static final CertLayout CONTROLLER_RUNTIME =
            new CertLayout("/tmp/k8s-webhook-server/serving-certs", "ca.crt", "tls.crt", "tls.key");

    public String caPath() {
        return dir + "/" + caFile;
    }

    public String certPath() {
        return dir + "/" + certFile;
    }

    public String keyPath() {
        return dir + "/" + keyFile;
    }
}
