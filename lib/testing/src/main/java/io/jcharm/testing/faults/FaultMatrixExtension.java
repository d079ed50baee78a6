package io.jcharm.testing.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JUnit 5 side of {@link FaultMatrix}: starts the class's record file afresh, hands each test
 * a {@link FaultRecorder}, and appends its records as JSON lines once the test has passed (a
 * failing test records nothing, so the table never shows an outcome that was not seen).
 *
 * <pre>{@code
 * // target/faults/HelloFaultsTest.jsonl (or under -Djcharm.faults.dir)
 * {"charm":"hello","kind":"CONFIG_BAD","detail":"port","applicable":true,"outcome":"blocked: ...","test":"HelloFaultsTest#badPort"}
 * }</pre>
 */
public final class FaultMatrixExtension implements BeforeAllCallback, ParameterResolver, AfterEachCallback {
    /** Where records go, relative to the module (surefire's working directory). */
    public static final String DIR_PROPERTY = "jcharm.faults.dir";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FaultMatrixExtension.class);

    static Path dir() {
        return Path.of(System.getProperty(DIR_PROPERTY, "target/faults"));
    }

    private static Path file(ExtensionContext context) {
        return dir().resolve(context.getRequiredTestClass().getSimpleName() + ".jsonl");
    }

    private static String charm(ExtensionContext context) {
        FaultMatrix m = context.getRequiredTestClass().getAnnotation(FaultMatrix.class);
        if (m == null) {
            throw new IllegalStateException(context.getRequiredTestClass().getName() + " uses FaultRecorder without"
                    + " @FaultMatrix(charm = \"...\"): annotate the class so its records name the charm");
        }
        return m.charm();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Files.createDirectories(dir());
        Files.deleteIfExists(file(context)); // a rerun replaces the class's records, never adds to stale ones
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FaultRecorder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) throws ParameterResolutionException {
        String test = context.getRequiredTestClass().getSimpleName() + "#" + context.getRequiredTestMethod().getName();
        return context.getStore(NS).getOrComputeIfAbsent(FaultRecorder.class, k -> new FaultRecorder(charm(context), test),
                FaultRecorder.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        FaultRecorder recorder = context.getStore(NS).get(FaultRecorder.class, FaultRecorder.class);
        if (recorder == null || context.getExecutionException().isPresent()) {
            return;
        }
        if (recorder.records().isEmpty()) {
            throw new IllegalStateException(context.getDisplayName() + " took a FaultRecorder but recorded no cell:"
                    + " call observed(...) or notApplicable(...)");
        }
        StringBuilder lines = new StringBuilder();
        for (FaultRecord r : recorder.records()) {
            lines.append(JSON.writeValueAsString(r)).append('\n');
        }
        try {
            Files.writeString(file(context), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fault records to " + file(context), e);
        }
    }
}
