package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.RelationRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Within one hook a secret read with the same arguments runs its hook tool once (each call is a
 * process), until the hook writes a secret. The answers' meaning against Juju's rules (tracked
 * revision, --peek, --refresh) is checked against lib/controller in lib/testing's
 * SecretReadsOncePerHookTest.
 */
class SecretCallsTest {
    private final RecordingHookTools tools = new RecordingHookTools();
    private final Model model = Fixtures.model(tools, "hooks/config-changed");

    private List<String> secretCalls() {
        return tools.calls.stream().filter(c -> c.startsWith("secret-")).toList();
    }

    @Test
    void aSecretFoundByLabelIsReadAndIdentifiedOnce() {
        tools.secrets.put("secret:a", Map.of("k", "value"));
        tools.secretLabels.put("creds", "secret:a");

        Secret s = model.secrets().byLabel("creds").orElseThrow();
        Map<String, String> peeked = s.peek();
        String id = s.id();
        for (int i = 0; i < 3; i++) {
            assertEquals(peeked, model.secrets().byLabel("creds").orElseThrow().peek());
            assertEquals(id, s.id());
            assertEquals(Map.of("k", "value"), s.content());
        }

        assertEquals(List.of("secret-get  --label creds --peek", "secret-info-get --label creds", "secret-get  --label creds"),
                secretCalls());
    }

    @Test
    void aWriteMakesTheNextReadAskAgain() {
        tools.secrets.put("secret:a", Map.of("k", "one"));
        Secret s = model.secrets().byId("secret:a");
        assertEquals(Map.of("k", "one"), s.content());
        s.info();

        s.setContent(Map.of("k", "two"));
        assertEquals(Map.of("k", "two"), s.content(), "not the answer from before the write");
        s.info();
        s.removeRevision(1);
        s.content();
        s.info();
        model.secrets().addForApp(Map.of("k", "other"), "other");
        s.content();

        assertEquals(List.of("secret-get secret:a", "secret-info-get secret:a", "secret-set secret:a",
                "secret-get secret:a", "secret-info-get secret:a", "secret-remove secret:a --revision 1",
                "secret-get secret:a", "secret-info-get secret:a", "secret-add --owner application --label other -> secret:c101",
                "secret-get secret:a"), secretCalls());
    }

    @Test
    void refreshAlwaysAsksAndTheNextPlainReadAsksAgain() {
        tools.secrets.put("secret:a", Map.of("k", "v"));
        Secret s = model.secrets().byId("secret:a");
        s.content();
        s.refresh();
        s.refresh();
        s.content();
        s.content();
        assertEquals(List.of("secret-get secret:a", "secret-get secret:a --refresh", "secret-get secret:a --refresh",
                "secret-get secret:a"), secretCalls());
    }

    @Test
    void aReadThatAppliesALabelForgetsTheOthers() {
        Secret added = model.secrets().addForApp(Map.of("k", "v"), "tls"); // knows its id and label
        model.secrets().byLabel("tls");
        added.content(); // secret-get <id> --label tls: Juju (re)applies the label, a write
        added.content();
        model.secrets().byLabel("tls");

        assertEquals(List.of("secret-add --owner application --label tls -> secret:c100", "secret-get  --label tls --peek",
                "secret-get secret:c100 --label tls", "secret-get  --label tls --peek"), secretCalls());
    }

    @Test
    void grantsForgetNothingAndFailuresAreNotRemembered() {
        RelationRef ref = tools.relate("db", 3, "mysql", "mysql/0");
        tools.secrets.put("secret:a", Map.of("k", "v"));
        Secret s = model.secrets().byId("secret:a");
        Relation r = model.relation("db").orElseThrow();
        s.info();
        s.grant(r);
        s.info();
        s.revoke(r);
        s.info();
        assertEquals(Optional.empty(), model.secrets().byLabel("nope"));
        assertThrows(SecretNotFoundException.class, () -> model.secrets().byId("secret:gone").content());
        assertEquals(Optional.empty(), model.secrets().byLabel("nope"));

        assertEquals(List.of("secret-info-get secret:a", "secret-grant secret:a " + ref, "secret-revoke secret:a " + ref,
                "secret-get  --label nope --peek", "secret-get secret:gone", "secret-get  --label nope --peek"),
                secretCalls());
    }

    @Test
    void eachHookAsksAfresh() {
        tools.secrets.put("secret:a", Map.of("k", "v"));
        model.secrets().byId("secret:a").content();
        Model next = Fixtures.model(tools, "hooks/update-status");
        next.secrets().byId("secret:a").content();
        assertEquals(List.of("secret-get secret:a", "secret-get secret:a"), secretCalls());
    }
}
