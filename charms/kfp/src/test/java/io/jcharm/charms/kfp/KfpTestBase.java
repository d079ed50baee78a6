package io.jcharm.charms.kfp;

import io.jcharm.s3.server.S3Server;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle the kfp test classes share: one real S3 server per class (accepting access key
 * {@code minio} and {@link KfpFixture#S3_KEY}), a fresh mock API server and fixture per test.
 *
 * <pre>{@code
 * class MyTest extends KfpTestBase { @Test void t() { f.ctx.run(Events.configChanged(), f.related()); } }
 * }</pre>
 */
abstract class KfpTestBase {
    static S3Server s3;
    @TempDir
    Path tmp;
    KfpFixture f;

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start("minio", KfpFixture.S3_KEY);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void startFixture() {
        f = new KfpFixture(tmp, s3);
    }

    @AfterEach
    void stopFixture() {
        f.close();
    }
}
