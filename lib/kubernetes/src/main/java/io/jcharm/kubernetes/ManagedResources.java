package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jcharm.core.Log;
import io.jcharm.core.StatusException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One application's set of Kubernetes objects: applied in kind order (waiting for CRDs to be
 * Established), labelled as ours, pruned of what is ours but no longer desired, and removed in
 * reverse order. Actions that manage objects one at a time (serve a model, remove it) use the
 * single-object calls, which follow the same apply mode, labels and error policy.
 *
 * <pre>{@code
 * ManagedResources cp = Kubernetes.of(model).resources("control-plane");
 * cp.apply(List.of(crd, serviceAccount, clusterRole, binding, deployment, webhook));
 * cp.remove(List.of());  // on the remove hook
 *
 * ManagedResources models = Kubernetes.of(model).resources("models");
 * models.applyOne(seldonDeployment);                     // no pruning of the set's other objects
 * models.deleteOne(new ObjectRef("machinelearning.seldon.io/v1", "SeldonDeployment", "", "iris"));
 * }</pre>
 */
public final class ManagedResources {
    private final KubeSession session;
    private final KubernetesClient client;
    private final ResourceLabels labels;
    private final ApplyMode mode;
    private final Log log;
    private final ApiCalls calls;
    private final Discovery discovery;
    private final CrdWaiter crds;
    private final ObjectWriter writer;

    ManagedResources(KubeSession session, ResourceLabels labels, ApplyMode mode, KubeOptions options, ApiCalls calls,
                     Log log) {
        this.session = session;
        this.client = session.client();
        this.labels = labels;
        this.mode = mode;
        this.log = log;
        this.calls = calls;
        this.discovery = new Discovery(client, calls);
        this.crds = new CrdWaiter(client, calls, options, log);
        this.writer = new ObjectWriter(session, labels, mode, calls, log);
    }

    /** The labels this set puts on its objects and selects them by. */
    public ResourceLabels labels() {
        return labels;
    }

    public ApplyMode mode() {
        return mode;
    }

    /**
     * Applies exactly this set: every object (copied, not changed) gets our labels and, when
     * namespaced and without one, the model's namespace; then what this set applied before
     * and no longer lists is deleted. Applying the same set twice changes nothing.
     *
     * @throws StatusException Blocked when the API refuses (no trust), Waiting when a custom
     *     resource's CRD is not served yet
     * @throws KubernetesApiException when the API keeps failing: the hook fails, Juju retries
     */
    public ApplyResult apply(Collection<? extends HasMetadata> desired) throws StatusException {
        try {
            return doApply(desired);
        } catch (RefusedException e) {
            throw e.toStatus();
        }
    }

    /**
     * Deletes every object labelled as this set's, custom resources first and CRDs last, and
     * the set's inventory. {@code lastDesired} adds kinds to look for (may be empty).
     *
     * @return what was deleted
     * @throws StatusException Blocked when the API refuses (no trust)
     */
    public List<ObjectRef> remove(Collection<? extends HasMetadata> lastDesired) throws StatusException {
        try {
            Inventory inv = readInventory().union(inventoryOf(lastDesired));
            List<ObjectRef> deleted = deleteAllExcept(inv, Set.of());
            deleteInventory();
            log.info("kubernetes[" + labels.set() + "]: removed " + deleted.size() + " objects" + list(deleted));
            return deleted;
        } catch (RefusedException e) {
            throw e.toStatus();
        }
    }

    /**
     * Deletes only the set's inventory ConfigMap ({@code jcharm-<app>-<set>}), leaving its
     * objects: for a set whose objects are kept when the application goes (CRDs holding users'
     * objects), whose inventory then lists kinds for a removal that did not happen.
     *
     * @throws StatusException Blocked when the API refuses (no trust)
     */
    public void removeInventoryOnly() throws StatusException {
        try {
            deleteInventory();
            log.info("kubernetes[" + labels.set() + "]: kept the set's objects, removed its inventory "
                    + session.namespace() + "/" + Inventory.name(labels));
        } catch (RefusedException e) {
            throw e.toStatus();
        }
    }

    /**
     * Applies one object as a member of this set, exactly as {@link #apply} would (a labelled
     * copy, the model's namespace when it names none, the apply mode), but leaves the set's
     * other objects alone. Its kind is recorded in the set's inventory, so {@link #remove} and
     * a later whole-set apply find it.
     *
     * @return what happened: APPLIED (server-side), else CREATED, UPDATED or UNCHANGED
     * @throws StatusException Blocked when the API refuses (no trust), Waiting when the kind's
     *     CRD is not served yet
     * @throws KubernetesApiException when the API keeps failing
     */
    public ApplyResult.Outcome applyOne(HasMetadata object) throws StatusException {
        try {
            HasMetadata o = writer.labelledCopy(object);
            ResourceDefinitionContext ctx = served(o.getApiVersion(), o.getKind());
            ObjectRef ref = writer.place(o, ctx);
            Inventory before = readInventory();
            Inventory wanted = inventoryOf(List.of(o));
            if (!before.covers(wanted)) {
                writeInventory(before.union(wanted));
            }
            ApplyResult.Outcome outcome = writer.apply(o, ctx, ref);
            if (KindOrder.tier(ref) == KindOrder.Tier.CUSTOM_RESOURCE_DEFINITIONS) {
                crds.waitEstablished(List.of(ref.name()));
            }
            if (outcome != ApplyResult.Outcome.UNCHANGED) {
                log.info("kubernetes[" + labels.set() + "]: " + ref + " " + outcome.word());
            }
            return outcome;
        } catch (RefusedException e) {
            throw e.toStatus();
        }
    }

