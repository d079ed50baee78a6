package io.jcharm.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract test of the secret calls: exact argv, and secret values travelling only through
 * 0600 files that are gone once the call returns.
 */
class ExecHookToolsSecretsTest {

    private static final String PASSWORD = "s3cr3t-Pa55word!";
    private static final String PEM = "-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n";

    @TempDir
    Path tmp;
    FakeTools fake;
    ExecHookTools tools;

    @BeforeEach
    void setUp() {
        fake = new FakeTools(tmp);
        tools = new ExecHookTools(fake.env);
    }

    @Test
    void secretAddPassesValuesAsPrivateFilesOnly() {
        fake.answer("secret-add", "secret:d0erdiffl2t4nvkrcv8g\n");
        SecretOptions options = SecretOptions.app().withLabel("db-creds").withDescription("database login")
                .withExpire("24h").withRotate("daily");
        String id = tools.secretAdd(Map.of("password", PASSWORD, "tls-key", PEM), options);
        assertEquals("secret:d0erdiffl2t4nvkrcv8g", id);

        FakeTools.Call call = fake.only("secret-add");
        List<String> args = call.args();
        assertEquals(List.of("--label", "db-creds", "--description", "database login", "--expire", "24h",
                "--rotate", "daily", "--owner", "application"), args.subList(0, 10));
        assertEquals(12, args.size(), "args: " + args);
        Path passwordFile = fileArg(args.get(10), "password");
        Path keyFile = fileArg(args.get(11), "tls-key");
        assertValuesNotOnArgv(args);
        assertEquals(Map.of("password", "600", "tls-key", "600"), call.fileModes());
        assertEquals(Map.of("password", PASSWORD, "tls-key", PEM), call.fileValues());
        assertFalse(Files.exists(passwordFile), "secret file left behind: " + passwordFile);
        assertFalse(Files.exists(keyFile));
        assertFalse(Files.exists(passwordFile.getParent()), "secret temp dir left behind");
    }

