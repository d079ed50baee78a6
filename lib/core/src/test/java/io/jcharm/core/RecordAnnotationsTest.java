package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Annotations read from a record's class file say what reflection says. */
class RecordAnnotationsTest {
    record Annotated(@OptionName("log.level") @OneOf({"debug", "info", "é ☃"}) String level,
                     @Range(min = 1, max = 65535) int port, @Range(min = 0.5) double ratio, @Range(max = -2) long below,
                     @Deprecated String plain, long someLongName) {
    }

    @Test
    void theClassFileSaysWhatReflectionSays() {
        RecordAnnotations fromFile = RecordAnnotations.of(Annotated.class);
        assertTrue(fromFile.fromClassFile(), "read from the class file, no annotation proxies");
        for (RecordComponent c : Annotated.class.getRecordComponents()) {
            String expectedName = c.isAnnotationPresent(OptionName.class) ? c.getAnnotation(OptionName.class).value()
                    : c.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            assertEquals(expectedName, fromFile.optionName(c), c.getName());
            Range r = c.getAnnotation(Range.class);
            assertEquals(r != null, fromFile.range(c).isPresent(), c.getName());
            if (r != null) {
                assertArrayEquals(new double[] {r.min(), r.max()}, fromFile.range(c).get(), c.getName());
            }
            OneOf o = c.getAnnotation(OneOf.class);
            assertEquals(Optional.ofNullable(o).map(a -> Arrays.asList(a.value())), fromFile.oneOf(c), c.getName());
        }
        assertEquals(List.of("debug", "info", "é ☃"), fromFile.oneOf(Annotated.class.getRecordComponents()[0]).orElseThrow());
        assertEquals("some-long-name", fromFile.optionName(Annotated.class.getRecordComponents()[5]));
    }
}
