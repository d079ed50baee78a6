package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jcharm.core.Log;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-object calls of one resource set, shared by whole-set apply and the single-object
 * operations: copying and labelling, placing in a namespace, writing in the apply mode, reading,
 * listing by label and deleting, each under the house error policy of {@link ApiCalls}.
 */
final class ObjectWriter {
    private final KubeSession session;
    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final ResourceLabels labels;
    private final ApplyMode mode;
    private final Log log;
    private final ApiCalls calls;

    ObjectWriter(KubeSession session, ResourceLabels labels, ApplyMode mode, ApiCalls calls, Log log) {
        this.session = session;
        this.client = session.client();
        this.serialization = client.getKubernetesSerialization();
        this.labels = labels;
        this.mode = mode;
        this.calls = calls;
        this.log = log;
    }

    /** A copy of {@code o} with this set's labels and without server-owned fields. */
    HasMetadata labelledCopy(HasMetadata o) {
        if (o == null || o.getKind() == null || o.getApiVersion() == null || o.getMetadata() == null
                || o.getMetadata().getName() == null || o.getMetadata().getName().isBlank()) {
            throw new IllegalArgumentException("every object in the resource set \"" + labels.set()
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
    ObjectRef place(HasMetadata o, ResourceDefinitionContext ctx) {
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

    /** Writes one placed object as the apply mode says. */
    ApplyResult.Outcome apply(HasMetadata o, ResourceDefinitionContext ctx, ObjectRef ref) {
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

    /** The live object, or null. */
    GenericKubernetesResource get(ResourceDefinitionContext ctx, ObjectRef ref) {
        return calls.call("get", ref.kind(), ref.toString(), a -> generic(ctx, ref.namespace()).withName(ref.name()).get());
    }

    /** This set's objects of one kind in {@code ns} ({@code ""} for cluster-scoped kinds). */
    List<GenericKubernetesResource> listOwn(ResourceDefinitionContext ctx, String kind, String ns) {
        return calls.call("list", kind, kind + " in " + (ns.isEmpty() ? "the cluster" : ns),
                a -> generic(ctx, ns).withLabels(labels.selector()).list().getItems());
    }

    void delete(ResourceDefinitionContext ctx, ObjectRef ref) {
        calls.call("delete", ref.kind(), ref.toString(), a -> generic(ctx, ref.namespace()).withName(ref.name()).delete());
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            generic(ResourceDefinitionContext ctx, String ns) {
        var ops = client.genericKubernetesResources(ctx);
        return ns.isEmpty() || !ctx.isNamespaceScoped() ? ops : ops.inNamespace(ns);
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

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(HasMetadata o) {
        return serialization.convertValue(o, Map.class);
    }
}
