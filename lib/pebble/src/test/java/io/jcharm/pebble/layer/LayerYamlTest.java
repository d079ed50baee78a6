package io.jcharm.pebble.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.codec.PebbleMappers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Layer and plan YAML against the layers and plans in the Pebble captures, and Pebble's merge rules. */
class LayerYamlTest {
    private static String capturedResult(String file, String field) throws Exception {
        Path path = Path.of(LayerYamlTest.class.getResource("/pebble-wire/" + file).toURI());
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            String json = line.startsWith(">>> body: ") ? line.substring(10) : line;
            if (json.startsWith("{")) {
                return PebbleMappers.json().readTree(json).path(field).asString();
            }
        }
        throw new AssertionError("no JSON in " + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"06-plan.txt", "11-plan-after-add.txt"})
    void capturedPlansRoundTripByteForByte(String capture) throws Exception {
        String yaml = capturedResult(capture, "result");
        Plan plan = Plan.parse(yaml);
        assertEquals(yaml, plan.toYaml());
        assertEquals(plan, Plan.parse(plan.toYaml()));
    }

    @Test
    void capturedLayerParsesWithPebblesFieldNames() throws Exception {
        String yaml = capturedResult("09-layers-add-combine.txt", "layer");
        Layer layer = Layer.parse(yaml);
        Service sleeper2 = layer.services().get("sleeper2");
        assertEquals(OverrideMode.REPLACE, sleeper2.override());
        assertEquals("second sleeper", sleeper2.summary());
        assertEquals("/bin/sh -c \"echo hello from sleeper2; exec sleep 2000\"", sleeper2.command());
        assertEquals(Startup.ENABLED, sleeper2.startup());
        assertEquals(Map.of("FOO", "bar"), sleeper2.environment());
        assertEquals(layer, Layer.parse(layer.toYaml()));
        // The plan after adding it (capture 11) is the plan before (capture 06) combined with it.
        Plan before = Plan.parse(capturedResult("06-plan.txt", "result"));
        Plan after = Plan.parse(capturedResult("11-plan-after-add.txt", "result"));
        assertEquals(after, before.combine("002-java", layer));
        assertFalse(before.contains(layer));
        assertTrue(after.contains(layer));
    }

    @Test
    void everyFieldUsesPebblesNameAndEmptyFieldsAreOmitted() {
        Layer layer = Layer.builder()
                .service("svc", Service.builder().override(OverrideMode.MERGE).command("run").summary("s")
                        .description("d").startup(Startup.DISABLED).after("a").before("b").requires("c")
                        .environment("PORT", "8080").userId(0).user("root").groupId(0).group("root")
                        .workingDir("/srv").onSuccess(ServiceAction.IGNORE).onFailure(ServiceAction.SHUTDOWN)
                        .onCheckFailure("up", ServiceAction.RESTART).backoffDelay(Duration.ofMillis(500))
                        .backoffFactor(2.0).backoffLimit(Duration.ofSeconds(30)).killDelay(Duration.ofMinutes(1))
                        .build())
                .check("up", Check.builder().override(OverrideMode.REPLACE).level(CheckLevel.ALIVE)
                        .startup(Startup.ENABLED).period(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(3))
                        .threshold(3).http(new HttpCheck("http://localhost/", Map.of("X-A", "1"))).build())
                .check("port", Check.builder().override(OverrideMode.REPLACE).tcp(new TcpCheck(80, "db")).build())
                .check("cmd", Check.builder().override(OverrideMode.REPLACE).exec(ExecCheck.of("pg_isready")
                        .withServiceContext("svc").withEnvironment(Map.of("A", "b")).withWorkingDir("/")).build())
                .logTarget("loki", new LogTarget(OverrideMode.REPLACE, "loki", "http://loki/push", List.of("all"),
                        Map.of("unit", "app/0")))
                .build();
        String yaml = layer.toYaml();
        for (String key : List.of("override:", "command:", "summary:", "description:", "startup:", "environment:",
                "user:", "user-id:", "group:", "group-id:", "working-dir:", "on-success:", "on-failure:",
                "on-check-failure:", "backoff-delay: 500ms", "backoff-factor: 2.0", "backoff-limit: 30s",
                "kill-delay: 1m0s", "requires:", "before:", "after:", "level: alive", "period: 10s", "timeout: 3s",
                "threshold: 3", "http:", "url:", "headers:", "tcp:", "port: 80", "host: db", "exec:",
                "service-context: svc", "log-targets:", "type: loki", "location:", "services:", "labels:",
                "PORT: \"8080\"")) {
            assertTrue(yaml.contains(key), key + " missing in:\n" + yaml);
        }
        assertEquals(layer, Layer.parse(yaml));
        String minimal = Layer.builder().service("x", Service.builder().override(OverrideMode.REPLACE)
                .command("c").build()).build().toYaml();
        assertEquals("services:\n    x:\n        override: replace\n        command: c\n", minimal);
    }

    @Test
    void mergeOverlaysAndReplaceReplaces() {
        Layer base = Layer.builder().service("svc", Service.builder().override(OverrideMode.REPLACE).command("a")
                .environment("A", "1").environment("B", "1").after("x").build()).build();
        Layer merge = Layer.builder().service("svc", Service.builder().override(OverrideMode.MERGE)
                .environment("B", "2").after("y").startup(Startup.ENABLED).build()).build();
        Layer replace = Layer.builder().service("svc", Service.builder().override(OverrideMode.REPLACE)
                .command("b").build()).build();
        Plan plan = Plan.EMPTY.combine("base", base).combine("more", merge);
        Service merged = plan.service("svc").orElseThrow();
        assertEquals("a", merged.command());
        assertEquals(Map.of("A", "1", "B", "2"), merged.environment());
        assertEquals(List.of("x", "y"), merged.after());
        assertEquals(OverrideMode.REPLACE, merged.override()); // the first layer's mode stays, as in Pebble
        // Lists append on merge, as in Pebble: adding the same merge layer again would change the plan.
        assertFalse(plan.contains(merge));
        Layer mergeWithoutLists = Layer.builder().service("svc", Service.builder().override(OverrideMode.MERGE)
                .environment("B", "2").build()).build();
        assertTrue(plan.contains(mergeWithoutLists));
        assertTrue(plan.contains(base.combinedWith("base", merge)));
        Service replaced = plan.combine("last", replace).service("svc").orElseThrow();
        assertEquals(Map.of(), replaced.environment());
        assertEquals(Set.of("svc"), plan.changedServices(replace));

        Layer combined = base.combinedWith("base", merge);
        assertEquals(Map.of("A", "1", "B", "2"), combined.services().get("svc").environment());
        IllegalArgumentException noOverride = assertThrows(IllegalArgumentException.class, () -> Plan.EMPTY.combine(
                "l", Layer.builder().service("svc", Service.builder().command("a").build()).build()));
        assertEquals("layer \"l\" must define \"override\" for service \"svc\"", noOverride.getMessage());
    }

    @Test
    void checkPartsMergeFieldByField() {
        Check base = Check.builder().override(OverrideMode.REPLACE).level(CheckLevel.READY)
                .http(new HttpCheck("http://a/", Map.of("X", "1"))).build();
        Check more = Check.builder().override(OverrideMode.MERGE).threshold(5)
                .http(new HttpCheck(null, Map.of("Y", "2"))).build();
        Check merged = base.mergedWith(more);
        assertEquals(CheckLevel.READY, merged.level());
        assertEquals(5, merged.threshold());
        assertEquals("http://a/", merged.http().url());
        assertEquals(Map.of("X", "1", "Y", "2"), merged.http().headers());
    }

    @Test
    void planValidationUsesPebblesMessages() {
        Plan noType = new Plan(Map.of(), Map.of("c", Check.builder().override(OverrideMode.REPLACE).build()), Map.of());
        assertEquals("plan must specify one of \"http\", \"tcp\", or \"exec\" for check \"c\"",
                assertThrows(IllegalArgumentException.class, noType::validate).getMessage());
        Plan zeroPeriod = new Plan(Map.of(), Map.of("c", Check.builder().override(OverrideMode.REPLACE)
                .period(Duration.ZERO).tcp(TcpCheck.of(1)).build()), Map.of());
        assertEquals("plan check \"c\" period must not be zero",
                assertThrows(IllegalArgumentException.class, zeroPeriod::validate).getMessage());
        // Pebble 1.32.1 accepts a period under the default timeout and caps the timeout to it.
        Check shortPeriod = Check.builder().override(OverrideMode.REPLACE).period(Duration.ofSeconds(1))
                .tcp(TcpCheck.of(1)).build();
        new Plan(Map.of(), Map.of("c", shortPeriod), Map.of()).validate();
        assertEquals(Duration.ofSeconds(1), shortPeriod.effectiveTimeout());
        assertEquals(Duration.ofSeconds(3), Check.builder().build().effectiveTimeout());
    }

    @Test
    void unsetFieldsTakePebblesDefaultsWithoutBeingWritten() {
        // internals/plan/plan.go (v1.32.1) and servstate's kill delay: applied, never shown in GET /v1/plan.
        Check check = Check.builder().override(OverrideMode.REPLACE).tcp(TcpCheck.of(1)).build();
        assertEquals(Duration.ofSeconds(10), check.effectivePeriod());
        assertEquals(Duration.ofSeconds(3), check.effectiveTimeout());
        Service service = Service.builder().override(OverrideMode.REPLACE).command("run").build();
        assertEquals(Duration.ofMillis(500), service.effectiveBackoffDelay());
        assertEquals(2.0, service.effectiveBackoffFactor());
        assertEquals(Duration.ofSeconds(30), service.effectiveBackoffLimit());
        assertEquals(Duration.ofSeconds(5), service.effectiveKillDelay());
        Plan combined = Plan.EMPTY.combine("l", Layer.builder().service("s", service).check("c", check).build());
        assertEquals("services:\n    s:\n        override: replace\n        command: run\nchecks:\n    c:\n"
                + "        override: replace\n        threshold: 3\n        tcp:\n            port: 1\n", combined.toYaml());
    }

    @Test
    void badYamlAndValuesAreExplained() {
        IllegalArgumentException badAction = assertThrows(IllegalArgumentException.class,
                () -> Layer.parse("services:\n  a:\n    override: replace\n    on-failure: explode\n"));
        assertTrue(badAction.getMessage().contains("explode"), badAction.getMessage());
        IllegalArgumentException badDuration = assertThrows(IllegalArgumentException.class,
                () -> Layer.parse("checks:\n  c:\n    override: replace\n    period: 10\n"));
        assertTrue(badDuration.getMessage().contains("invalid Go duration"), badDuration.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Layer.parse("services:\n  a:\n"));
        assertEquals(Layer.builder().build(), Layer.parse(""));
        assertEquals(Plan.EMPTY, Plan.parse("{}\n"));
        assertEquals("{}\n", Plan.EMPTY.toYaml());
    }
}
