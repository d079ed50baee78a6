package io.jcharm.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A machine unit's sandbox: {@code bin/} with simulated system tools (snap, microk8s, sysctl,
 * systemctl, hostname, ...; one sh script that logs every call to {@code calls.log} and answers
 * plausibly), put on the hook's PATH right after the hook tools, and {@code root/}, given to
 * the charm as JCHARM_MACHINE_ROOT for the files it would write on a real machine.
 *
 * <pre>{@code
 * MachineSandbox box = MachineSandbox.prepare(dirs.sandbox("microk8s/0"), "microk8s-0");
 * box.bin();   // .../sandbox/bin, with snap -> jcharm-machine-tool
 * }</pre>
 */
record MachineSandbox(Path dir) {
    static final String SCRIPT = "jcharm-machine-tool";
    static final List<String> TOOLS = List.of("snap", "microk8s", "sysctl", "systemctl", "hostname", "apt-get", "modprobe",
            "iptables", "mount", "umount", "reboot");

    Path bin() {
        return dir.resolve("bin");
    }

    Path root() {
        return dir.resolve("root");
    }

    Path calls() {
        return dir.resolve("calls.log");
    }

    /** Creates (once) the sandbox; {@code hostname} is what the fake hostname prints. */
    static MachineSandbox prepare(Path dir, String hostname) {
        MachineSandbox box = new MachineSandbox(dir);
        try {
            Files.createDirectories(box.bin());
            Files.createDirectories(box.root());
            Files.createDirectories(dir.resolve("state"));
            Path script = box.bin().resolve(SCRIPT);
            if (!Files.exists(script)) {
                try (InputStream in = MachineSandbox.class.getResourceAsStream("machine-tool.sh")) {
                    if (in == null) {
                        throw new IllegalStateException("machine-tool.sh is missing from the jcharm-local jar: rebuild it");
                    }
                    Files.write(script, in.readAllBytes());
                }
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                for (String t : TOOLS) {
                    Files.createSymbolicLink(box.bin().resolve(t), Path.of(SCRIPT));
                }
                Files.writeString(dir.resolve("state").resolve("hostname"), hostname + "\n");
                Files.writeString(box.calls(), "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the machine sandbox " + dir + ": " + e.getMessage(), e);
        }
        return box;
    }
}
