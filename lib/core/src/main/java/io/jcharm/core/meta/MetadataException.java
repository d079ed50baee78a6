package io.jcharm.core.meta;

/**
 * Charm metadata could not be read: names the file and what to fix.
 *
 * <pre>{@code
 * throw new MetadataException("metadata.yaml: requires.db: expected an interface name or a map");
 * }</pre>
 */
public class MetadataException extends RuntimeException {
    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
