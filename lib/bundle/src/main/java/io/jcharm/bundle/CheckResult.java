package io.jcharm.bundle;

import io.jcharm.core.meta.CharmMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@link BundleChecker} found: the merged bundle (when it could be built), where each
 * part came from, the charms' metadata and every problem, errors and warnings, in Juju's order.
 *
 * <pre>{@code
 * CheckResult r = checker.check(Path.of("bundles/edge"), List.of(), options);
 * if (!r.ok()) r.errors().forEach(p -> System.err.println(p.format()));
 * }</pre>
 */
public record CheckResult(Path bundleFile, Optional<BundleData> bundle, SourceMap sources,
                          Map<String, CharmMetadata> charms, List<Problem> problems) {

    public CheckResult {
        problems = List.copyOf(problems);
        charms = Maps.copy(charms);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** No errors (warnings allowed). */
    public boolean ok() {
        return bundle.isPresent() && errors().isEmpty();
    }
}
