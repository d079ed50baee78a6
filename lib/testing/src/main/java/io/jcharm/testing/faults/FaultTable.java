package io.jcharm.testing.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * docs/faults.md from the records every module's fault tests wrote under
 * {@code target/faults/}: an overview (fault × charm) and, per charm, each cell's outcome and
 * the test that shows it.
 *
 * <pre>{@code
 * List<FaultRecord> records = FaultTable.read(repoRoot);
 * String markdown = FaultTable.render(records, List.of("hello", "istio"), List.of("mysql-k8s"), List.of("minio"));
 * Set<FaultKind> gaps = FaultTable.missing(records, "istio");
 * }</pre>
 */
public final class FaultTable {
    private static final Comparator<FaultRecord> ORDER = Comparator.comparing(FaultRecord::charm)
            .thenComparing(FaultRecord::kind).thenComparing(FaultRecord::detail).thenComparing(FaultRecord::test)
            .thenComparing(FaultRecord::outcome);

    private FaultTable() {
    }

    /** Every record under {@code root}'s modules ({@code <module>/target/faults/*.jsonl}), sorted. */
    public static List<FaultRecord> read(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    Path parent = dir.getParent();
                    boolean inTarget = parent != null && parent.getFileName() != null
                            && parent.getFileName().toString().equals("target");
                    // Only module trees and their target/faults: sources, .git and other build output are skipped.
                    if (name.startsWith(".") && !dir.equals(root) || name.equals("src") || name.equals("node_modules")
                            || inTarget && !name.equals("faults")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path dir = file.getParent();
                    if (file.toString().endsWith(".jsonl") && dir.getFileName().toString().equals("faults")
                            && dir.getParent().getFileName().toString().equals("target")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for fault records under " + root, e);
        }
        Set<FaultRecord> records = new TreeSet<>(ORDER);
        for (Path f : files) {
            try {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        records.add(FaultMatrixExtension.JSON.readValue(line, FaultRecord.class));
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read fault records from " + f + " (" + e.getMessage()
                        + "): rerun that module's tests, which rewrite the file", e);
            }
        }
        return List.copyOf(records);
    }

    /** The fault kinds {@code charm} has no cell for (neither an outcome nor a reason it does not apply). */
    public static Set<FaultKind> missing(List<FaultRecord> records, String charm) {
        Set<FaultKind> missing = EnumSet.allOf(FaultKind.class);
        records.stream().filter(r -> r.charm().equals(charm)).forEach(r -> missing.remove(r.kind()));
        return missing;
    }

    /**
     * The markdown of docs/faults.md: {@code covered} charms in the overview and a section each,
     * {@code pending} charms named as not yet covered.
     */
    public static String render(List<FaultRecord> records, List<String> covered, List<String> pending) {
        return render(records, covered, List.of(), pending);
    }

    /**
     * As {@link #render(List, List, List)}, with {@code standIns} (the local model's imitations of
     * Charmhub charms) in an overview of their own after the charms', so that neither grows too
     * wide, and a section each after the charms' sections.
     */
    public static String render(List<FaultRecord> records, List<String> covered, List<String> standIns, List<String> pending) {
        StringBuilder md = new StringBuilder();
        md.append("# Fault matrix\n\n")
                .append("Generated from test results: do not edit. Each charm's fault test classes (`<Charm>FaultsTest`;\n")
                .append("`<Charm>UpgradeTest` for the upgrade from a previous revision's captured state), annotated\n")
                .append("`@FaultMatrix`, record what they observed under each fault in `target/faults/`;\n")
                .append("`FaultTableTest` (tests/) renders this file from those records and fails when it differs.\n")
                .append("Regenerate with `-Djcharm.faults.write=true` (see lib/testing/README.md).\n\n")
                .append("Legend: **blocked**/**waiting**/**maintenance**: the unit's status says what is wrong and what to\n")
                .append("do; **retry**: the hook fails and Juju retries it; **absorbed**: the unit ends active;\n")
                .append("**n/a**: the fault cannot happen to this charm (the reason is below).\n\n");
        if (!pending.isEmpty()) {
            md.append("Not yet covered: ").append(String.join(", ", pending)).append(".\n\n");
        }
        overview(md, records, covered);
        if (!standIns.isEmpty()) {
            md.append("\n## Stand-ins\n\n")
                    .append("The local model runs these Java charms in place of the Charmhub charms of the same names\n")
                    .append("(charms/standins/); under each fault they must do what the charm they imitate does.\n\n");
            overview(md, records, standIns);
        }
        List<String> sections = new ArrayList<>(covered);
        sections.addAll(standIns);
        for (String c : sections) {
            md.append("\n## ").append(c).append("\n\n| Fault | Variant | Outcome | Test |\n|---|---|---|---|\n");
            for (FaultRecord r : records) {
                if (r.charm().equals(c)) {
                    md.append("| ").append(r.kind().area()).append(": ").append(r.kind().title()).append(" | ")
                            .append(cell(r.detail())).append(" | ")
                            .append(r.applicable() ? cell(r.outcome()) : "n/a: " + cell(r.outcome())).append(" | `")
                            .append(r.test()).append("` |\n");
                }
            }
        }
        return md.toString();
    }

    /** One overview table: a row per fault, a column per charm, each cell the kinds of its outcomes. */
    private static void overview(StringBuilder md, List<FaultRecord> records, List<String> charms) {
        md.append("| Fault |");
        charms.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|");
        charms.forEach(c -> md.append("---|"));
        md.append('\n');
        for (FaultKind k : FaultKind.values()) {
            md.append("| ").append(k.area()).append(": ").append(k.title()).append(" |");
            for (String c : charms) {
                Set<String> codes = records.stream().filter(r -> r.charm().equals(c) && r.kind() == k)
                        .map(FaultTable::code).collect(Collectors.toCollection(LinkedHashSet::new));
                md.append(' ').append(codes.isEmpty() ? "**missing**" : String.join(" / ", codes)).append(" |");
            }
            md.append('\n');
        }
    }

    /** The overview's word for a cell: how the unit ended, from the start of the outcome. */
    static String code(FaultRecord r) {
        if (!r.applicable()) {
            return "n/a";
        }
        String o = r.outcome();
        if (o.startsWith("hook fails")) {
            return "retry";
        }
        if (o.startsWith("action fails")) {
            return "action fails";
        }
        if (o.startsWith("active")) {
            return "absorbed";
        }
        for (String s : List.of("blocked", "waiting", "maintenance")) {
            if (o.startsWith(s)) {
                return s;
            }
        }
        return "see below";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
