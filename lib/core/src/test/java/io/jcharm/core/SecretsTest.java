package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.tools.RelationRef;
import io.jcharm.core.tools.SecretOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private final RecordingHookTools tools = new RecordingHookTools();
    private final Model model = Fixtures.model(tools, "hooks/config-changed");

    private String logged() {
        return String.join("\n", tools.logs);
    }

    @Test
    void contentReadIsRedactedFromLogs() {
        tools.secrets.put("secret:tls", Map.of("tls-key", "PRIVATE-KEY-BYTES", "pin", "123"));
        Secret s = model.secrets().byId("secret:tls");
        Map<String, String> content = s.content();
        model.log().info("loaded " + content);
        model.log().warning("key is PRIVATE-KEY-BYTES!");
        assertFalse(logged().contains("PRIVATE-KEY-BYTES"), logged());
        assertTrue(logged().contains("WARNING key is ***!"), logged());
        assertTrue(logged().contains("123"), "values under 4 characters are not redacted: they would hide ordinary words");
    }

    @Test
    void contentWrittenIsRedactedToo() {
        Secret s = model.secrets().addForApp(Map.of("password", "hunter2-long"), "db-password");
        s.setContent(Map.of("password", "rotated-value"));
        model.log().info("hunter2-long then rotated-value");
        assertEquals(List.of("INFO *** then ***"), tools.logs);
        assertFalse(s.toString().contains("hunter2"), s.toString());
    }

    @Test
    void addUsesOwnerAndLabel() {
        Secret app = model.secrets().addForApp(Map.of("k", "value1"), "app-label");
        Secret unit = model.secrets().addForUnit(Map.of("k", "value2"), "unit-label");
        assertEquals(List.of("secret-add --owner application --label app-label -> " + app.id(),
                "secret-add --owner unit --label unit-label -> " + unit.id()),
                tools.calls.stream().filter(c -> c.startsWith("secret-add")).toList());
        assertEquals(Optional.of("app-label"), app.label());
        Secret full = model.secrets().add(Map.of("k", "v"), SecretOptions.unit().withDescription("d"));
        assertEquals(Optional.empty(), full.label());
    }

    @Test
    void byLabelIsEmptyWhenThereIsNone() {
        assertEquals(Optional.empty(), model.secrets().byLabel("nope"));
        model.secrets().addForApp(Map.of("k", "value"), "certs");
        Secret s = model.secrets().byLabel("certs").orElseThrow();
        assertEquals(Map.of("k", "value"), s.content());
        assertEquals("Secret[?, label=certs]", s.toString());
    }

    @Test
    void refreshAndPeekAskJujuForTheLatestRevision() {
        tools.secrets.put("secret:a", Map.of("k", "v"));
        Secret s = model.secrets().byId("secret:a");
        s.content();
        s.refresh();
        s.peek();
        assertEquals(List.of("secret-get secret:a", "secret-get secret:a --refresh", "secret-get secret:a --peek"),
                tools.calls.stream().filter(c -> c.startsWith("secret-get")).toList());
    }

    @Test
    void infoUsesTheIdWhenKnownElseTheLabel() {
        tools.secrets.put("secret:a", Map.of("k", "v"));
        tools.secretLabels.put("lbl", "secret:a");
        model.secrets().byId("secret:a").info();
        Secret byLabel = model.secrets().byLabel("lbl").orElseThrow();
        assertEquals("secret:a", byLabel.id(), "a label-only secret learns its id from secret-info-get (bare there),"
                + " as secret-add gives it");
        assertEquals(List.of("secret-info-get secret:a", "secret-info-get --label lbl"),
                tools.calls.stream().filter(c -> c.startsWith("secret-info-get")).toList());
    }

    @Test
    void grantRevokeAndRemove() {
        RelationRef ref = tools.relate("db", 3, "mysql", "mysql/0");
        tools.secrets.put("secret:a", Map.of("k", "v"));
        Secret s = model.secrets().byId("secret:a");
        Relation r = model.relation("db").orElseThrow();
        s.grant(r);
        s.grant(r, "mysql/0");
        s.revoke(r);
        s.removeRevision(2);
        s.removeAll();
        assertEquals(List.of("secret-grant secret:a " + ref, "secret-grant secret:a " + ref + " mysql/0",
                "secret-revoke secret:a " + ref, "secret-remove secret:a --revision 2", "secret-remove secret:a"),
                tools.calls.stream().filter(c -> c.startsWith("secret-") && !c.startsWith("secret-get")).toList());
    }

    @Test
    void secretIdsInJujusThreeForms() {
        assertTrue(Secrets.isSecretId("secret:cv0tmpd2ju3s6aaaaaaa"));
        assertTrue(Secrets.isSecretId("secret://5f1c7e2a-0000-4000-8000-0000000000f1/cv0tmpd2ju3s6aaaaaaa"));
        assertTrue(Secrets.isSecretId("cv0tmpd2ju3s6aaaaaaa"));
        assertFalse(Secrets.isSecretId("user-secret-7"));
        assertFalse(Secrets.isSecretId("secret:cv0tmpd2ju3s6aaaaaaa\n"));
    }
}
