package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Static YAML manifests from the charm's jar, loaded into fabric8 objects and then adjusted in
 * code (names, namespace, labels, images): no text templating, so a value can never break the
 * YAML it lands in.
 *
 * <pre>{@code
 * List<HasMetadata> objs = Manifest.load(MyCharm.class, "/manifests/controller.yaml")
 *         .rename("controller", app + "-controller")
 *         .labels(Map.of("app.kubernetes.io/component", "controller"))
 *         .image("manager", config.image())
 *         .edit(Deployment.class, app + "-controller", d -> d.getSpec().setReplicas(1))
 *         .objects();
 * }</pre>
 */
public final class Manifest {
    private final String source;
    private final List<HasMetadata> objects;

    private Manifest(String source, List<HasMetadata> objects) {
        this.source = source;
        this.objects = objects;
    }

    /**
     * Loads every document of a YAML resource next to {@code anchor} (as
     * {@link Class#getResourceAsStream} resolves it; start with {@code /} for the jar's root).
     * Known kinds become typed objects (Deployment, ...), others GenericKubernetesResource;
     * {@code kind: List} documents are flattened.
     *
     * @throws IllegalArgumentException when the resource is missing or not Kubernetes YAML
     */
    public static Manifest load(Class<?> anchor, String resource) {
        String where = resource + " (next to " + anchor.getName() + ")";
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("manifest " + where + " is not on the classpath; put it under"
                        + " src/main/resources" + (resource.startsWith("/") ? "" : "/<package of " + anchor.getSimpleName() + ">")
                        + "/" + resource.replaceFirst("^/", ""));
            }
            return parse(where, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + where, e);
        }
    }

    /** Reads YAML documents as trees; one reader for the JVM (it is immutable), built on first use. */
    private static final class YamlReader {
        static final ObjectReader DOCUMENTS = YAMLMapper.builder().build().readerFor(JsonNode.class);
    }

    /** Parses YAML text (one or more documents); {@code source} names it in errors. */
    public static Manifest parse(String source, String yaml) {
        KubernetesSerialization ser = SharedSerialization.INSTANCE;
        List<HasMetadata> out = new ArrayList<>();
        int doc = 0;
        try (MappingIterator<JsonNode> docs = YamlReader.DOCUMENTS.readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode node = docs.next();
                doc++;
                if (node == null || node.isNull() || node.isMissingNode() || (node.isObject() && node.isEmpty())) {
                    continue; // an empty document, e.g. after a trailing ---
                }
                if (!node.isObject() || !node.hasNonNull("kind") || !node.hasNonNull("apiVersion")) {
                    throw new IllegalArgumentException("manifest " + source + ", document " + doc
                            + ": not a Kubernetes object (needs apiVersion and kind)");
                }
                KubernetesResource r = ser.convertValue(node, KubernetesResource.class);
                if (r instanceof KubernetesList list) {
                    out.addAll(list.getItems());
                } else if (r instanceof HasMetadata h) {
                    out.add(h);
                } else {
                    throw new IllegalArgumentException("manifest " + source + ", document " + doc + ": "
                            + node.get("kind").asString() + " has no metadata; only objects can be applied");
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("manifest " + source + ", document " + (doc + 1) + ": " + e.getMessage(), e);
        }
        return new Manifest(source, out);
    }

    /** The objects, in manifest order (the same instances: later edits show). */
    public List<HasMetadata> objects() {
        return List.copyOf(objects);
    }

    /** Adds objects built in code. */
    public Manifest add(HasMetadata... more) {
        objects.addAll(List.of(more));
        return this;
    }

    /** Renames every object called {@code from}; references to it are the charm's to update. */
    public Manifest rename(String from, String to) {
        objects.stream().filter(o -> from.equals(o.getMetadata().getName())).forEach(o -> o.getMetadata().setName(to));
        return this;
    }

    /** Sets the namespace of every object (cluster-scoped ones lose it again when applied). */
    public Manifest namespace(String namespace) {
        objects.forEach(o -> meta(o).setNamespace(namespace));
        return this;
    }

    /** Adds labels to every object's metadata (not to selectors or pod templates). */
    public Manifest labels(Map<String, String> labels) {
        objects.forEach(o -> meta(o).setLabels(merged(meta(o).getLabels(), labels)));
        return this;
    }

    /** Adds annotations to every object's metadata. */
    public Manifest annotations(Map<String, String> annotations) {
        objects.forEach(o -> meta(o).setAnnotations(merged(meta(o).getAnnotations(), annotations)));
        return this;
    }

    /**
     * Sets the image of every container (and init container) named {@code container} in every
     * workload's pod template.
     *
     * @throws IllegalArgumentException when no workload has such a container (a typo would
     *     otherwise deploy the manifest's image silently)
     */
    public Manifest image(String container, String image) {
        List<Container> matching = objects.stream().flatMap(o -> podSpec(o).stream())
                .flatMap(s -> Stream.concat(list(s.getContainers()), list(s.getInitContainers())))
                .filter(c -> container.equals(c.getName())).toList();
        matching.forEach(c -> c.setImage(image));
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("manifest " + source + " has no container named \"" + container + "\"");
        }
        return this;
    }

    /** The object of this type and name. */
    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    /**
     * Edits the object of this type and name in place.
     *
     * @throws IllegalArgumentException when there is none
     */
    public <T extends HasMetadata> Manifest edit(Class<T> type, String name, Consumer<? super T> edit) {
        edit.accept(find(type, name).orElseThrow(() -> new IllegalArgumentException("manifest " + source + " has no "
                + type.getSimpleName() + " named \"" + name + "\"; it has " + objects.stream()
                .map(o -> o.getKind() + " " + o.getMetadata().getName()).toList())));
        return this;
    }

    /**
     * The only object, as {@code type}.
     *
     * @throws IllegalArgumentException when the manifest holds not exactly one such object
     */
    public <T extends HasMetadata> T single(Class<T> type) {
        if (objects.size() != 1 || !type.isInstance(objects.get(0))) {
            throw new IllegalArgumentException("manifest " + source + " should hold one " + type.getSimpleName()
                    + " but holds " + objects.stream().map(HasMetadata::getKind).toList());
        }
        return type.cast(objects.get(0));
    }

    private static Optional<PodSpec> podSpec(HasMetadata o) {
        PodTemplateSpec t = null;
        if (o instanceof Deployment d && d.getSpec() != null) {
            t = d.getSpec().getTemplate();
        } else if (o instanceof StatefulSet s && s.getSpec() != null) {
            t = s.getSpec().getTemplate();
        } else if (o instanceof DaemonSet s && s.getSpec() != null) {
            t = s.getSpec().getTemplate();
        } else if (o instanceof ReplicaSet s && s.getSpec() != null) {
            t = s.getSpec().getTemplate();
        } else if (o instanceof Job j && j.getSpec() != null) {
            t = j.getSpec().getTemplate();
        } else if (o instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null) {
            t = c.getSpec().getJobTemplate().getSpec().getTemplate();
        } else if (o instanceof Pod p) {
            return Optional.ofNullable(p.getSpec());
        }
        return t == null ? Optional.empty() : Optional.ofNullable(t.getSpec());
    }

    private static Stream<Container> list(List<Container> l) {
        return l == null ? Stream.empty() : l.stream();
    }

    private static ObjectMeta meta(HasMetadata o) {
        if (o.getMetadata() == null) {
            o.setMetadata(new ObjectMeta());
        }
        return o.getMetadata();
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = a == null ? new LinkedHashMap<>() : new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }
}
