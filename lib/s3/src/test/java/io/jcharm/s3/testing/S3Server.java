package io.jcharm.s3.testing;

import java.net.URI;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;

/**
 * A real S3 server for tests: S3Proxy over jclouds' in-memory ("transient") blob store, bound to
 * 127.0.0.1 on a free port, checking AWS signatures (v2 or v4) against one access key.
 *
 * <pre>{@code
 * try (S3Server s3 = S3Server.start("minio", "minio123")) {
 *     s3.url();            // "http://127.0.0.1:41234"
 *     s3.bucketNames();    // read from the blob store itself, not through S3
 * }
 * }</pre>
 */
public final class S3Server implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private S3Server(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
    }

    /** Starts a server accepting {@code accessKey}/{@code secretKey}. */
    public static S3Server start(String accessKey, String secretKey) {
        // S3Proxy brings logback at DEBUG, which would print every request and Jetty's internals.
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Properties props = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(accessKey, secretKey)
                .overrides(props).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("cannot start S3Proxy on 127.0.0.1: " + e.getMessage(), e);
        }
        return new S3Server(proxy, context);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + proxy.getPort();
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
            throw new IllegalStateException("cannot stop S3Proxy: " + e.getMessage(), e);
        } finally {
            context.close();
        }
    }
}
