import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jcharm.core.JujuContext;
import io.jcharm.core.Model;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.tools.HookTools;
import io.jcharm.kubernetes.ApplyResult;
import io.jcharm.kubernetes.Kubernetes;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One hook's worth of first Kubernetes calls in a fresh JVM, timed phase by phase:
 * {@code FirstCall <kubeconfig> <run-id>}. Prints one line, {@code RESULT} and {@code phase=ms} pairs, timed from
 * the start of main (the script times the whole process, JVM start and exit included).
 *
 * <p>The mock server cannot do server-side apply, so applies use the explicit
 * create-or-replace mode (JCHARM_KUBE_APPLY), as the library's tests do.
 */
public final class FirstCall {

    public static void main(String[] args) {
        long mainStart = System.nanoTime();
        String run = args[1];
        Map<String, String> env = Map.of("KUBECONFIG", args[0], "JCHARM_KUBE_APPLY", "create-or-replace");

        Model model = model("bench-app", "bench", env);
        Kubernetes kube = Kubernetes.of(model);
        kube.component("resources", "set-" + run, List::of); // what every hook builds; no fabric8 yet
        long setup = System.nanoTime();
        int classesBeforeClient = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();

        KubernetesClient client = kube.client();
        long clientBuilt = System.nanoTime();
        client.configMaps().inNamespace(kube.namespace()).list();
        long firstList = System.nanoTime();
        client.configMaps().inNamespace(kube.namespace()).list();
        long secondList = System.nanoTime();

        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            objects.add(new ConfigMapBuilder().withNewMetadata().withName("cm-" + run + "-" + i).endMetadata()
                    .addToData("index", String.valueOf(i)).build());
        }
        ApplyResult created;
        ApplyResult unchanged;
        try {
            created = kube.resources("set-" + run).apply(objects);
            long applied = System.nanoTime();
            unchanged = kube.resources("set-" + run).apply(objects);
            long again = System.nanoTime();
            if (created.count(ApplyResult.Outcome.CREATED) != 10 || unchanged.count(ApplyResult.Outcome.UNCHANGED) != 10) {
                throw new IllegalStateException("unexpected outcomes: " + created + " / " + unchanged);
            }
            int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            System.out.printf("RESULT setup=%d client=%d first_list=%d second_list=%d apply10_create=%d apply10_noop=%d"
                            + " main=%d classes_before_client=%d classes=%d%n",
                    ms(mainStart, setup), ms(setup, clientBuilt), ms(clientBuilt, firstList),
                    ms(firstList, secondList), ms(secondList, applied), ms(applied, again),
                    ms(mainStart, again), classesBeforeClient, classes);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // as CharmMain does: OkHttp's pool threads must not hold the hook open
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** A Model whose hook tools only log (to stderr when JUJU_DEBUG-like output is wanted, else nowhere). */
    private static Model model(String app, String modelName, Map<String, String> env) {
        JujuContext ctx = new JujuContext("hooks/config-changed", "config-changed", app + "/0", modelName,
                "0b6f4d4e-0000-4000-8000-000000000001", "3.6.8", Path.of("/tmp"), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), env);
        CharmMetadata meta = new CharmMetadata(app, app, "", "", false, Map.of(), Map.of(), Map.of(), Map.of(),
                List.of(), List.of(), Optional.empty(), Map.of(), Map.of());
        HookTools tools = (HookTools) Proxy.newProxyInstance(HookTools.class.getClassLoader(),
                new Class<?>[] {HookTools.class}, (proxy, method, a) -> switch (method.getName()) {
                    case "jujuLog" -> null;
                    case "isLeader" -> true;
                    case "hashCode" -> 0;
                    case "equals" -> proxy == a[0];
                    case "toString" -> "bench tools";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new Model(ctx, meta, tools, System.err);
    }
}
