package io.jcharm.controller;

import java.util.Map;
import java.util.Optional;

/**
 * A secret change made by a hook, applied to the controller only when the hook succeeds (Juju
 * flushes secret changes with the hook's other changes).
 *
 * <pre>{@code
 * new SecretOp.Grant("secret:abc", 3, "listener", Optional.empty());
 * }</pre>
 */
sealed interface SecretOp {
    String id();

    /** secret-add: a new secret with its first revision. */
    record Add(String id, String owner, boolean unitOwned, Map<String, String> content, Optional<String> label,
               Optional<String> description, Optional<String> expire, Optional<String> rotate) implements SecretOp {
    }

    /** secret-set: new content (a new revision) and/or new metadata. */
    record Update(String id, Optional<Map<String, String>> content, Optional<String> label,
                  Optional<String> description, Optional<String> expire, Optional<String> rotate) implements SecretOp {
    }

    /** secret-remove: the whole secret, or one revision. */
    record Remove(String id, Optional<Integer> revision) implements SecretOp {
    }

    /** secret-grant: the remote application of a relation, or one of its units. */
    record Grant(String id, int relationId, String app, Optional<String> unit) implements SecretOp {
    }

    /** secret-revoke. */
    record Revoke(String id, Optional<Integer> relationId, Optional<String> app, Optional<String> unit) implements SecretOp {
    }

    /** secret-get by a consumer: the revision it now tracks and the label it gave. */
    record Track(String id, String consumer, int revision, Optional<String> label) implements SecretOp {
    }
}
