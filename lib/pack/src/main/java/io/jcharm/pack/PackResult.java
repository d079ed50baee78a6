package io.jcharm.pack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One packed {@code .charm} and how it was made.
 *
 * <pre>{@code
 * PackResult r = packer.pack(request).get(0);
 * System.out.println(r.charm() + " " + r.size() / (1 << 20) + " MiB");
 * }</pre>
 *
 * @param charm    the .charm file
 * @param size     its size in bytes
 * @param platform the platform it was packed for
 * @param jdk      the JDK its runtime was linked from
 * @param modules  the JDK modules in its runtime
 * @param archive  how its startup archive was made
 * @param took     wall time of the whole pack
 */
public record PackResult(Path charm, long size, Platform platform, Jdk jdk, List<String> modules,
                         StartupArchiveBuilder.Result archive, Duration took) {
}
