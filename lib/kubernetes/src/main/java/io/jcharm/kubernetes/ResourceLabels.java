package io.jcharm.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The labels that mark an object as belonging to one application's resource set in one model;
 * pruning and removal select on them, so they never depend on object names.
 *
 * <pre>{@code
 * ResourceLabels l = new ResourceLabels("seldon-core", "kubeflow", "control-plane");
 * l.all();       // app.kubernetes.io/name=seldon-core, app.kubernetes.io/managed-by=jcharm,
 *                // app.juju.is/created-by=seldon-core, jcharm.io/model=kubeflow,
 *                // jcharm.io/resource-set=control-plane
 * l.selector();  // the same minus app.kubernetes.io/name (a manifest may repurpose that one)
 * l.selects(live.getMetadata().getLabels());  // true for this set's objects
 * }</pre>
 */
public record ResourceLabels(String app, String model, String set) {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "jcharm";
    /** The key Juju's own Kubernetes tooling (lightkube-extensions) uses for "created by app". */
    public static final String CREATED_BY = "app.juju.is/created-by";
    /** Our own key, not Juju's model.juju.is/name: Juju's model teardown must not own these. */
    public static final String MODEL = "jcharm.io/model";
    public static final String RESOURCE_SET = "jcharm.io/resource-set";

    private static final Pattern SET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    public ResourceLabels {
        check("application name", app);
        check("model name", model);
        check("resource set name", set);
        if (!SET_NAME.matcher(set).matches()) {
            throw new IllegalArgumentException("the resource set name \"" + set + "\" must be a DNS label (lowercase"
                    + " letters, digits and '-', at most 63), e.g. \"control-plane\"");
        }
    }

    /** Every label put on applied objects. */
    public Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NAME, app);
        m.putAll(selector());
        return m;
    }

    /** The labels that select this set's objects for pruning and removal. */
    public Map<String, String> selector() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MANAGED_BY, MANAGED_BY_VALUE);
        m.put(CREATED_BY, app);
        m.put(MODEL, model);
        m.put(RESOURCE_SET, set);
        return m;
    }

    /** Whether an object with these labels (null for none) belongs to this set. */
    public boolean selects(Map<String, String> objectLabels) {
        return objectLabels != null && objectLabels.entrySet().containsAll(selector().entrySet());
    }

    private static void check(String what, String value) {
        if (value == null || !LABEL_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("the " + what + " \"" + value + "\" cannot be a Kubernetes label value:"
                    + " at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
    }
}