    /**
     * The live object {@code ref} names, whoever made it ({@link ResourceLabels#selects} tells
     * whether it is this set's); a blank namespace means the model's. Empty when it does not
     * exist or the API does not serve its kind.
     *
     * @throws StatusException Blocked when the API refuses (no trust)
     */
    public Optional<GenericKubernetesResource> get(ObjectRef ref) throws StatusException {
        try {
            Optional<ResourceDefinitionContext> ctx = discovery.context(ref.apiVersion(), ref.kind());
            if (ctx.isEmpty()) {
                return Optional.empty();
            }
            return Optional.ofNullable(writer.get(ctx.get(), inPlace(ref, ctx.get())));
        } catch (RefusedException e) {
            throw e.toStatus();
        }
    }

    /**
     * This set's live objects of one kind in the model's namespace (or the cluster, for
     * cluster-scoped kinds); empty when the API does not serve the kind.
     *
     * @throws StatusException Blocked when the API refuses (no trust)
     */
    public List<GenericKubernetesResource> list(String apiVersion, String kind) throws StatusException {
        try {
            Optional<ResourceDefinitionContext> ctx = discovery.context(apiVersion, kind);
            if (ctx.isEmpty()) {
                return List.of();
            }
            return writer.listOwn(ctx.get(), kind, ctx.get().isNamespaceScoped() ? session.namespace() : "");
        } catch (RefusedException e) {
            throw e.toStatus();
        }
    }

    /**
     * Deletes one of this set's objects (a blank namespace means the model's).
     *
     * @return false when it did not exist
     * @throws IllegalArgumentException when it exists but lacks this set's labels: someone else's
     *     object is never deleted
     * @throws StatusException Blocked when the API refuses (no trust)
     */
    public boolean deleteOne(ObjectRef ref) throws StatusException {
        try {
            Optional<ResourceDefinitionContext> ctx = discovery.context(ref.apiVersion(), ref.kind());
            if (ctx.isEmpty()) {
                return false;
            }
            ObjectRef placed = inPlace(ref, ctx.get());
            GenericKubernetesResource live = writer.get(ctx.get(), placed);
            if (live == null) {
                return false;
            }
            if (!labels.selects(live.getMetadata().getLabels())) {
                throw new IllegalArgumentException(placed + " is not part of resource set \"" + labels.set() + "\" of "
                        + labels.app() + " (it lacks the labels " + labels.selector() + "), so it is left alone");
            }
            writer.delete(ctx.get(), placed);
            log.info("kubernetes[" + labels.set() + "]: deleted " + placed);
            return true;
        } catch (RefusedException e) {
            throw e.toStatus();
        }
    }

    private ResourceDefinitionContext served(String apiVersion, String kind) throws StatusException {
        return discovery.context(apiVersion, kind).orElseThrow(() -> StatusException.waiting("no Kubernetes API for "
                + kind + " (" + apiVersion + ") yet: its CustomResourceDefinition must be installed first"));
    }

    private ObjectRef inPlace(ObjectRef ref, ResourceDefinitionContext ctx) {
        String ns = !ctx.isNamespaceScoped() ? "" : ref.namespace().isEmpty() ? session.namespace() : ref.namespace();
        return new ObjectRef(ref.apiVersion(), ref.kind(), ns, ref.name());
    }

