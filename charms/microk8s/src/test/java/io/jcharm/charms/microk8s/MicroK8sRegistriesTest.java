package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** custom-registries become containerd hosts.toml files; credentials come from a Juju secret. */
class MicroK8sRegistriesTest {
    private static final String MIRROR = "/var/snap/microk8s/current/args/certs.d/docker.io/hosts.toml";
    private static final String PRIVATE = "/var/snap/microk8s/current/args/certs.d/registry.example:5000/hosts.toml";
    /** The start of the snap's own template (canonical/microk8s v1.33 default-args/containerd-template.toml). */
    private static final String SNAP_TEMPLATE = """
            # Use config version 2 to enable new configuration fields.
            version = 2
            [plugins."io.containerd.grpc.v1.cri".registry]
              config_path = "${SNAP_DATA}/args/certs.d"
            """;
    private final Context ctx = Context.of(MicroK8sCharm::new);
    @TempDir
    Path tmp;
    private FakeMachine machine;
    private State base;

    @BeforeEach
    void setUp() {
        machine = new FakeMachine(tmp).installed("1.32/stable", "v1.32.3", "dns", "hostpath-storage", "rbac");
        base = State.empty().withEnvironment(machine.env()).withStored(Map.of("role", "\"\""));
    }

    @Test
    void aMirrorAndATokenAuthRegistryGetHostsTomlAndTheCredentialsGoToContainerdsCriConfig() throws Exception {
        Files.createDirectories(machine.path(MachineFiles.CONTAINERD_TEMPLATE).getParent());
        Files.writeString(machine.path(MachineFiles.CONTAINERD_TEMPLATE), SNAP_TEMPLATE);
        SecretState creds = SecretState.granted(Map.of("username", "puller", "password", "s3cr3t-pa55\"x"));
        String json = "[{\"url\": \"http://10.0.0.5:5000\", \"host\": \"docker.io\", \"use-credentials\": false},"
                + " {\"url\": \"https://registry.example:5000\", \"skip-verify\": true}]";
        State in = base.withSecret(creds).withConfig(Map.of("custom-registries", json, "registry-credentials", creds.id()));
        State out = ctx.run(Events.configChanged(), in);
        assertEquals("""
                # Written by the microk8s charm from custom-registries; changes here are overwritten.
                server = "https://registry-1.docker.io"

                [host."http://10.0.0.5:5000"]
                  capabilities = ["pull", "resolve"]
                """, machine.file(MIRROR).orElseThrow());
        assertEquals("""
                # Written by the microk8s charm from custom-registries; changes here are overwritten.
                server = "https://registry.example:5000"

                [host."https://registry.example:5000"]
                  capabilities = ["pull", "resolve"]
                  skip_verify = true
                """, machine.file(PRIVATE).orElseThrow(), "no header: containerd would not send it to a token service");
        assertEquals(SNAP_TEMPLATE
                + "# BEGIN registry-credentials (managed by the microk8s charm; edits are overwritten)\n"
                + "[plugins.\"io.containerd.grpc.v1.cri\".registry.configs.\"registry.example:5000\".auth]\n"
                + "  username = \"puller\"\n"
                + "  password = \"s3cr3t-pa55\\\"x\"\n"
                + "# END registry-credentials\n", machine.file(MachineFiles.CONTAINERD_TEMPLATE).orElseThrow());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                machine.path(MachineFiles.CONTAINERD_TEMPLATE))));
        assertTrue(machine.takeCalls().contains("snap restart microk8s.daemon-containerd"), "containerd reads it at start");
        assertEquals(Optional.of("[\"docker.io\",\"registry.example:5000\"]"), out.storedValue("registries"));
        assertFalse(out.logs().stream().anyMatch(l -> l.contains("s3cr3t-pa55")), out.logs().toString());
        assertEquals("active", out.unitStatus().name());

        ctx.run(Events.configChanged(), out);
        assertFalse(machine.takeCalls().contains("snap restart microk8s.daemon-containerd"), "unchanged: no restart");
    }

    @Test
    void aRegistryNoLongerListedIsRemoved() {
        String json = "[{\"url\": \"http://10.0.0.5:5000\", \"host\": \"docker.io\"}]";
        State with = ctx.run(Events.configChanged(), base.withConfig(Map.of("custom-registries", json)));
        assertTrue(machine.file(MIRROR).isPresent());
        State without = ctx.run(Events.configChanged(), with.withConfig(Map.of()));
        assertEquals(Optional.empty(), machine.file(MIRROR));
        assertFalse(Files.exists(machine.path(MIRROR).getParent()), "the empty host directory goes too");
        assertEquals(Optional.of("[]"), without.storedValue("registries"));
    }

    @Test
    void credentialsWithoutPasswordBlockNamingTheKey() {
        SecretState creds = SecretState.granted(Map.of("username", "puller"));
        State out = ctx.run(Events.configChanged(), base.withSecret(creds).withConfig(Map.of(
                "custom-registries", "[{\"url\": \"https://registry.example:5000\"}]", "registry-credentials", creds.id())));
        assertEquals(Status.blocked("[registries] registry-credentials secret " + creds.id() + " has no password: juju"
                + " update-secret " + creds.id() + " username=<user> password=<password>"), out.unitStatus());
        assertEquals(Optional.empty(), machine.file(PRIVATE));
    }

    @Test
    void anUngrantedCredentialsSecretBlocksWithTheGrantCommand() {
        String id = "secret:cv0tmpd2ju3s6bbbbbbb";
        State out = ctx.run(Events.configChanged(), base.withConfig(Map.of(
                "custom-registries", "[{\"url\": \"https://registry.example:5000\"}]", "registry-credentials", id)));
        assertEquals(Status.blocked("[registries] registry-credentials secret " + id + " not found or not granted:"
                + " juju grant-secret " + id + " microk8s"), out.unitStatus());
        // A secret that exists but was not granted: secret-get answers "permission denied".
        State denied = ctx.run(Events.configChanged(), base.withSecret(SecretState.notGranted(id)).withConfig(Map.of(
                "custom-registries", "[{\"url\": \"https://registry.example:5000\"}]", "registry-credentials", id)));
        assertEquals(out.unitStatus(), denied.unitStatus());
    }
}
