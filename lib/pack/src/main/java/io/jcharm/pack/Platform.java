package io.jcharm.pack;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One {@code .charm} the project packs: the charmcraft platform (or {@code bases:} entry) it
 * comes from, the bases it runs on (manifest.yaml), and the one architecture its Java runtime
 * is linked for.
 *
 * <pre>{@code
 * new Platform("amd64", "ubuntu", "24.04", "amd64").charmFileName("hello")  // hello_ubuntu-24.04-amd64.charm
 * }</pre>
 *
 * @param name  the key under {@code platforms:}, or {@code bases[i]} for a {@code bases:} entry
 * @param arch  the architecture every run-on base shares, or empty when they span several (a
 *              Java runtime is linked for one architecture, so such an entry cannot be packed)
 * @param bases the run-on bases, in file order
 */
public record Platform(String name, String arch, List<Base> bases) {

    public Platform {
        bases = List.copyOf(bases);
    }

    /** A platform with one base and one architecture, as every {@code platforms:} entry is. */
    public Platform(String name, String os, String channel, String arch) {
        this(name, arch, List.of(new Base(os, channel, List.of(arch))));
    }

    /** A {@code bases:} entry: the architecture is the one all its run-on bases share, if any. */
    static Platform ofBases(String name, List<Base> runOn) {
        List<String> arches = runOn.stream().flatMap(b -> b.architectures().stream()).distinct().toList();
        return new Platform(name, arches.size() == 1 ? arches.get(0) : "", runOn);
    }

    /**
     * charmcraft's file name: {@code <name>_<os>-<channel>-<arch>.charm}, one such part per
     * run-on base joined with {@code _}.
     */
    public String charmFileName(String charmName) {
        return charmName + "_" + bases.stream().map(Base::fileNamePart).collect(Collectors.joining("_")) + ".charm";
    }
}
