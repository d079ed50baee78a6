package io.jcharm.bundle;

import io.jcharm.core.meta.CharmMetadata;

/**
 * What a {@link CharmLookup} found for a bundle's {@code charm:} value.
 *
 * <pre>{@code
 * if (lookup.resolve("mysql-k8s", "8.0/stable", dir) instanceof CharmResolution.Found f) { f.metadata().name(); }
 * }</pre>
 */
public sealed interface CharmResolution {

    /**
     * Metadata found; {@code source} says where from (a directory, a .charm, a Charmhub snapshot);
     * {@code warning} is set when it is not exactly what the bundle asked for (another track).
     */
    record Found(CharmMetadata metadata, String source, java.util.Optional<String> warning) implements CharmResolution {
        public Found(CharmMetadata metadata, String source) {
            this(metadata, source, java.util.Optional.empty());
        }
    }

    /**
     * No metadata. An {@code error} means the charm is broken or absent where the bundle says it
     * is; otherwise the charm-aware checks are only skipped for it (a Charmhub charm we hold no
     * data for), and {@code message} says so.
     */
    record Missing(String message, String hint, boolean error) implements CharmResolution {
    }
}
