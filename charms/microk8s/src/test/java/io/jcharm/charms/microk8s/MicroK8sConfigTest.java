package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad value blocks naming its option, before any command runs. */
class MicroK8sConfigTest {
    private final Context ctx = Context.of(MicroK8sCharm::new);
    @TempDir
    Path tmp;

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("channel", "1.32/sometimes", "\"1.32/sometimes\" is not a snap channel; the risk must be one"
                        + " of stable, candidate, beta, edge (for example 1.32/stable)"),
                Arguments.of("channel", "1.32 /stable", "\"1.32 /stable\" is not a snap channel; expected track/risk"
                        + " such as 1.32/stable (risk is one of stable, candidate, beta, edge)"),
                Arguments.of("profile", "tiny", "must be one of edge, none, got \"tiny\""),
                Arguments.of("addons", "dns Ingress", "\"Ingress\" is not an addon: expected [repository/]name[:arguments]"
                        + " in lowercase letters, digits and dashes, for example \"ingress\" or \"metallb:10.0.0.1-10.0.0.9\""),
                Arguments.of("addons", "dns dns", "addon \"dns\" is listed twice; list each addon once"),
                Arguments.of("metallb-range", "10.0.0.1/24", "\"10.0.0.1/24\" is not an IPv4 range a.b.c.d-e.f.g.h, for"
                        + " example 10.64.140.43-10.64.140.49"),
                Arguments.of("metallb-range", "10.0.0.1-10.0.0.256", "\"10.0.0.1-10.0.0.256\" has an octet above 255"),
                Arguments.of("metallb-range", "10.0.0.9-10.0.0.1", "\"10.0.0.9-10.0.0.1\" starts after it ends; write the"
                        + " lower address first"),
                Arguments.of("containerd-env", "HTTPS_PROXY=http://p:3128\nnot a pair", "line 2 \"not a pair\" is not"
                        + " KEY=value with KEY made of letters, digits and underscores (for example"
                        + " HTTPS_PROXY=http://proxy:3128)"),
                Arguments.of("custom-registries", "[{\"url\": \"https://a.example\"}, {\"host\": \"docker.io\"}]",
                        "entry 2 has no \"url\"; each entry needs one, for example {\"url\": \"https://registry.example:5000\"}"),
                Arguments.of("custom-registries", "[{\"url\": \"https://a.example\", \"password\": \"hunter2\"}]",
                        "entry 1 has \"password\": credentials do not belong in config; put username and password in a"
                                + " Juju secret and set registry-credentials to its id"),
                Arguments.of("custom-registries", "[{\"url\": \"ftp://a.example\"}]", "entry 1 has url \"ftp://a.example\";"
                        + " expected http://host[:port] or https://host[:port]"),
                Arguments.of("custom-registries", "[{\"url\": \"https://a.example\", \"skip_verify\": true}]", "entry 1 has"
                        + " unknown key \"skip_verify\"; allowed: url, host, skip-verify, use-credentials"),
                Arguments.of("custom-registries", "{\"url\": \"https://a.example\"}", "expected a JSON list of registries,"
                        + " such as [{\"url\": \"https://registry.example:5000\"}], got a object"),
                Arguments.of("extra-sans", "%UNIT_PUBLIC_ADDRESS%, k8s example.com", "\"k8s example.com\" is not a host"
                        + " name or IP address; write names and addresses separated by commas, for example"
                        + " \"%UNIT_PUBLIC_ADDRESS%,k8s.example.com\""),
                Arguments.of("role", "master", "must be one of '', 'control-plane', 'worker', got 'master'"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badValueBlocksNamingTheOptionAndRunsNothing(String option, String value, String reason) {
        FakeMachine machine = new FakeMachine(tmp);
        State out = ctx.run(Events.configChanged(), State.empty().withLeader(true).withEnvironment(machine.env())
                .withConfig(Map.of(option, value)));
        assertEquals(Status.blocked("[config] invalid config " + option + ": " + reason), out.unitStatus());
        assertEquals(List.of(), machine.takeCalls());
    }

    @Test
    void badJsonBlocksSayingWhatWasExpected() {
        FakeMachine machine = new FakeMachine(tmp);
        State out = ctx.run(Events.configChanged(), State.empty().withEnvironment(machine.env())
                .withConfig(Map.of("custom-registries", "[{\"url\": ")));
        String message = out.unitStatus().message();
        assertTrue(message.startsWith("[config] invalid config custom-registries: not valid JSON ("), message);
        assertTrue(message.endsWith("); expected a list such as [{\"url\": \"https://registry.example:5000\"}]"), message);
    }

    @Test
    void addonsOptionOverridesTheProfilesArgumentsAndKeepsItsPosition() {
        MicroK8sConfig cfg = new MicroK8sConfig("1.32/stable", "edge", "ingress metallb:10.0.0.5-10.0.0.6",
                "10.0.0.1-10.0.0.2", "", "[]", java.util.Optional.empty(), "", "", false);
        assertEquals(List.of("dns", "hostpath-storage", "rbac", "metallb:10.0.0.5-10.0.0.6", "ingress"),
                cfg.wantedAddons().stream().map(Addon::spec).toList());
    }
}
