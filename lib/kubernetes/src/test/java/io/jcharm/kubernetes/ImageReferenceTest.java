package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    @Test
    void referencesAKubeletPullsAreValid() {
        for (String ok : new String[] {"docker.io/seldonio/seldon-core-executor:1.17.1", "seldonio/sklearnserver",
                "localhost:5000/team/model_server:v2", "nvcr.io/nvidia/tritonserver:21.08-py3",
                "reg.local/x@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}) {
            assertTrue(ImageReference.valid(ok), ok);
        }
    }

    @Test
    void urlsUppercasePathsAndEmptyPartsAreNot() {
        for (String bad : new String[] {"https://docker.io/seldonio/executor", "docker.io/SeldonIO/executor:1",
                "docker.io//executor", "executor:", "", ":1.17"}) {
            assertFalse(ImageReference.valid(bad), bad);
        }
    }
}
