package io.jcharm.pebble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PebbleSocketsTest {
    @Test
    void jujuPathUnlessTheLocalModelOverridesIt() {
        assertEquals(Path.of("/charm/containers/mlflow-server/pebble.socket"),
                PebbleSockets.socketPath("mlflow-server", Map.of()));
        assertEquals(Path.of("/charm/containers/app/pebble.socket"),
                PebbleSockets.socketPath("app", Map.of("JCHARM_CONTAINERS_DIR", "")));
        assertEquals(Path.of("/tmp/lm/units/app/pebble.socket"),
                PebbleSockets.socketPath("app", Map.of("JCHARM_CONTAINERS_DIR", "/tmp/lm/units")));
        assertThrows(IllegalArgumentException.class, () -> PebbleSockets.socketPath("", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> PebbleSockets.socketPath("../x", Map.of()));
    }
}
