package io.jcharm.s3;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Bucket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * Lists, checks and creates buckets on one S3 endpoint with MinIO's Java SDK, with timeouts fit
 * for a hook (the SDK's own are minutes) and failures sorted into {@link S3Exception.Kind}.
 *
 * <pre>{@code
 * try (Buckets s3 = Buckets.connect(new S3Endpoint("http://minio.kubeflow:9000", "minio", key, Optional.empty()))) {
 *     if (!s3.exists("mlflow")) s3.create("mlflow");
 * }
 * }</pre>
 */
public final class Buckets implements AutoCloseable {
    /** A hook must not hang on an unreachable server: connect and read within these. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    /** Error codes that mean "these credentials may not do this". */
    private static final Set<String> DENIED = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AllAccessDisabled", "InvalidToken", "ExpiredToken");
    /** MinIO and AWS sign with a region; MinIO's default one spares a GetBucketLocation call. */
    private static final String REGION = "us-east-1";

    private final S3Endpoint endpoint;
    private final OkHttpClient http;
    private final MinioClient client;

    private Buckets(S3Endpoint endpoint, OkHttpClient http) {
        this.endpoint = endpoint;
        this.http = http;
        this.client = MinioClient.builder().endpoint(endpoint.url()).region(REGION)
                .credentials(endpoint.accessKey(), endpoint.secretKey()).httpClient(http).build();
    }

    /** A client for {@code endpoint}; nothing is sent yet. */
    public static Buckets connect(S3Endpoint endpoint) {
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT).writeTimeout(READ_TIMEOUT).retryOnConnectionFailure(false);
        if (endpoint.url().regionMatches(true, 0, "http://", 0, 7)) {
            // No TLS to set up: OkHttp would otherwise build the JDK's trust manager for each client.
            http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        } else if (endpoint.caPem().isPresent()) {
            X509TrustManager trust = trusting(endpoint.caPem().get());
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
                http.sslSocketFactory(tls.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS for " + endpoint.url() + ": " + e.getMessage(), e);
            }
        }
        return new Buckets(endpoint, http.build());
    }

    /** Every bucket's name, as the server lists them. */
    public List<String> list() throws S3Exception {
        try {
            return client.listBuckets().stream().map(Bucket::name).toList();
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw sorted("list buckets", e);
        }
    }

    /** Whether the bucket exists (and these credentials may see it). */
    public boolean exists(String bucket) throws S3Exception {
        requireValid(bucket);
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw sorted("check bucket " + bucket, e);
        }
    }

    /**
     * Creates the bucket.
     *
     * @return false when it already existed and is ours (nothing was changed)
     */
    public boolean create(String bucket) throws S3Exception {
        requireValid(bucket);
        try {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                return false;
            }
            throw sorted("create bucket " + bucket, e);
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw sorted("create bucket " + bucket, e);
        }
    }

    private static void requireValid(String bucket) {
        BucketName.problem(bucket).ifPresent(p -> {
            throw new IllegalArgumentException("\"" + bucket + "\" is not a valid S3 bucket name: it " + p);
        });
    }

    private S3Exception sorted(String what, Exception e) {
        String where = " at " + endpoint.url();
        if (e instanceof ErrorResponseException er) {
            String code = er.errorResponse().code();
            S3Exception.Kind kind = DENIED.contains(code) ? S3Exception.Kind.DENIED : S3Exception.Kind.FAILED;
            return new S3Exception(kind, "cannot " + what + where + ": " + code + " (" + er.errorResponse().message()
                    + ")", e);
        }
        if (e instanceof IOException io) {
            return new S3Exception(S3Exception.Kind.UNREACHABLE, "cannot " + what + where + ": " + describe(io), e);
        }
        return new S3Exception(S3Exception.Kind.FAILED, "cannot " + what + where + ": " + e, e);
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    private static X509TrustManager trusting(String pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("the CA PEM holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the CA PEM is not a certificate: " + e.getMessage(), e);
        }
    }

    /** Releases the connection pool and dispatcher threads (which would outlive the hook's work). */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "Buckets[" + endpoint + "]";
    }
}