    private ApplyResult doApply(Collection<? extends HasMetadata> desired) throws StatusException {
        List<HasMetadata> objects = new ArrayList<>();
        for (HasMetadata o : desired) {
            objects.add(writer.labelledCopy(o));
        }
        // Stable: within a tier, the charm's order holds.
        objects.sort(Comparator.comparing(o -> KindOrder.tier(group(o.getApiVersion()), o.getKind())));

        Inventory before = readInventory();
        Inventory wanted = inventoryOf(objects);
        Inventory recorded = before;
        if (!before.covers(wanted)) {
            // Recorded before applying, so a hook that dies half-way still prunes what it made.
            recorded = before.union(wanted);
            writeInventory(recorded);
        }

        Map<ObjectRef, ApplyResult.Outcome> applied = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        List<String> pendingCrds = new ArrayList<>();
        for (HasMetadata o : objects) {
            KindOrder.Tier tier = KindOrder.tier(group(o.getApiVersion()), o.getKind());
            if (tier != KindOrder.Tier.CUSTOM_RESOURCE_DEFINITIONS && !pendingCrds.isEmpty()) {
                crds.waitEstablished(pendingCrds);
                pendingCrds.clear();
            }
            ResourceDefinitionContext ctx = served(o.getApiVersion(), o.getKind());
            ObjectRef ref = writer.place(o, ctx);
            if (!keys.add(key(ref))) {
                throw new IllegalArgumentException("the desired set \"" + labels.set() + "\" lists " + ref
                        + " twice; each object may appear once");
            }
            applied.put(ref, writer.apply(o, ctx, ref));
            if (tier == KindOrder.Tier.CUSTOM_RESOURCE_DEFINITIONS) {
                pendingCrds.add(ref.name());
            }
        }
        if (!pendingCrds.isEmpty()) {
            crds.waitEstablished(pendingCrds);
        }

        List<ObjectRef> pruned = deleteAllExcept(recorded, keys);
        if (!recorded.equals(wanted)) {
            writeInventory(wanted);
        }
        ApplyResult result = new ApplyResult(applied, pruned);
        if (result.changed()) {
            // Every change reaches debug-log; an apply that changed nothing logs nothing, since
            // each juju-log line is a process and most hooks change nothing.
            String changes = result.changes();
            log.info("kubernetes[" + labels.set() + "]: " + result.summary() + (changes.isEmpty() ? "" : " (" + changes + ")"));
        }
        return result;
    }

    /** Lists this set's objects of every inventoried kind and deletes those not in {@code keep}. */
    private List<ObjectRef> deleteAllExcept(Inventory inv, Set<String> keep) {
        Map<String, ObjectRef> stale = new LinkedHashMap<>();
        for (String k : inv.kinds()) {
            String apiVersion = k.substring(0, k.indexOf(' '));
            String kind = k.substring(k.indexOf(' ') + 1);
            Optional<ResourceDefinitionContext> ctx = discovery.context(apiVersion, kind);
            if (ctx.isEmpty()) {
                continue; // the API (a CRD) is gone, and its objects with it
            }
            List<String> namespaces = ctx.get().isNamespaceScoped() ? List.copyOf(inv.namespaces()) : List.of("");
            for (String ns : namespaces) {
                for (GenericKubernetesResource item : writer.listOwn(ctx.get(), kind, ns)) {
                    ObjectRef ref = new ObjectRef(apiVersion, kind, ns, item.getMetadata().getName());
                    if (!keep.contains(key(ref))) {
                        stale.putIfAbsent(key(ref), ref);
                    }
                }
            }
        }
        List<ObjectRef> order = new ArrayList<>(stale.values());
        order.sort(Comparator.comparing((ObjectRef r) -> KindOrder.tier(r)).reversed());
        for (ObjectRef ref : order) {
            writer.delete(discovery.context(ref.apiVersion(), ref.kind()).orElseThrow(), ref);
        }
        return order;
    }

    private Inventory readInventory() {
        String ns = session.namespace();
        String name = Inventory.name(labels);
        ConfigMap cm = calls.call("get", "ConfigMap", ns + "/" + name,
                a -> client.configMaps().inNamespace(ns).withName(name).get());
        return Inventory.from(cm);
    }

    private void deleteInventory() {
        calls.call("delete", "ConfigMap", session.namespace() + "/" + Inventory.name(labels),
                a -> client.configMaps().inNamespace(session.namespace()).withName(Inventory.name(labels)).delete());
    }

    private void writeInventory(Inventory inv) {
        ConfigMap cm = inv.toConfigMap(labels, session.namespace());
        ObjectRef ref = new ObjectRef("v1", "ConfigMap", session.namespace(), cm.getMetadata().getName());
        writer.apply(cm, ResourceDefinitionContext.fromResourceType(ConfigMap.class), ref);
    }

    private Inventory inventoryOf(Collection<? extends HasMetadata> objects) {
        Inventory inv = Inventory.empty();
        inv.namespaces().add(session.namespace());
        for (HasMetadata o : objects) {
            inv.kinds().add(Inventory.kind(o.getApiVersion(), o.getKind()));
            if (o.getMetadata() != null && o.getMetadata().getNamespace() != null && !o.getMetadata().getNamespace().isBlank()) {
                inv.namespaces().add(o.getMetadata().getNamespace());
            }
        }
        return inv;
    }

    /** Identity across API versions: v1 and v1beta1 of a kind are the same object. */
    private static String key(ObjectRef r) {
        return r.group() + "/" + r.kind() + "/" + r.namespace() + "/" + r.name();
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String list(List<ObjectRef> refs) {
        return refs.isEmpty() ? "" : " (" + ApplyResult.names(refs) + ")";
    }
}
