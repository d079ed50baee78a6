package io.jcharm.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A charm's components in the order they reconcile, with their wiring checked as the list is
 * built: unique names, and every dependency listed before its dependant (so no cycle). A wiring
 * mistake therefore fails in every test of the charm, never half-way through a hook.
 *
 * <pre>{@code
 * Component<HelloConfig> config = Component.config(HelloConfig.class);
 * return Components.of(config, Component.of("ports", config, (m, cfg) -> m.setPorts(List.of(Port.tcp(cfg.port())))));
 * }</pre>
 */
public final class Components implements Iterable<Component<?>> {
    private final List<Component<?>> list;
    private final Map<Component<?>, Integer> index;

    private Components(List<Component<?>> list, Map<Component<?>, Integer> index) {
        this.list = list;
        this.index = index;
    }

    /**
     * The components, in order.
     *
     * @throws IllegalStateException naming the mistake when names repeat or a dependency is not
     *         listed before its dependant
     */
    public static Components of(Component<?>... components) {
        return of(Arrays.asList(components));
    }

    /** As {@link #of(Component[])}. */
    public static Components of(List<? extends Component<?>> components) {
        List<Component<?>> list = new ArrayList<>(components.size());
        for (int i = 0; i < components.size(); i++) {
            Component<?> c = components.get(i);
            Objects.requireNonNull(c, "component " + i + " of the list is null");
            if (c instanceof IfProceeded<?> ip) {
                throw new IllegalStateException("\"" + ip.name() + "\".ifProceeded() is listed as a component; list \""
                        + ip.name() + "\" itself and name ifProceeded() only as a dependency");
            }
            list.add(c);
        }
        List<String> names = list.stream().map(Component::name).toList();
        Map<Component<?>, Integer> index = new IdentityHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!seen.add(list.get(i).name())) {
                throw new IllegalStateException("two components are named \"" + list.get(i).name()
                        + "\"; names must be unique: " + names);
            }
            for (Component<?> c = list.get(i); ; c = ((Gated<?>) c).inner()) {
                index.putIfAbsent(c, i);
                if (!(c instanceof Gated<?>)) {
                    break;
                }
            }
        }
        Components built = new Components(List.copyOf(list), index);
        for (int i = 0; i < list.size(); i++) {
            for (Component<?> dep : list.get(i).dependsOn()) {
                Integer at = index.get(source(dep));
                if (at == null) {
                    throw new IllegalStateException("component \"" + list.get(i).name() + "\" depends on \"" + dep.name()
                            + "\", which is not in the list; add that very object (not a copy) before it: " + names);
                }
                if (at >= i) {
                    throw new IllegalStateException(at == i
                            ? "component \"" + list.get(i).name() + "\" depends on itself"
                            : built.cycle(i).map(cycle -> "components depend on each other in a cycle: " + cycle)
                                    .orElse("component \"" + list.get(i).name() + "\" depends on \"" + dep.name()
                                            + "\", which is listed after it; list \"" + dep.name() + "\" first: " + names));
                }
            }
        }
        return built;
    }

    /** The components, in order. */
    public List<Component<?>> list() {
        return list;
    }

    /** Their names, in order. */
    public List<String> names() {
        return list.stream().map(Component::name).toList();
    }

    @Override
    public Iterator<Component<?>> iterator() {
        return list.iterator();
    }

    /** Where a dependency's component is listed. */
    int position(Component<?> dependency) {
        return index.get(source(dependency));
    }

    static Component<?> source(Component<?> dependency) {
        return dependency instanceof IfProceeded<?> ip ? ip.source() : dependency;
    }

    /** A dependency path from component {@code start} back to itself, as "a -> b -> a". */
    private Optional<String> cycle(int start) {
        List<Integer> path = new ArrayList<>();
        path.add(start);
        return walk(start, start, path, new HashSet<>());
    }

    private Optional<String> walk(int start, int at, List<Integer> path, Set<Integer> visited) {
        for (Component<?> dep : list.get(at).dependsOn()) {
            Integer next = index.get(source(dep));
            if (next == null) {
                continue;
            }
            if (next == start) {
                List<String> names = new ArrayList<>(path.stream().map(p -> list.get(p).name()).toList());
                names.add(list.get(start).name());
                return Optional.of(String.join(" -> ", names));
            }
            if (visited.add(next)) {
                path.add(next);
                Optional<String> found = walk(start, next, path, visited);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }
}
