package io.jcharm.testing.faults;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a charm's fault test class: its tests get a {@link FaultRecorder}, and what a passing
 * test recorded lands in {@code target/faults/<TestClass>.jsonl}, from which docs/faults.md is
 * generated.
 *
 * <pre>{@code
 * @FaultMatrix(charm = "hello")
 * class HelloFaultsTest {
 *     @Test void badPort(FaultRecorder faults) { ... faults.observed(FaultKind.CONFIG_BAD, "port", FaultChecks.outcome(out)); }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FaultMatrixExtension.class)
public @interface FaultMatrix {
    /** The charm's name, as in its charmcraft.yaml. */
    String charm();
}
