package io.jcharm.core.meta;

/**
 * Which side of a relation an endpoint is on.
 *
 * <pre>{@code
 * meta.endpoint("ingress").orElseThrow().role() == Role.PROVIDER
 * }</pre>
 */
public enum Role {
    PROVIDER("provides"), REQUIRER("requires"), PEER("peers");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    /** The metadata.yaml key that declares endpoints of this role. */
    public String key() {
        return key;
    }

    /** Juju's word for the role in messages ({@code provider}, {@code requirer}, {@code peer}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
