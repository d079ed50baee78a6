package io.jcharm.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes a stand-in charm's project for the packer (run by exec-maven-plugin in a stand-in's pom,
 * before packing): the stand-in's own charmcraft.yaml (type, base, platforms) copied beside the
 * metadata.yaml, config.yaml and actions.yaml {@link StandinFiles} re-emits from the snapshot.
 * Never calls System.exit: it runs inside Maven's JVM.
 *
 * <pre>{@code
 * StandinMain.main(new String[] {"--snapshot", "bundles/charmhub/mysql-k8s/8.0.yaml",
 *         "--charmcraft", "charms/standins/mysql-k8s/charmcraft.yaml", "--output", "target/standin"});
 * }</pre>
 */
public final class StandinMain {
    private StandinMain() {
    }

    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0 || !a.keySet().containsAll(java.util.List.of("--snapshot", "--charmcraft", "--output"))) {
            throw new IllegalArgumentException("usage: StandinMain --snapshot bundles/charmhub/<charm>/<track>.yaml"
                    + " --charmcraft <stand-in>/charmcraft.yaml --output <dir>; got " + String.join(" ", args));
        }
        Path out = Path.of(a.get("--output"));
        StandinFiles files = StandinFiles.fromSnapshot(Path.of(a.get("--snapshot")));
        files.writeTo(out);
        try {
            Files.copy(Path.of(a.get("--charmcraft")), out.resolve("charmcraft.yaml"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + a.get("--charmcraft") + " into " + out + ": " + e.getMessage(), e);
        }
        System.out.println("[jcharm stand-in] " + files.charm() + " " + files.track() + ": metadata re-emitted into " + out);
    }
}
