package io.jcharm.bundle;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.MetadataException;
import io.jcharm.yaml.GoYaml;
import io.jcharm.yaml.YamlDoc;
import io.jcharm.yaml.YamlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the metadata of a packed {@code .charm} (a zip) without unpacking it: metadata.yaml,
 * config.yaml and actions.yaml, or a charmcraft.yaml when that is all it has.
 *
 * <pre>{@code
 * CharmMetadata meta = PackedCharm.metadata(Path.of("charms/istio/target/istio.charm"));
 * }</pre>
 */
public final class PackedCharm {
    private PackedCharm() {
    }

    /** @throws MetadataException naming the archive when it cannot be read */
    public static CharmMetadata metadata(Path archive) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            String meta = entry(zip, "metadata.yaml");
            if (meta != null) {
                return CharmMetadata.parse(map(meta, archive, "metadata.yaml"),
                        map(entry(zip, "config.yaml"), archive, "config.yaml"),
                        map(entry(zip, "actions.yaml"), archive, "actions.yaml"));
            }
            String unified = entry(zip, "charmcraft.yaml");
            if (unified == null) {
                throw new MetadataException(archive + " has neither metadata.yaml nor charmcraft.yaml: is it a charm?");
            }
            Map<String, Object> all = map(unified, archive, "charmcraft.yaml");
            return CharmMetadata.parse(all, Raw.map(all.get("config")), Raw.map(all.get("actions")));
        } catch (IOException e) {
            throw new MetadataException("cannot read " + archive + " as a zip: " + e.getMessage(), e);
        }
    }

    private static String entry(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> map(String text, Path archive, String name) {
        if (text == null) {
            return Map.of();
        }
        try {
            List<YamlDoc> docs = GoYaml.read(text, archive.resolve(name));
            return docs.isEmpty() ? Map.of() : Raw.map(docs.get(0).root());
        } catch (YamlException e) {
            throw new MetadataException(archive + "!" + name + ": " + e.getMessage(), e);
        }
    }
}
