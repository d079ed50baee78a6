package io.jcharm.testing;

import java.util.Set;
import java.util.TreeSet;

/**
 * The Pebble faults a test container has when the event starts: services whose start fails (as a
 * process exiting at once with code 1), checks that are down, and paths whose push fails (as on a
 * full disk). Set through {@link ContainerState#withServiceStartFailing},
 * {@link ContainerState#withCheckDown} and {@link ContainerState#withPushFailing}.
 *
 * <pre>{@code
 * ContainerState c = ContainerState.reachable("minio").withServiceStartFailing("minio");
 * c.faults().failingStarts();  // [minio]
 * }</pre>
 *
 * @param failingStarts services whose every start fails
 * @param downChecks checks that are down (they must be in the container's layers)
 * @param failingPushes absolute paths whose every push fails; other files of the same push land
 */
public record PebbleFaults(Set<String> failingStarts, Set<String> downChecks, Set<String> failingPushes) {
    /** No fault: Pebble does what it is asked. */
    public static final PebbleFaults NONE = new PebbleFaults(Set.of(), Set.of(), Set.of());

    public PebbleFaults {
        failingStarts = Set.copyOf(failingStarts);
        downChecks = Set.copyOf(downChecks);
        failingPushes = Set.copyOf(failingPushes);
    }

    PebbleFaults withStartFailing(String service) {
        return new PebbleFaults(plus(failingStarts, service), downChecks, failingPushes);
    }

    PebbleFaults withCheckDown(String check) {
        return new PebbleFaults(failingStarts, plus(downChecks, check), failingPushes);
    }

    PebbleFaults withPushFailing(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a failing push path must be absolute (as Pebble's), got \"" + path + "\"");
        }
        return new PebbleFaults(failingStarts, downChecks, plus(failingPushes, path));
    }

    private static Set<String> plus(Set<String> set, String item) {
        Set<String> out = new TreeSet<>(set);
        out.add(item);
        return out;
    }
}
