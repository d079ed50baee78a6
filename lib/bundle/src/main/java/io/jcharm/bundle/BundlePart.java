package io.jcharm.bundle;

import io.jcharm.yaml.YamlDoc;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One document of a bundle or overlay file, normalised as Juju does at parse time.
 *
 * @param raw the document's plain YAML values after normalisation (scale to num_units, placement to to)
 * @param data the same, decoded leniently
 * @param baseDir the directory relative charm paths and includes resolve against
 * @param typeErrors go-yaml's type errors in the document; when there are any, Juju decodes the
 *                   document to nothing, so {@code raw} and {@code data} are empty
 */
record BundlePart(YamlDoc doc, Map<String, Object> raw, BundleData data, SourceMap sources, Path baseDir,
                  List<Problem> typeErrors) {

    /** Whether Juju drops this document (a type error in it). */
    boolean dropped() {
        return !typeErrors.isEmpty();
    }
}
