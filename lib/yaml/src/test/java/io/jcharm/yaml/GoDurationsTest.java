package io.jcharm.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's duration syntax, as Pebble writes and reads it. */
class GoDurationsTest {
    @ParameterizedTest
    @CsvSource({"0s,0", "1ns,1", "1.5µs,1500", "500ms,500000000", "1s,1000000000", "1.5s,1500000000",
            "1m0s,60000000000", "1h0m0s,3600000000000", "2h45m0s,9900000000000", "168h0m0s,604800000000000",
            "1m30.25s,90250000000", "-1.5s,-1500000000"})
    void formatsLikeGoAndParsesBack(String text, long nanos) {
        assertEquals(text, GoDurations.format(Duration.ofNanos(nanos)));
        assertEquals(Duration.ofNanos(nanos), GoDurations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"300ms,300000000", "1.5h,5400000000000", "2h45m,9900000000000", "0,0", "1us,1000",
            "4.000s,4000000000", "+5s,5000000000"})
    void parsesOtherGoSpellings(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDurations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1x", "1.2.3s", "-", "1 s"})
    void rejectsWhatGoRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(text));
        assertEquals(true, e.getMessage().contains("invalid Go duration"));
    }
}
