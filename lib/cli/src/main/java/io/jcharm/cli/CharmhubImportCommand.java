package io.jcharm.cli;

import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CharmhubSnapshot;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.MetadataException;
import io.jcharm.process.Executables;
import io.jcharm.process.ProcessException;
import io.jcharm.process.ProcessResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jcharm charmhub import}: writes or refreshes the snapshot of a Charmhub charm's metadata
 * for one track, from the charm's own files, so that bundles naming it get the charm-aware checks.
 *
 * <pre>{@code
 * jcharm charmhub import ~/src/mysql-k8s-operator --channel 8.0/stable
 * jcharm charmhub import metadata.yaml config.yaml --channel latest/edge --repository canonical/x --branch main --commit 0123abc
 * }</pre>
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Read a charm's metadata (a charm directory, or its metadata.yaml/config.yaml/actions.yaml or",
            "charmcraft.yaml) and write bundles/charmhub/<charm>/<track>.yaml: every endpoint, option, resource, storage",
            "and container, with the source (repository, branch, commit) it came from. In a git checkout the source",
            "is found by itself; otherwise give --repository, --branch and --commit."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the snapshot was written (or is already current)",
            "1:bad input (unreadable metadata, unknown source)", "2:usage error"})
public final class CharmhubImportCommand implements Callable<Integer> {
    @ParentCommand
    CharmhubCommand parent;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "A charm directory, or its metadata files.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--channel", paramLabel = "TRACK/RISK", description = "The channel the files ship in (its track names "
            + "the snapshot); default latest.")
    String channel = "latest/stable";

    @Option(names = "--repository", paramLabel = "OWNER/NAME", description = "Where the files come from (default: git remote origin).")
    String repository;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "The branch (default: git's current branch).")
    String branch;

    @Option(names = "--commit", paramLabel = "SHA", description = "The commit (default: git HEAD).")
    String commit;

    @Option(names = "--charmhub-dir", paramLabel = "DIR", description = "Where snapshots live (default: the repository's bundles/charmhub).")
    Path charmhubDir;

    @Override
    public Integer call() {
        CliContext ctx = parent.context();
        PrintWriter out = parent.spec.commandLine().getOut();
        List<Path> files = paths.stream().map(ctx::resolve).toList();
        for (Path p : files) {
            if (!Files.exists(p)) {
                throw CliException.user(ctx.show(p) + " not found", "give a charm directory or its metadata files");
            }
        }
        CharmMetadata meta;
        try {
            meta = CharmhubSnapshot.readCharm(files);
        } catch (MetadataException e) {
            throw CliException.user("cannot read the charm's metadata: " + e.getMessage(), "fix the file, or point at the charm's root directory");
        }
        String track = CharmCatalog.track(channel);
        if (track.isEmpty()) {
            throw CliException.user("--channel is empty", "give the channel the charm ships in, e.g. 8.0/stable");
        }
        Path gitDir = Files.isDirectory(files.get(0)) ? files.get(0) : files.get(0).toAbsolutePath().getParent();
        CharmhubSnapshot.Source source = new CharmhubSnapshot.Source(
                given(repository, () -> git(ctx, gitDir, "remote", "get-url", "origin").map(CharmhubImportCommand::ownerName), "--repository"),
                given(branch, () -> git(ctx, gitDir, "rev-parse", "--abbrev-ref", "HEAD"), "--branch"),
                given(commit, () -> git(ctx, gitDir, "rev-parse", "HEAD"), "--commit"), track);
        Path dir = Optional.ofNullable(charmhubDir).map(ctx::resolve)
                .or(() -> Workspace.root(ctx).map(r -> r.resolve("bundles/charmhub")))
                .orElseThrow(() -> CliException.user("no bundles/charmhub directory here or above " + ctx.show(ctx.cwd()),
                        "run from the repository, or give --charmhub-dir"));
        Path file = dir.resolve(meta.name()).resolve(track + ".yaml");
        String text = new CharmhubSnapshot(meta, source).yaml();
        try {
            boolean existed = Files.isRegularFile(file);
            if (existed && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                out.println(ctx.show(file) + ": already current (" + summary(meta) + ")");
                out.flush();
                return ExitCodes.OK;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            out.println(ctx.show(file) + ": " + (existed ? "refreshed" : "written") + " (" + summary(meta) + "; from "
                    + source.repository() + "@" + source.branch() + " " + source.commit() + ")");
        } catch (IOException e) {
            throw CliException.user("cannot write " + ctx.show(file) + ": " + e.getMessage(), "check the directory's permissions");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String summary(CharmMetadata meta) {
        return meta.endpoints().size() + " endpoints, " + meta.config().size() + " options, " + meta.resources().size()
                + " resources, " + meta.storage().size() + " storage, " + meta.containers().size() + " containers";
    }

    private interface Lookup {
        Optional<String> get();
    }

    private static String given(String value, Lookup fromGit, String option) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        return fromGit.get().orElseThrow(() -> CliException.user("cannot tell where the charm's files come from (no git "
                + "checkout to read " + option.substring(2) + " from)", "give " + option + " (the snapshot records its source)"));
    }

    private static Optional<String> git(CliContext ctx, Path dir, String... args) {
        Optional<Path> git = Executables.onPath("git", ctx.env());
        if (git.isEmpty()) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(List.of(git.get().toString(), "-C", dir.toString()));
        argv.addAll(List.of(args));
        ProcessResult r;
        try {
            r = ctx.runner().run(io.jcharm.process.Command.of(argv).env(ctx.env()).timeout(Duration.ofSeconds(30)));
        } catch (ProcessException e) {
            throw CliException.external("cannot run git to read where the charm comes from: " + e.getMessage(),
                    "give --repository, --branch and --commit yourself");
        }
        String s = r.stdout().strip();
        return r.exitCode() == 0 && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    }

    /** {@code https://github.com/canonical/minio-operator.git} or {@code git@github.com:x/y} to {@code canonical/minio-operator}. */
    static String ownerName(String remote) {
        String r = remote.strip().replaceAll("\\.git$", "").replaceAll("/+$", "");
        String[] parts = r.split("[/:]");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : r;
    }
}
