package io.jcharm.testing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A secret in a test {@link State}: owned by this charm, shared with it, or (hidden) owned by
 * another application that has not granted it.
 *
 * <pre>{@code
 * SecretState tls = SecretState.granted(Map.of("tls-crt", crt, "tls-key", key));
 * State s = State.empty().withSecret(tls).withConfig(Map.of("tls-secret-id", tls.id()));
 * }</pre>
 *
 * @param owner {@code application}, {@code unit}, or empty when another app owns it
 * @param content the revision this unit tracks
 * @param latestContent the newest revision (differs after the owner published a new one)
 * @param grantedTo relation ids this secret was granted over
 * @param hidden whether the secret exists but was not granted to this application: the hook
 *        tools answer "permission denied" ({@code SecretPermissionDeniedException}), as Juju does
 */
public record SecretState(String id, Optional<String> label, Optional<String> owner, Map<String, String> content,
                          Map<String, String> latestContent, int revision, Optional<String> description,
                          Set<Integer> grantedTo, boolean hidden) {

    public SecretState {
        content = Map.copyOf(content);
        latestContent = Map.copyOf(latestContent);
        grantedTo = Set.copyOf(grantedTo);
    }

    /** A secret this unit can see (owned, or granted to it). */
    public SecretState(String id, Optional<String> label, Optional<String> owner, Map<String, String> content,
                       Map<String, String> latestContent, int revision, Optional<String> description,
                       Set<Integer> grantedTo) {
        this(id, label, owner, content, latestContent, revision, description, grantedTo, false);
    }

    /** A secret another application owns and granted to us. */
    public static SecretState granted(Map<String, String> content) {
        return new SecretState(newId(content), Optional.empty(), Optional.empty(), content, content, 1,
                Optional.empty(), Set.of());
    }

    /**
     * A secret another application owns and did not grant to us, e.g. a config option naming a
     * secret before {@code juju grant-secret}: reading it fails with "permission denied".
     */
    public static SecretState notGranted(String id) {
        return new SecretState(id, Optional.empty(), Optional.empty(), Map.of(), Map.of(), 1, Optional.empty(), Set.of(),
                true);
    }

    /** A secret this application owns. */
    public static SecretState ownedByApp(String label, Map<String, String> content) {
        return new SecretState(newId(content), Optional.of(label), Optional.of("application"), content, content, 1,
                Optional.empty(), Set.of());
    }

    public SecretState withLabel(String l) {
        return new SecretState(id, Optional.of(l), owner, content, latestContent, revision, description, grantedTo, hidden);
    }

    /** Juju's secret ids are 20 lowercase base32 characters. */
    static String newId(Object seed) {
        String alphabet = "abcdefghijklmnopqrstuv0123456789";
        long h = seed.hashCode() * 2654435761L + System.identityHashCode(seed);
        StringBuilder sb = new StringBuilder("secret:");
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt((int) Math.floorMod(h >> (i % 12) * 5 ^ i * 7919L, 32L)));
        }
        return sb.toString();
    }
}
