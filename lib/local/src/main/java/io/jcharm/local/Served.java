package io.jcharm.local;

import java.util.Map;

/**
 * What a workload stand-in serves: where (an address and port of the application's Service)
 * and with which settings (credentials, from the workload's environment). Two equal values need
 * no restart; any change (a rotated key, another port) does.
 *
 * <pre>{@code
 * new Served("127.1.0.3", 9000, Map.of("access-key", "minio", "secret-key", "minio123"));
 * }</pre>
 */
record Served(String address, int port, Map<String, String> settings) {
    Served {
        settings = Map.copyOf(settings);
    }

    /** Address and port, never the settings (they hold secrets). */
    @Override
    public String toString() {
        return address + ":" + port;
    }
}
