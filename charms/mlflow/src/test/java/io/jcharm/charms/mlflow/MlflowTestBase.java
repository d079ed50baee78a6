package io.jcharm.charms.mlflow;

import io.jcharm.s3.server.S3Server;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle the mlflow test classes share: one real S3 server per class (accepting access
 * key {@code minio} and {@link #KEY}), a fresh mock API server and fixture per test.
 *
 * <pre>{@code
 * class MyTest extends MlflowTestBase { @Test void t() { f.ctx.run(..., f.leader); } }
 * }</pre>
 */
abstract class MlflowTestBase {
    static final String KEY = "minio-secret-123";
    static S3Server s3;
    @TempDir
    Path tmp;
    MlflowFixture f;

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start("minio", KEY);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void startFixture() {
        f = new MlflowFixture(tmp, s3);
    }

    @AfterEach
    void stopFixture() {
        f.close();
    }
}
