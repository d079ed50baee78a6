package io.jcharm.core.meta;

import java.util.Optional;

/**
 * A storage the charm declares.
 *
 * <pre>{@code
 * new StorageMeta("data", "filesystem", Optional.of("/srv/data"), 1, 1)
 * }</pre>
 *
 * @param countMax -1 for no upper bound
 */
public record StorageMeta(String name, String type, Optional<String> location, int countMin, int countMax) {
}
