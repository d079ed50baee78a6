package io.jcharm.controller;

/**
 * Something a committed hook made another unit hear of; the host turns it into a queued hook.
 *
 * <pre>{@code
 * for (Notice n : jujuc.commit(run)) { if (n instanceof Notice.RelationChanged c) enqueue(c); }
 * }</pre>
 */
public sealed interface Notice {
    /** The unit to notify. */
    String unit();

    /**
     * {@code <endpoint>-relation-changed} on {@code unit}.
     *
     * @param remoteUnit the writer, or null when its application bag changed
     */
    record RelationChanged(String unit, String endpoint, int relationId, String remoteApp, String remoteUnit)
            implements Notice {
    }

    /** {@code secret-changed} on {@code unit}, a consumer behind on revisions. */
    record SecretChanged(String unit, String secretId) implements Notice {
    }
}