    @Test
    void secretAddFailureStillDeletesFilesAndKeepsValuesOutOfTheError() {
        fake.fail("secret-add", 1, "ERROR quota exceeded");
        HookToolException e = assertThrows(HookToolException.class,
                () -> tools.secretAdd(Map.of("password", PASSWORD), SecretOptions.unit()));
        assertEquals(1, e.exitCode());
        assertEquals(List.of("--owner", "unit"), e.command().subList(1, 3));
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertValuesNotOnArgv(e.command());
        Path file = fileArg(e.command().get(3), "password");
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void secretAddRefusesBadKeysWithoutShowingValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tools.secretAdd(Map.of("Bad_Key", PASSWORD), SecretOptions.app()));
        assertTrue(e.getMessage().contains("Bad_Key"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
        assertThrows(IllegalArgumentException.class, () -> tools.secretAdd(Map.of(), SecretOptions.app()));
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void secretSetWithContent() {
        tools.secretSet("secret:abc", Optional.of(Map.of("password", PASSWORD)), SecretOptions.none().withLabel("l"));
        FakeTools.Call call = fake.only("secret-set");
        assertEquals(List.of("--label", "l", "secret:abc"), call.args().subList(0, 3));
        assertEquals(4, call.args().size());
        Path file = fileArg(call.args().get(3), "password");
        assertValuesNotOnArgv(call.args());
        assertEquals(Map.of("password", "600"), call.fileModes());
        assertEquals(Map.of("password", PASSWORD), call.fileValues());
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void secretSetOfMetadataOnly() {
        tools.secretSet("secret:abc", Optional.empty(), SecretOptions.none().withRotate("never").withExpire("2026-02-01T00:00:00Z"));
        fake.expect("secret-set", "--expire", "2026-02-01T00:00:00Z", "--rotate", "never", "secret:abc");
    }

    @Test
    void secretGetByIdWithLabelAndRefresh() {
        fake.answer("secret-get", "{\"password\":\"" + PASSWORD + "\"}\n");
        assertEquals(Map.of("password", PASSWORD),
                tools.secretGet(Optional.of("secret:abc"), Optional.of("db"), true, false));
        fake.expect("secret-get", "--format=json", "secret:abc", "--label", "db", "--refresh");
    }

    @Test
    void secretGetByLabelWithPeek() {
        fake.answer("secret-get", "{\"a\":\"b\"}\n");
        tools.secretGet(Optional.empty(), Optional.of("db"), false, true);
        fake.expect("secret-get", "--format=json", "--label", "db", "--peek");
        assertThrows(IllegalArgumentException.class,
                () -> tools.secretGet(Optional.empty(), Optional.empty(), false, false));
    }

    @Test
    void secretInfoGetById() {
        fake.answer("secret-info-get", "{\"d0erdiffl2t4nvkrcv8g\":{\"revision\":3,\"label\":\"db\",\"owner\":"
                + "\"application\",\"rotation\":\"daily\",\"rotates\":\"2026-01-02T00:00:00Z\"}}\n");
        SecretInfo info = tools.secretInfoGet(Optional.of("secret:d0erdiffl2t4nvkrcv8g"), Optional.of("ignored"));
        fake.expect("secret-info-get", "--format=json", "secret:d0erdiffl2t4nvkrcv8g");
        assertEquals(new SecretInfo("d0erdiffl2t4nvkrcv8g", Optional.of("db"), Optional.empty(), Optional.empty(),
                Optional.of("daily"), Optional.of("2026-01-02T00:00:00Z"), 3), info);
    }

    @Test
    void secretInfoGetByLabel() {
        fake.answer("secret-info-get", "{\"xyz\":{\"revision\":1}}\n");
        assertEquals(1, tools.secretInfoGet(Optional.empty(), Optional.of("db")).revision());
        fake.expect("secret-info-get", "--format=json", "--label", "db");
    }

    @Test
    void secretGrantToARemoteUnit() {
        tools.secretGrant("secret:abc", new RelationRef("db", 3), Optional.of("mysql/0"));
        fake.expect("secret-grant", "--relation", "db:3", "--unit", "mysql/0", "secret:abc");
    }

    @Test
    void secretRevokeFromARelation() {
        tools.secretRevoke("secret:abc", new RelationRef("db", 3), Optional.empty());
        fake.expect("secret-revoke", "--relation", "db:3", "secret:abc");
    }

    @Test
    void secretRemoveWithAndWithoutRevision() {
        tools.secretRemove("secret:abc", Optional.of(2));
        tools.secretRemove("secret:abc", Optional.empty());
        List<FakeTools.Call> calls = fake.calls();
        assertEquals(List.of("secret:abc", "--revision", "2"), calls.get(0).args());
        assertEquals(List.of("secret:abc"), calls.get(1).args());
    }

    @Test
    void secretIds() {
        fake.answer("secret-ids", "[\"secret:abc\",\"secret:def\"]\n");
        assertEquals(List.of("secret:abc", "secret:def"), tools.secretIds());
        fake.expect("secret-ids", "--format=json");
    }

    @Test
    void malformedSecretGetOutputIsNotQuoted() {
        fake.answer("secret-get", "password: " + PASSWORD + " {\n");
        HookToolException e = assertThrows(HookToolException.class,
                () -> tools.secretGet(Optional.of("secret:abc"), Optional.empty(), false, false));
        assertTrue(e.getMessage().contains("unexpected output"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    /** {@code key#file=/path} with a path inside a private temp dir. */
    private static Path fileArg(String arg, String key) {
        assertTrue(arg.startsWith(key + "#file=/"), arg);
        return Path.of(arg.substring((key + "#file=").length()));
    }

    private static void assertValuesNotOnArgv(List<String> args) {
        for (String a : args) {
            assertFalse(a.contains(PASSWORD) || a.contains("BEGIN KEY"), "secret value on argv: " + a);
        }
    }
}
