package io.jcharm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcharm.core.Component;
import io.jcharm.core.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A hook's repeated secret reads run one hook tool each, and answer what lib/controller (Juju's
 * rules) answers: a consumer's tracked revision, --peek's latest without tracking, --refresh moving
 * the tracked revision; an owner's latest revision and metadata, new after its own secret-set.
 */
class SecretReadsOncePerHookTest {
    private final ToolCalls calls = new ToolCalls();
    private final List<String> answers = new ArrayList<>();

    private List<String> secretCalls() {
        return calls.all().stream().filter(c -> c.get(0).startsWith("secret-")).map(c -> String.join(" ", c)).toList();
    }

    @Test
    void aConsumerGetsItsTrackedRevisionPeeksTheLatestAndRefreshMovesIt() {
        SecretState s = new SecretState("secret:cv0tmpd2ju3s6aconsum", Optional.empty(), Optional.empty(),
                Map.of("v", "one"), Map.of("v", "two"), 2, Optional.empty(), Set.of());
        Context ctx = DemoCharm.with(Component.of("reads", m -> {
            Secret secret = m.secrets().byId(s.id());
            answers.add(secret.content().get("v"));
            answers.add(secret.content().get("v"));
            answers.add(secret.peek().get("v"));
            answers.add(secret.peek().get("v"));
            answers.add(secret.content().get("v"));
            answers.add(secret.refresh().get("v"));
            answers.add(secret.content().get("v"));
            answers.add(secret.content().get("v"));
        })).recordingCalls(calls);

        State out = ctx.run(Events.updateStatus(), State.empty().withSecret(s));

        assertEquals(List.of("one", "one", "two", "two", "one", "two", "two", "two"), answers, "Juju's answers");
        assertEquals(List.of("secret-get --format=json " + s.id(), "secret-get --format=json " + s.id() + " --peek",
                "secret-get --format=json " + s.id() + " --refresh", "secret-get --format=json " + s.id()), secretCalls(),
                "the same read twice runs once; after --refresh the tracked revision is asked again");
        assertEquals(Map.of("v", "two"), out.secrets().get(0).content(), "the refresh is committed");
    }

    @Test
    void anOwnerReadsOnceUntilItWritesAndThenSeesItsWrite() {
        SecretState s = SecretState.ownedByApp("creds", Map.of("key", "old"));
        Context ctx = DemoCharm.with(Component.of("owner", m -> {
            Secret secret = m.secrets().byLabel("creds").orElseThrow();
            for (int i = 0; i < 3; i++) {
                answers.add(secret.peek().get("key") + " rev " + secret.info().revision() + " " + secret.id());
            }
            secret.setContent(Map.of("key", "new"));
            for (int i = 0; i < 2; i++) {
                answers.add(secret.peek().get("key") + " rev " + secret.info().revision() + " " + secret.id());
            }
        })).recordingCalls(calls);

        ctx.run(Events.updateStatus(), State.empty().withLeader(true).withSecret(s));

        String before = "old rev 1 " + s.id();
        String after = "new rev 2 " + s.id();
        assertEquals(List.of(before, before, before, after, after), answers, "Juju's answers, the write seen at once");
        String peek = "secret-get --format=json --label creds --peek";
        String info = "secret-info-get --format=json --label creds";
        assertEquals(List.of(peek, info, "secret-set " + s.id() + " key#file=", peek, info),
                secretCalls().stream().map(c -> c.replaceAll("#file=\\S*", "#file=")).toList(),
                "byLabel's peek answers the first peek(); one secret-info-get for id() and info(); the write makes both ask again");
    }
}
