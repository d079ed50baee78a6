package io.jcharm.core;

import io.jcharm.core.tools.SecretInfo;
import io.jcharm.core.tools.SecretOptions;
import java.util.Map;
import java.util.Optional;

/**
 * A Juju secret this unit owns or can read; its content is never logged. A read repeated within
 * the hook is answered from the first (until the hook writes a secret; {@link #refresh} always
 * asks): see {@link SecretCalls}.
 *
 * <pre>{@code
 * Secret certs = model.secrets().byLabel("webhook-certs").orElseThrow();
 * String ca = certs.content().get("ca-crt");
 * certs.grant(model.relation("peers").orElseThrow());
 * }</pre>
 */
public final class Secret {
    private final Model model;
    private final SecretCalls calls;
    private final Optional<String> id;
    private final Optional<String> label;

    Secret(Model model, SecretCalls calls, Optional<String> id, Optional<String> label) {
        this.model = model;
        this.calls = calls;
        this.id = id;
        this.label = label;
    }

    /**
     * The secret's id as {@code secret-add} gives it, {@code secret:<xid>}: a secret looked up by
     * label learns it from secret-info-get, which keys its answer by the bare xid, so the prefix
     * is added (as ops does) and the id a charm publishes is the same whichever way it got it.
     */
    public String id() {
        return id.orElseGet(() -> canonical(info().id()));
    }

    private static String canonical(String id) {
        return id.startsWith("secret:") ? id : "secret:" + id;
    }

    public Optional<String> label() {
        return label;
    }

    /** The content of the revision this unit tracks. */
    public Map<String, String> content() {
        return remember(calls.get(id, label, false, false));
    }

    /** Starts tracking the latest revision and returns its content. */
    public Map<String, String> refresh() {
        return remember(calls.get(id, label, true, false));
    }

    /** The latest revision's content, without tracking it. */
    public Map<String, String> peek() {
        return remember(calls.get(id, label, false, true));
    }

    /** Owner only: publishes a new revision. */
    public void setContent(Map<String, String> content) {
        model.redact(content.values());
        calls.set(id(), Optional.of(content), SecretOptions.none());
    }

    /** Owner only: label, expiry, rotation policy and revision. */
    public SecretInfo info() {
        return calls.info(id, label);
    }

    /** Owner only: lets the remote application of {@code relation} read it. */
    public void grant(Relation relation) {
        calls.grant(id(), relation.ref(), Optional.empty());
    }

    /** Owner only: lets one remote unit of {@code relation} read it. */
    public void grant(Relation relation, String unit) {
        calls.grant(id(), relation.ref(), Optional.of(unit));
    }

    /** Owner only: takes a grant back. */
    public void revoke(Relation relation) {
        calls.revoke(id(), relation.ref(), Optional.empty());
    }

    /** Owner only: removes one revision. */
    public void removeRevision(int revision) {
        calls.remove(id(), Optional.of(revision));
    }

    /** Owner only: removes the secret. */
    public void removeAll() {
        calls.remove(id(), Optional.empty());
    }

    private Map<String, String> remember(Map<String, String> content) {
        model.redact(content.values());
        return content;
    }

    @Override
    public String toString() {
        return "Secret[" + id.orElse("?") + label.map(l -> ", label=" + l).orElse("") + "]";
    }
}
