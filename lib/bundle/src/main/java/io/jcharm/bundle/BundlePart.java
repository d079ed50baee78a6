package io.jcharm.bundle;

import java.nio.file.Path;
import java.util.Map;

/**
 * One document of a bundle or overlay file, normalised as Juju does at parse time.
 *
 * @param raw the document's plain YAML values after normalisation (scale to num_units, placement to to)
 * @param data the same, decoded leniently
 * @param baseDir the directory relative charm paths and includes resolve against
 */
record BundlePart(YamlDoc doc, Map<String, Object> raw, BundleData data, SourceMap sources, Path baseDir) {
}
