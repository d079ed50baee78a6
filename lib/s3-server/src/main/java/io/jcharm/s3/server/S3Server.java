package io.jcharm.s3.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;

/**
 * A real S3 server: S3Proxy over a jclouds blob store, checking AWS signatures (v2 or v4)
 * against one key pair (any other key gets S3's {@code 403 AccessDenied} or
 * {@code SignatureDoesNotMatch}). In memory on 127.0.0.1 and a free port for tests; on disk, on a
 * given address and port, for the local model's MinIO stand-in (buckets are directories under
 * the data directory, objects files in them, so they survive a restart).
 *
 * <pre>{@code
 * try (S3Server s3 = S3Server.start("minio", "minio123")) {
 *     s3.url();            // "http://127.0.0.1:41234"
 *     s3.bucketNames();    // read from the blob store itself, not through S3
 * }
 * S3Server disk = S3Server.onDisk(Path.of("data"), "127.1.0.3", 9000, "minio", "minio123");  // http://127.1.0.3:9000
 * }</pre>
 */
public final class S3Server implements AutoCloseable {
    /** jclouds' property naming the directory of its "filesystem" blob store. */
    private static final String BASEDIR = "jclouds.filesystem.basedir";
    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final String host;

    private S3Server(S3Proxy proxy, BlobStoreContext context, String host) {
        this.proxy = proxy;
        this.context = context;
        this.host = host;
    }

    /** Starts an in-memory server on 127.0.0.1 and a free port, accepting {@code accessKey}/{@code secretKey}. */
    public static S3Server start(String accessKey, String secretKey) {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(accessKey, secretKey)
                .build(BlobStoreContext.class);
        return serve(context, "127.0.0.1", 0, accessKey, secretKey);
    }

    /**
     * Starts a server keeping its buckets under {@code dataDir} (created if missing), listening on
     * {@code host:port}, accepting {@code accessKey}/{@code secretKey}.
     *
     * @throws IllegalStateException naming the address when it cannot listen there (in use, not local)
     */
    public static S3Server onDisk(Path dataDir, String host, int port, String accessKey, String secretKey) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Properties props = new Properties();
        props.setProperty(BASEDIR, dataDir.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials(accessKey, secretKey)
                .overrides(props).build(BlobStoreContext.class);
        return serve(context, host, port, accessKey, secretKey);
    }

    private static S3Server serve(BlobStoreContext context, String host, int port, String accessKey, String secretKey) {
        // S3Proxy logs through SLF4J; without a provider SLF4J warns once on stderr, which a command's output does not want.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy is " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(proxy, context);
            throw new IllegalStateException("interrupted while S3Proxy started on " + host + ":" + port, e);
        } catch (Exception e) {
            stopQuietly(proxy, context);
            throw new IllegalStateException("cannot start S3Proxy on " + host + ":" + port + ": " + e.getMessage()
                    + (port != 0 ? " (is another process listening there?)" : ""), e);
        }
        return new S3Server(proxy, context, host);
    }

    private static void stopQuietly(S3Proxy proxy, BlobStoreContext context) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // it never started: the start failure is what the caller reports
        } finally {
            context.close();
        }
    }

    /** {@code http://<host>:<port>}. */
    public String url() {
        return "http://" + host + ":" + proxy.getPort();
    }

    public String host() {
        return host;
    }

    public int port() {
        return proxy.getPort();
    }

    /** The blob store itself, to arrange or check state without going through S3. */
    public BlobStore blobStore() {
        return context.getBlobStore();
    }

    /** The buckets (containers) in the blob store, read directly. */
    public List<String> bucketNames() {
        return blobStore().list().stream().map(StorageMetadata::getName).sorted().toList();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy on " + url() + ": " + e.getMessage(), e);
        } finally {
            context.close();
        }
    }
}
