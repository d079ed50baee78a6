package io.jcharm.yaml;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One YAML document as plain Java values (maps keep their order) with the line of every map key
 * and list item, so errors can point at the line to change.
 *
 * <pre>{@code
 * YamlDoc doc = GoYaml.read(Path.of("bundle.yaml")).get(0);
 * doc.line(List.of("applications", "istio", "charm"));  // Optional[7]
 * }</pre>
 *
 * @param root a {@code Map<String,Object>}, a {@code List<Object>}, a scalar or null
 * @param lines key path (map keys, list indexes as decimal strings) to 1-based line
 * @param texts the source text of every scalar that did not resolve to a string ({@code 1.0}, {@code yes}),
 *              which Go decodes as that text into a string field
 * @param keys the Go value of every map key that is not a string when decoded into an {@code interface{}}
 *             ({@code 1: one} has the key int 1; {@code '1': one} a string), by its key path; the maps in
 *             {@code root} keep every key as its text, as Go decodes keys into a string-keyed map
 */
public record YamlDoc(Path file, int index, Object root, Map<List<String>, Integer> lines, Map<List<String>, String> texts,
                      Map<List<String>, Object> keys) {

    /** The line where a key path was written, if it was. */
    public Optional<Integer> line(List<String> path) {
        return Optional.ofNullable(lines.get(path));
    }
}
