package io.jcharm.local;

import io.jcharm.controller.CharmFacts;
import io.jcharm.controller.Host;
import io.jcharm.controller.LogRecord;
import io.jcharm.controller.Secrets;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.StorageMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local model as jcharm-controller's {@link Host}: charm facts from the deployed archives'
 * metadata, config with the charm's defaults, storage and resources under the state directory,
 * loopback networking (one machine), and the debug log.
 *
 * <pre>{@code
 * Jujuc jujuc = new Jujuc(controller.doc, new LocalHost(controller, dirs));
 * }</pre>
 */
final class LocalHost implements Host {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Controller controller;
    private final StateDir dirs;

    LocalHost(Controller controller, StateDir dirs) {
        this.controller = controller;
        this.dirs = dirs;
    }

    @Override
    public CharmFacts charm(String app) {
        return facts(controller.metadata(app));
    }

    /** The names a hook tool may be asked about, from a charm's metadata. */
    static CharmFacts facts(CharmMetadata meta) {
        Map<String, String> storage = new TreeMap<>();
        for (StorageMeta s : meta.storage().values()) {
            storage.put(s.name(), s.type());
        }
        return new CharmFacts(meta.endpoints().keySet(), java.util.Set.copyOf(meta.extraBindings()),
                meta.resources().keySet(), storage);
    }

    @Override
    public Map<String, Object> config(String app) {
        return controller.config(app);
    }

    @Override
    public Path storageLocation(String unit, String storageId) {
        Path location = dirs.unitDir(unit).resolve("storage").resolve(storageId.replace('/', '-'));
        try {
            Files.createDirectories(location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create storage " + storageId + " of " + unit + " at " + location, e);
        }
        return location;
    }

    @Override
    public Path resourceDir(String app, String resource) {
        return dirs.resources(app).resolve(resource);
    }

    @Override
    public Network network(String unit) {
        return new Network("lo", "127.0.0.1", "127.0.0.0/8"); // one machine: every unit is reached on loopback
    }

    @Override
    public String newSecretId() {
        return Secrets.newId(RANDOM);
    }

    @Override
    public void log(LogRecord r) {
        controller.log.append(r.unit(), r.level(), r.module(), r.text());
    }
}
