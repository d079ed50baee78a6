package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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
 * reverse order.
 *
 * <pre>{@code
 * ManagedResources cp = Kubernetes.of(model).resources("control-plane");
 * cp.apply(List.of(crd, serviceAccount, clusterRole, binding, deployment, webhook));
 * cp.remove(List.of());  // on the remove hook
 * }</pre>
 */
public final class ManagedResources {
    private final KubeSession session;
    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final ResourceLabels labels;
    private final ApplyMode mode;
    private final Log log;
    private final ApiCalls calls;
    private final Discovery discovery;
    private final CrdWaiter crds;

    ManagedResources(KubeSession session, ResourceLabels labels, ApplyMode mode, KubeOptions options, Log log) {
        this.session = session;
        this.client = session.client();
        this.serialization = client.getKubernetesSerialization();
        this.labels = labels;
        this.mode = mode;
        this.log = log;
        this.calls = new ApiCalls(options.retry(), options.sleeper(), log, labels.app());
        this.discovery = new Discovery(client, calls);
        this.crds = new CrdWaiter(client, calls, options, log);
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
            calls.call("delete", "ConfigMap", session.namespace() + "/" + Inventory.name(labels),
                    a -> client.configMaps().inNamespace(session.namespace()).withName(Inventory.name(labels)).delete());
            log.info("kubernetes[" + labels.set() + "]: removed " + deleted.size() + " objects" + list(deleted));
            return deleted;
        } catch (RefusedException e) {
            throw e.toStatus();
        }
    }

    private ApplyResult doApply(Collection<? extends HasMetadata> desired) throws StatusException {
        List<HasMetadata> objects = new ArrayList<>();
        for (HasMetadata o : desired) {
            objects.add(copyOf(o));
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
            ResourceDefinitionContext ctx = discovery.context(o.getApiVersion(), o.getKind())
                    .orElseThrow(() -> StatusException.waiting("no Kubernetes API for " + o.getKind() + " ("
                            + o.getApiVersion() + ") yet: its CustomResourceDefinition must be installed first"));
            ObjectRef ref = place(o, ctx);
            if (!keys.add(key(ref))) {
                throw new IllegalArgumentException("the desired set \"" + labels.set() + "\" lists " + ref
                        + " twice; each object may appear once");
            }
            applied.put(ref, applyOne(o, ctx, ref));
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
        log.info("kubernetes[" + labels.set() + "]: " + result.summary() + list(pruned));
        return result;
    }

    private HasMetadata copyOf(HasMetadata o) {
        if (o == null || o.getKind() == null || o.getApiVersion() == null || o.getMetadata() == null
                || o.getMetadata().getName() == null || o.getMetadata().getName().isBlank()) {
            throw new IllegalArgumentException("every object in the desired set \"" + labels.set()
                    + "\" needs apiVersion, kind and metadata.name; got " + (o == null ? "null"
                    : o.getApiVersion() + " " + o.getKind() + " " + (o.getMetadata() == null ? null : o.getMetadata().getName())));
        }
        HasMetadata c = serialization.clone(o);
        ObjectMeta m = c.getMetadata();
        // Server-owned fields from a copied live object would make the apply a conflict.
        m.setResourceVersion(null);
        m.setUid(null);
        m.setManagedFields(null);
        m.setCreationTimestamp(null);
        m.setGeneration(null);
        Map<String, String> l = m.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m.getLabels());
        l.putAll(labels.all());
        m.setLabels(l);
        return c;
    }

    /** Sets or clears the namespace by the kind's scope; returns where the object lives. */
    private ObjectRef place(HasMetadata o, ResourceDefinitionContext ctx) {
        ObjectMeta m = o.getMetadata();
        if (ctx.isNamespaceScoped()) {
            if (m.getNamespace() == null || m.getNamespace().isBlank()) {
                m.setNamespace(session.namespace());
            }
        } else {
            m.setNamespace(null);
        }
        return new ObjectRef(o.getApiVersion(), o.getKind(), m.getNamespace(), m.getName());
    }

    private ApplyResult.Outcome applyOne(HasMetadata o, ResourceDefinitionContext ctx, ObjectRef ref) {
        if (mode == ApplyMode.SERVER_SIDE) {
            calls.call("patch", ref.kind(), ref.toString(), a -> {
                try {
                    return op(o, ctx).fieldManager(labels.app()).serverSideApply();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                    // Another manager owns some of these fields (often kubectl or an older
                    // charm revision). The charm's desired state wins, but say so.
                    log.warning("field conflict applying " + ref + " (" + ApiCalls.detail(e) + "); forcing ownership for "
                            + labels.app());
                    return op(o, ctx).fieldManager(labels.app()).forceConflicts().serverSideApply();
                }
            });
            return ApplyResult.Outcome.APPLIED;
        }
        return calls.call("get", ref.kind(), ref.toString(), a -> {
            HasMetadata live = op(o, ctx).get();
            if (live == null) {
                a.verb("create");
                op(o, ctx).create();
                return ApplyResult.Outcome.CREATED;
            }
            Map<String, Object> liveMap = asMap(live);
            Map<String, Object> merged = ObjectMerge.merge(liveMap, asMap(o));
            if (merged.equals(liveMap)) {
                return ApplyResult.Outcome.UNCHANGED;
            }
            a.verb("update");
            // The live resourceVersion stays in the merge: a concurrent writer gives 409, retried.
            op(serialization.convertValue(merged, o.getClass()), ctx).update();
            return ApplyResult.Outcome.UPDATED;
        });
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
                List<GenericKubernetesResource> items = calls.call("list", kind, kind + " in " + (ns.isEmpty() ? "the cluster" : ns),
                        a -> generic(ctx.get(), ns).withLabels(labels.selector()).list().getItems());
                for (GenericKubernetesResource item : items) {
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
            ResourceDefinitionContext ctx = discovery.context(ref.apiVersion(), ref.kind()).orElseThrow();
            calls.call("delete", ref.kind(), ref.toString(), a -> generic(ctx, ref.namespace()).withName(ref.name()).delete());
        }
        return order;
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList, Resource<GenericKubernetesResource>> generic(
            ResourceDefinitionContext ctx, String ns) {
        var ops = client.genericKubernetesResources(ctx);
        return ns.isEmpty() ? ops : ops.inNamespace(ns);
    }

    @SuppressWarnings("unchecked")
    private Resource<HasMetadata> op(HasMetadata o, ResourceDefinitionContext ctx) {
        if (o instanceof GenericKubernetesResource g) {
            // Our discovery already knows the plural and scope: no second lookup by fabric8.
            return (Resource<HasMetadata>) (Resource<?>) generic(ctx, ctx.isNamespaceScoped()
                    ? o.getMetadata().getNamespace() : "").resource(g);
        }
        return client.resource(o);
    }

    private Inventory readInventory() {
        String ns = session.namespace();
        String name = Inventory.name(labels);
        ConfigMap cm = calls.call("get", "ConfigMap", ns + "/" + name,
                a -> client.configMaps().inNamespace(ns).withName(name).get());
        return Inventory.from(cm);
    }

    private void writeInventory(Inventory inv) {
        ConfigMap cm = inv.toConfigMap(labels, session.namespace());
        ObjectRef ref = new ObjectRef("v1", "ConfigMap", session.namespace(), cm.getMetadata().getName());
        applyOne(cm, ResourceDefinitionContext.fromResourceType(ConfigMap.class), ref);
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

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(HasMetadata o) {
        return serialization.convertValue(o, Map.class);
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
        return refs.isEmpty() ? "" : " (" + String.join(", ", refs.stream().map(ObjectRef::toString).toList()) + ")";
    }
}
