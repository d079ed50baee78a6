package io.jcharm.core.tools;

import java.nio.file.Path;

/**
 * A storage instance as storage-get reports it.
 *
 * <pre>{@code
 * StorageInfo s = tools.storageGet("data/0");  // kind "filesystem", location /srv/data
 * }</pre>
 */
public record StorageInfo(String id, String kind, Path location) {
}
