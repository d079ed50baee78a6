package io.jcharm.pack;

/**
 * The kind of startup archive a charm ships, and how dispatch maps it.
 *
 * <pre>{@code
 * ArchiveKind.AOT_CACHE.option()  // -XX:AOTCache=runtime/jcharm.aot
 * }</pre>
 */
public enum ArchiveKind {
    /**
     * JDK 25+: an AOT cache made with -XX:AOTCacheOutput by a training run of dispatch on the
     * recurring hook (not install) that loads the most classes; fastest, but its bytes differ
     * from run to run.
     */
    AOT_CACHE("runtime/jcharm.aot", "-XX:AOTCache=runtime/jcharm.aot", "-XX:AOTMode=on"),
    /**
     * Any JDK: a static AppCDS archive (-Xshare:dump) of the classes every training hook loaded;
     * byte-for-byte reproducible.
     */
    APP_CDS("runtime/jcharm.jsa", "-XX:SharedArchiveFile=runtime/jcharm.jsa", "-Xshare:on");

    private final String path;
    private final String option;
    private final String strictOption;

    ArchiveKind(String path, String option, String strictOption) {
        this.path = path;
        this.option = option;
        this.strictOption = strictOption;
    }

    /** The archive's path in the charm. */
    public String path() {
        return path;
    }

    /** The JVM option dispatch maps it with (the JVM falls back to no archive, with a warning). */
    public String option() {
        return option;
    }

    /** The option that makes an unusable archive a JVM start-up error: the packer's check. */
    public String strictOption() {
        return strictOption;
    }
}
