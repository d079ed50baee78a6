package io.jcharm.charms.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.ToolCalls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hook-tool calls of an mlflow hook with tracking consumers: each is a process in a real
 * unit, and the credentials secret is read and identified once per hook however many consumers
 * it is granted to.
 */
class MlflowHookCallsTest extends MlflowTestBase {
    @Test
    void theCredentialsSecretIsReadOnceForEveryConsumer() {
        RelationState storage = f.objectStorage(KEY);
        RelationState jupyter = RelationState.of("tracking", "jupyter").withId(81);
        RelationState kfp = RelationState.of("tracking", "kfp-api").withId(82);
        State first = f.ctx.run(Events.relationCreated(jupyter),
                f.leader.withRelation(storage).withRelation(jupyter).withRelation(kfp));
        ToolCalls calls = new ToolCalls();

        State out = f.ctx.recordingCalls(calls).run(Events.updateStatus(), first.withContainersCarriedOver());

        assertEquals(List.of(), calls.repeats("secret-get"), "no secret-get twice with the same arguments");
        assertEquals(List.of(), calls.repeats("secret-info-get"), "the secret's id asked once, not once per consumer");
        assertEquals(1, calls.count("secret-info-get"));
        SecretState creds = out.secretByLabel(Publishers.TRACKING_SECRET).orElseThrow();
        assertEquals(Map.of("access-key", "minio", "secret-key", KEY), creds.content(), "no new revision");
        for (RelationState r : List.of(jupyter, kfp)) {
            assertTrue(creds.grantedTo().contains(r.id()), "granted to " + r.remoteApp());
            assertEquals(creds.id(), out.relation(r.id()).localAppData().get("s3-credentials-secret"));
        }
    }
}
