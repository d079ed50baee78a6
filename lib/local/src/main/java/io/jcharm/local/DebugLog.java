package io.jcharm.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The model's log, as {@code juju debug-log} shows it: one line per entry,
 * {@code unit-hello-0: 12:00:01 INFO unit.hello/0.juju-log greeting:1: message}, appended to
 * {@code debug.log} in the state directory so that it survives between invocations.
 *
 * <pre>{@code
 * log.append("hello/0", "INFO", "unit.hello/0.juju-log", "greeting published");
 * log.tail(50, line -> line.startsWith("unit-hello-0:"));
 * }</pre>
 */
final class DebugLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final Path file;
    private final Clock clock;

    DebugLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** {@code hello/0} to {@code unit-hello-0}, Juju's tag for a unit. */
    static String tag(String unit) {
        return unit.contains("/") ? "unit-" + unit.replace('/', '-') : unit;
    }

    /** Appends one entry; a multi-line message becomes one line per line, all with the same prefix. */
    synchronized void append(String entity, String level, String module, String message) {
        String prefix = tag(entity) + ": " + TIME.format(clock.instant().atZone(ZoneId.systemDefault())) + " " + level + " "
                + module + " ";
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (String line : message.split("\n", -1)) {
                if (line.isEmpty() && message.endsWith("\n")) {
                    continue;
                }
                w.write(prefix);
                w.write(line);
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the model's log " + file + ": " + e.getMessage(), e);
        }
    }

    /** The last {@code n} lines that match, oldest first. */
    synchronized List<String> tail(int n, Predicate<String> filter) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> all;
        try {
            all = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model's log " + file + ": " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        for (String l : all) {
            if (filter.test(l)) {
                out.add(l);
            }
        }
        return out.size() <= n ? out : new ArrayList<>(out.subList(out.size() - n, out.size()));
    }
}
