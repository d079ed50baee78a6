package io.jcharm.cli;

import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CharmResolution;
import io.jcharm.bundle.CheckResult;
import io.jcharm.bundle.EndpointInference;
import io.jcharm.bundle.Grammar;
import io.jcharm.bundle.Inference;
import io.jcharm.core.meta.CharmMetadata;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jcharm integrate}: relate two applications, with the endpoints inferred offline first.
 *
 * <pre>{@code
 * jcharm integrate seldon-core istio --juju      # runs: juju integrate seldon-core:gateway-info istio:gateway-info
 * }</pre>
 */
@Command(name = "integrate", mixinStandardHelpOptions = true,
        description = {"Relate two applications. The endpoints are inferred exactly as Juju does (same interface,",
            "provider to requirer, the implicit juju-info dropped when another pair matches). On the local model",
            "(the default) from the model's charms; with --juju from the charms found through --bundle, or",
            "`juju status` and the repository's charms/ and bundles/charmhub/, then `juju integrate` runs with",
            "both endpoints explicit."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:related", "1:the endpoints cannot be inferred, or bad input",
            "2:usage error", "3:juju failed"})
public final class IntegrateCommand implements Callable<Integer> {
    private static final Pattern APP_EP = Pattern.compile("^([^:]+)(?::(.*))?$");

    @ParentCommand
    JcharmCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "APP[:ENDPOINT]")
    String first;

    @Parameters(index = "1", paramLabel = "APP[:ENDPOINT]")
    String second;

    @Option(names = "--juju", description = "Relate on the Juju controller that `juju` on the PATH uses.")
    boolean juju;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "The model (default: the current one, read once with juju switch).")
    String model;

    @Option(names = "--bundle", paramLabel = "BUNDLE", description = "Take the applications' charms from this bundle instead of juju status.")
    Path bundle;

    @Override
    public Integer call() {
        CliContext ctx = parent.context();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Grammar.EndpointSpec a = parse(first);
        Grammar.EndpointSpec b = parse(second);
        if (juju) {
            // Resolved once: the status read and the integrate must act on the same model.
            model = new JujuCli(ctx, out).model(Optional.ofNullable(model));
        }
        Target target = juju ? new JujuTarget(ctx) : Target.local(ctx);
        if (!juju && bundle == null) {
            // The local model knows its applications' charms: it infers (and explains) the endpoints itself.
            target.integrate(first, second, Optional.ofNullable(model), out);
            return ExitCodes.OK;
        }
        Map<String, CharmMetadata> metas = charms(ctx, a.application(), b.application(), err);
        String left = first;
        String right = second;
        if (metas.containsKey(a.application()) && metas.containsKey(b.application())) {
            Inference r = EndpointInference.infer(a, b, app -> Optional.ofNullable(metas.get(app)), EndpointInference.Style.SERVER);
            if (r instanceof Inference.Failed f) {
                throw CliException.user(f.message(), "name the endpoints: jcharm integrate " + a.application() + ":<endpoint> "
                        + b.application() + ":<endpoint>");
            }
            Inference.Inferred in = (Inference.Inferred) r;
            left = in.first().toString();
            right = in.second().toString();
            out.println("inferred " + left + " <-> " + right + " (interface " + in.first().endpoint().interfaceName() + ")");
        } else {
            err.println("note: charm metadata not found for " + (metas.containsKey(a.application()) ? b : a).application()
                    + "; passing the endpoints to juju as given");
        }
        out.flush();
        err.flush();
        target.integrate(left, right, Optional.ofNullable(model), out);
        return ExitCodes.OK;
    }

    /** juju integrate's client-side argument checks. */
    private static Grammar.EndpointSpec parse(String s) {
        var m = APP_EP.matcher(s);
        if (!m.matches() || s.endsWith(":")) {
            throw CliException.user("invalid endpoint \"" + s + "\"", "write app or app:endpoint");
        }
        String app = m.group(1);
        String ep = m.group(2) == null ? "" : m.group(2);
        if (!Pattern.matches("^(?:[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*)$", app)) {
            throw CliException.user("application name \"" + app + "\" not valid", "application names are lower-case letters, digits and dashes");
        }
        if (!ep.isEmpty() && !Pattern.matches("^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$", ep)) {
            throw CliException.user("endpoint \"" + ep + "\" not valid", "endpoint names are lower-case letters, digits, - and _");
        }
        return new Grammar.EndpointSpec(app, ep);
    }

    private Map<String, CharmMetadata> charms(CliContext ctx, String appA, String appB, PrintWriter err) {
        Map<String, CharmMetadata> out = new HashMap<>();
        if (bundle != null) {
            BundleWork work = new BundleWork(ctx);
            CheckResult r = work.check(work.main(bundle).file(), java.util.List.of(), true, Optional.empty());
            out.putAll(r.charms());
            for (String app : new String[] {appA, appB}) {
                if (r.bundle().isPresent() && !r.bundle().get().applications().containsKey(app)) {
                    throw CliException.user("application \"" + app + "\" not found", "choose from: "
                            + String.join(", ", r.bundle().get().applications().keySet()));
                }
            }
            return out;
        }
        if (!juju) {
            return out;
        }
        JujuStatus status = new JujuCli(ctx, spec.commandLine().getOut()).status(model);
        Optional<Path> root = Workspace.root(ctx);
        CharmCatalog catalog = new CharmCatalog(root.map(p -> p.resolve("bundles/charmhub")).filter(Files::isDirectory));
        for (String app : new String[] {appA, appB}) {
            JujuStatus.App a = status.applications().get(app);
            if (a == null) {
                throw CliException.user("application \"" + app + "\" not found", "deployed applications: "
                        + String.join(", ", status.applications().keySet()));
            }
            Optional<Path> local = root.map(p -> p.resolve("charms").resolve(a.charm())).filter(Files::isDirectory);
            CharmResolution res = local.isPresent() ? catalog.resolve(local.get().toString(), "", local.get())
                    : catalog.resolve(a.charm(), "", ctx.cwd());
            if (res instanceof CharmResolution.Found f) {
                out.put(app, f.metadata());
            }
        }
        return out;
    }
}
