package io.jcharm.kubernetes;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The one fabric8 serialization (its Jackson mapper and its kind-to-class registry) of this
 * JVM, shared by every client and manifest. A mapper learns how to read and write each class
 * once and keeps it: a new one per client or per manifest paid that again every time (in a warm
 * runtime, every hook: a third of an istio hook's CPU went to building the same deserializers).
 * What it keeps cannot change behaviour: how fabric8's own model classes (and
 * GenericKubernetesResource) map to JSON. It is built with this library's class loader as the
 * context loader, so that the classes it registers never come from a charm's per-hook loader.
 */
final class SharedSerialization {
    static final KubernetesSerialization INSTANCE = create();

    private SharedSerialization() {
    }

    private static KubernetesSerialization create() {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(SharedSerialization.class.getClassLoader());
        try {
            return new KubernetesSerialization();
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
