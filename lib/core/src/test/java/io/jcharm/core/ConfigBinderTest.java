package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcharm.core.meta.ConfigOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigBinderTest {
    private static final Map<String, ConfigOption> OPTIONS = Fixtures.meta("""
            name: c
            config:
              options:
                image-hub: {type: string, default: docker.io}
                max-replicas: {type: int, default: 3}
                tls-secret-id: {type: secret}
                ratio: {type: float, default: 0.5}
                debug: {type: boolean, default: false}
                big: {type: int}
                mode: {type: string, default: fast}
                port: {type: int}
            """).config();

    record Names(String imageHub, int maxReplicas, @OptionName("tls-secret-id") Optional<String> tlsSecret) {
    }

    record Numbers(int maxReplicas, long big, double ratio, boolean debug) {
    }

    record Boxed(Integer port, Optional<Integer> maxReplicas, Optional<Boolean> debug) {
    }

    record Ranged(@Range(min = 1, max = 65535) int port, @Range(min = 0.25, max = 0.75) double ratio) {
    }

    record Choice(@OneOf({"fast", "safe"}) String mode) {
    }

    record Checked(int maxReplicas) {
        Checked {
            if (maxReplicas % 2 == 0) {
                throw new InvalidConfigException("max-replicas", "must be odd for a quorum");
            }
        }
    }

    record Crashes(int maxReplicas) {
        Crashes {
            throw new ArithmeticException("bug in the charm");
        }
    }

    record Undeclared(String colour) {
    }

    record Unsupported(java.util.List<String> imageHub) {
    }

    private static <T extends Record> T bind(Class<T> type, Object... kv) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            values.put((String) kv[i], kv[i + 1]);
        }
        return RecordBinder.config(type, values, OPTIONS);
    }

    private static String invalid(Class<? extends Record> type, Object... kv) {
        return assertThrows(InvalidConfigException.class, () -> bind(type, kv)).getMessage();
    }

    @Test
    void componentsBindKebabCaseOptionsAndDefaults() {
        assertEquals(new Names("docker.io", 3, Optional.empty()), bind(Names.class));
        assertEquals(new Names("ghcr.io", 5, Optional.of("secret:x")), bind(Names.class, "image-hub", "ghcr.io",
                "max-replicas", 5L, "tls-secret-id", "secret:x"));
    }

    @Test
    void emptyStringIsAnEmptyOptional() {
        assertEquals(Optional.empty(), bind(Names.class, "tls-secret-id", "").tlsSecret());
    }

    @Test
    void numbersAndBooleansConvert() {
        assertEquals(new Numbers(7, 9_000_000_000L, 2.0, true), bind(Numbers.class, "max-replicas", "7", "big",
                9_000_000_000L, "ratio", 2L, "debug", true, "port", 1));
        assertEquals(16, bind(Numbers.class, "max-replicas", "0x10", "big", 1).maxReplicas());
        assertEquals(4, bind(Numbers.class, "max-replicas", 4.0, "big", 1).maxReplicas(), "a whole double is fine");
        assertEquals(new Boxed(80, Optional.of(3), Optional.of(false)), bind(Boxed.class, "port", 80));
        assertEquals(new Boxed(null, Optional.of(3), Optional.of(false)), bind(Boxed.class),
                "an unset option without default binds null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
    void jujusTrueStrings(String text) {
        assertEquals(true, bind(Numbers.class, "debug", text, "big", 1).debug());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False"})
    void jujusFalseStrings(String text) {
        assertEquals(false, bind(Numbers.class, "debug", text, "big", 1).debug());
    }

    @Test
    void wrongTypesNameTheOption() {
        assertEquals("invalid config debug: expected boolean, got \"yes\"", invalid(Numbers.class, "debug", "yes",
                "big", 1));
        assertEquals("invalid config max-replicas: expected a number, got \"three\"", invalid(Numbers.class,
                "max-replicas", "three", "big", 1));
        assertEquals("invalid config max-replicas: expected int, got 2.5", invalid(Numbers.class, "max-replicas", 2.5,
                "big", 1));
        assertEquals("invalid config max-replicas: expected int, got 3000000000 (too large for an int)",
                invalid(Numbers.class, "max-replicas", 3_000_000_000L, "big", 1));
        assertEquals("invalid config big: expected int, got 1.5", invalid(Numbers.class, "big", 1.5),
                "a long is not silently truncated");
        assertEquals("invalid config ratio: expected a number, got \"half\"", invalid(Numbers.class, "ratio", "half",
                "big", 1));
    }

    @Test
    void unsetPrimitiveWithoutDefaultSaysHowToFix() {
        assertEquals("invalid config big: is not set and has no default; set it with juju config",
                invalid(Numbers.class));
    }

    @Test
    void rangeMessages() {
        assertEquals("invalid config port: must be between 1 and 65535, got 70000", invalid(Ranged.class, "port",
                70000L));
        assertEquals("invalid config ratio: must be between 0.25 and 0.75, got 0.8", invalid(Ranged.class, "port", 80,
                "ratio", 0.8));
        assertEquals(new Ranged(65535, 0.75), bind(Ranged.class, "port", 65535, "ratio", 0.75), "bounds are inclusive");
    }

    @Test
    void oneOfMessage() {
        assertEquals("invalid config mode: must be one of fast, safe, got \"slow\"", invalid(Choice.class, "mode",
                "slow"));
        assertEquals(new Choice("fast"), bind(Choice.class));
    }

    @Test
    void constructorChecksPassThroughNamingTheOption() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> bind(Checked.class,
                "max-replicas", 4));
        assertEquals("max-replicas", e.option());
        assertEquals("must be odd for a quorum", e.reason());
        assertEquals(Status.blocked("invalid config max-replicas: must be odd for a quorum"), e.toStatus());
    }

    @Test
    void otherConstructorExceptionsAreBugsAndPropagate() {
        assertEquals("bug in the charm", assertThrows(ArithmeticException.class, () -> bind(Crashes.class))
                .getMessage());
    }

    @Test
    void componentWithNoSuchOptionIsAProgrammingError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bind(Undeclared.class));
        assertEquals("Undeclared.colour binds config option \"colour\", which config.yaml does not declare; declared: "
                + "[image-hub, max-replicas, tls-secret-id, ratio, debug, big, mode, port]", e.getMessage());
    }

    @Test
    void unsupportedComponentTypeIsAProgrammingError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bind(Unsupported.class));
        assertEquals("config option image-hub: unsupported record component type java.util.List<java.lang.String>; "
                + "use String, int, long, double, boolean or Optional of them", e.getMessage());
    }

    @Test
    void modelBindsFromOneConfigGet() {
        RecordingHookTools tools = new RecordingHookTools();
        tools.config.put("greeting", "hello");
        tools.config.put("port", null);
        Model model = Fixtures.model(tools, "hooks/config-changed");
        record Demo(String greeting, int port) {
        }
        assertEquals(new Demo("hello", 8080), model.config(Demo.class), "null from config-get means the default");
        model.config(Demo.class);
        assertEquals(1, tools.count("config-get"));
        assertEquals(Map.of("greeting", "hello"), model.rawConfig());
    }
}
