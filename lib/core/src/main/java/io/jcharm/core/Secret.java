package io.jcharm.core;

import io.jcharm.core.tools.SecretInfo;
import io.jcharm.core.tools.SecretOptions;
import java.util.Map;
import java.util.Optional;

/**
 * A Juju secret this unit owns or can read; its content is never logged.
 *
 * <pre>{@code
 * Secret certs = model.secrets().byLabel("webhook-certs").orElseThrow();
 * String ca = certs.content().get("ca-crt");
 * certs.grant(model.relation("peers").orElseThrow());
 * }</pre>
 */
public final class Secret {
    private final Model model;
    private final Optional<String> id;
    private final Optional<String> label;

    Secret(Model model, Optional<String> id, Optional<String> label) {
        this.model = model;
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
        return remember(model.tools().secretGet(id, label, false, false));
    }

    /** Starts tracking the latest revision and returns its content. */
    public Map<String, String> refresh() {
        return remember(model.tools().secretGet(id, label, true, false));
    }

    /** The latest revision's content, without tracking it. */
    public Map<String, String> peek() {
        return remember(model.tools().secretGet(id, label, false, true));
    }

    /** Owner only: publishes a new revision. */
    public void setContent(Map<String, String> content) {
        model.redact(content.values());
        model.tools().secretSet(id(), Optional.of(content), SecretOptions.none());
    }

    /** Owner only: label, expiry, rotation policy and revision. */
    public SecretInfo info() {
        return model.tools().secretInfoGet(id, id.isPresent() ? Optional.empty() : label);
    }

    /** Owner only: lets the remote application of {@code relation} read it. */
    public void grant(Relation relation) {
        model.tools().secretGrant(id(), relation.ref(), Optional.empty());
    }

    /** Owner only: lets one remote unit of {@code relation} read it. */
    public void grant(Relation relation, String unit) {
        model.tools().secretGrant(id(), relation.ref(), Optional.of(unit));
    }

    /** Owner only: takes a grant back. */
    public void revoke(Relation relation) {
        model.tools().secretRevoke(id(), relation.ref(), Optional.empty());
    }

    /** Owner only: removes one revision. */
    public void removeRevision(int revision) {
        model.tools().secretRemove(id(), Optional.of(revision));
    }

    /** Owner only: removes the secret. */
    public void removeAll() {
        model.tools().secretRemove(id(), Optional.empty());
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
