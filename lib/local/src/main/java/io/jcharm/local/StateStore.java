package io.jcharm.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code model.json}, the one file that holds the model (the Kubernetes objects
 * included), always atomically (a reader such as {@code jcharm status}
 * in another terminal never sees half a file), and holds the lock that serialises commands
 * that change the model.
 *
 * <pre>{@code
 * try (StateStore.Lock lock = StateStore.lock(dirs, Duration.ofMinutes(10))) {
 *     ModelDoc doc = StateStore.load(dirs).orElseGet(ModelDoc::new);
 *     StateStore.save(dirs, doc);
 * }
 * }</pre>
 */
final class StateStore {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private StateStore() {
    }

    static Optional<ModelDoc> load(StateDir dirs) {
        Path file = dirs.modelJson();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ModelDoc doc = JSON.readValue(file.toFile(), ModelDoc.class);
            if (doc.format != 1) {
                throw new LocalModelException("the model in " + dirs.root() + " was written by another jcharm version (format "
                        + doc.format + ")", "remove the state directory and deploy again");
            }
            Path legacy = dirs.legacyKubeJson();
            if (doc.kubernetes == null && Files.isRegularFile(legacy)) {
                doc.kubernetes = new java.util.ArrayList<>();
                JSON.readTree(legacy.toFile()).forEach(doc.kubernetes::add);
            }
            boolean kubeRan = doc.applications.values().stream().anyMatch(a -> a.kubernetes
                    && a.units.values().stream().anyMatch(u -> u.installed));
            if (kubeRan && doc.kubernetes == null) {
                throw damaged(dirs, "its Kubernetes objects (key \"kubernetes\") are missing, though Kubernetes applications ran");
            }
            return Optional.of(doc);
        } catch (JacksonException e) {
            throw damaged(dirs, "it cannot be read: " + e.getOriginalMessage());
        }
    }

    /**
     * The model in {@code dirs}, which must exist: a directory with no state at all is "no model",
     * one that has a model's other files but lost {@code model.json} is damaged.
     */
    static ModelDoc require(StateDir dirs) {
        Optional<ModelDoc> doc = load(dirs);
        if (doc.isPresent()) {
            return doc.get();
        }
        for (String trace : java.util.List.of("units", "charms", "debug.log", "kube.json", "kubeconfigs")) {
            if (Files.exists(dirs.root().resolve(trace))) {
                throw damaged(dirs, "it is missing, though " + dirs.root().resolve(trace) + " shows a model was deployed here");
            }
        }
        throw new LocalModelException("no model in " + dirs.root(), "deploy a bundle first: jcharm deploy <bundle>");
    }

    /** The state file is damaged: say which, how, and what to do; never "no model". */
    static LocalModelException damaged(StateDir dirs, String how) {
        return new LocalModelException("the model's state file " + dirs.modelJson() + " is damaged: " + how,
                "restore it from a copy if you have one; else remove " + dirs.root() + " and deploy again");
    }

    static void save(StateDir dirs, ModelDoc doc) {
        writeAtomically(dirs.modelJson(), JSON.writeValueAsBytes(doc));
        try {
            Files.deleteIfExists(dirs.legacyKubeJson()); // folded into model.json now
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dirs.legacyKubeJson() + ": " + e.getMessage(), e);
        }
    }

    /** Writes to a temporary file beside the target, then renames it over the target. */
    static void writeAtomically(Path file, byte[] data) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, data);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Takes the model's lock, waiting up to {@code wait} for another command to finish. */
    static Lock lock(StateDir dirs, Duration wait) {
        try {
            Files.createDirectories(dirs.root());
            FileChannel ch = FileChannel.open(dirs.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // held by this JVM (another LocalModel open on the same directory)
                }
                if (l != null) {
                    return new Lock(ch, l);
                }
                if (System.nanoTime() > deadline) {
                    ch.close();
                    throw new LocalModelException("another jcharm command is using the model in " + dirs.root()
                            + " and did not finish within " + wait.toSeconds() + " s", "wait for it, or stop it");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ch.close();
                    throw new LocalModelException("interrupted while waiting for the model's lock", "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dirs.lockFile() + ": " + e.getMessage(), e);
        }
    }

    /** The held lock; closing it releases it. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel, or with the process
            }
        }
    }
}
