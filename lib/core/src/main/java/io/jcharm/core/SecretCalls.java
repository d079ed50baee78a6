package io.jcharm.core;

import io.jcharm.core.tools.HookTools;
import io.jcharm.core.tools.RelationRef;
import io.jcharm.core.tools.SecretInfo;
import io.jcharm.core.tools.SecretOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One hook's secret hook-tool calls: a read asked again with the same arguments is answered from
 * what Juju said the first time, until the hook writes a secret. Every call of {@link Secret} and
 * {@link Secrets} goes through here, so no write can miss the memo.
 *
 * <pre>{@code
 * calls.get(Optional.empty(), Optional.of("certs"), false, true);  // secret-get --label certs --peek
 * calls.get(Optional.empty(), Optional.of("certs"), false, true);  // the same answer, no process
 * }</pre>
 *
 * <p>Why a repeat may be answered from memory (Juju 3.6; the rules lib/controller emulates): the
 * owner reads the latest revision, which only the owner changes (an application's secret: only
 * its leader), i.e. only this hook's own secret-set/-remove; a consumer's plain read answers the
 * revision it tracks, which moves only with its own {@code --refresh}; secret-info-get answers
 * the owner's metadata, changed only by the owner's writes. A consumer's {@code --peek} sees
 * the latest revision, which the owner may publish while this hook runs: the hook keeps the
 * answer it first got, as if that revision came just after the hook's reads, the same snapshot
 * Juju gives a hook of relation data. So: any secret-add, secret-set or secret-remove forgets
 * everything (a write by id may change a read by label, and a label may move to another
 * secret); a {@code --refresh} read always asks and forgets everything (the tracked revision
 * moved); a read by id with a label applies that label, so it forgets everything before it
 * asks. secret-grant and secret-revoke forget nothing: neither the content nor what
 * {@link SecretInfo} holds depends on grants. Failures are not remembered.
 */
final class SecretCalls {
    private final HookTools tools;
    private final Map<Read, Map<String, String>> contents = new HashMap<>();
    private final Map<Read, SecretInfo> infos = new HashMap<>();

    /** The arguments of one read. */
    private record Read(Optional<String> id, Optional<String> label, boolean peek) {
    }

    SecretCalls(HookTools tools) {
        this.tools = tools;
    }

    /** {@code secret-get}, asked once per hook for the same arguments unless {@code refresh}. */
    Map<String, String> get(Optional<String> id, Optional<String> label, boolean refresh, boolean peek) {
        if (refresh) {
            forget();
            return tools.secretGet(id, label, true, peek);
        }
        Read read = new Read(id, label, peek);
        Map<String, String> known = contents.get(read);
        if (known != null) {
            return known;
        }
        if (id.isPresent() && label.isPresent()) {
            forget(); // Juju (re)applies the label to the secret: a write
        }
        Map<String, String> content = Map.copyOf(tools.secretGet(id, label, false, peek));
        contents.put(read, content);
        return content;
    }

    /** {@code secret-info-get} by id, else by label; asked once per hook for the same arguments. */
    SecretInfo info(Optional<String> id, Optional<String> label) {
        Read read = new Read(id, id.isPresent() ? Optional.empty() : label, false);
        SecretInfo known = infos.get(read);
        if (known == null) {
            known = tools.secretInfoGet(read.id(), read.label());
            infos.put(read, known);
        }
        return known;
    }

    String add(Map<String, String> content, SecretOptions options) {
        forget();
        return tools.secretAdd(content, options);
    }

    void set(String id, Optional<Map<String, String>> content, SecretOptions options) {
        forget();
        tools.secretSet(id, content, options);
    }

    void remove(String id, Optional<Integer> revision) {
        forget();
        tools.secretRemove(id, revision);
    }

    void grant(String id, RelationRef relation, Optional<String> unit) {
        tools.secretGrant(id, relation, unit);
    }

    void revoke(String id, RelationRef relation, Optional<String> unit) {
        tools.secretRevoke(id, relation, unit);
    }

    private void forget() {
        // Before the call, not after: a write that fails half-way (a timeout) must not leave an
        // answer from before it.
        contents.clear();
        infos.clear();
    }
}
