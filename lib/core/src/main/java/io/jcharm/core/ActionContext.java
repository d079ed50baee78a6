package io.jcharm.core;

import io.jcharm.core.meta.ActionSpec;
import io.jcharm.core.tools.HookTools;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One action run: its validated parameters, results, progress messages and failure.
 *
 * <pre>{@code
 * record ServeModel(String name, String modelUri, int replicas) {}   // replicas: actions.yaml's default
 * ServeModel p = action.params(ServeModel.class);
 * action.log("applying SeldonDeployment " + p.name());
 * action.setResults(Map.of("endpoint", url));
 * }</pre>
 */
public final class ActionContext {
    private static final Pattern KEY = Pattern.compile("^[a-z0-9](([a-z0-9-.]+)?[a-z0-9])?$");
    private final String name;
    private final String id;
    private final ActionSpec spec;
    private final HookTools tools;
    private final Log log;
    private Map<String, Object> params;
    private boolean failed;

    ActionContext(String name, String id, ActionSpec spec, HookTools tools, Log log) {
        this.name = name;
        this.id = id;
        this.spec = spec;
        this.tools = tools;
        this.log = log;
    }

    public String name() { return name; }
    public String id() { return id; }

    /** Whether {@link #fail} was called. */
    public boolean failed() { return failed; }

    /**
     * The parameters, checked against the actions.yaml schema.
     *
     * @throws ActionParamsException naming the parameter and what is wrong
     */
    public Map<String, Object> params() {
        if (params == null) {
            Map<String, Object> p = new LinkedHashMap<>(tools.actionGet());
            ActionParams.validate(spec, p);
            params = p;
        }
        return params;
    }

    /** One parameter as text. */
    public Optional<String> param(String key) {
        return Optional.ofNullable(params().get(key)).map(String::valueOf);
    }

    /**
     * The parameters bound to a record, the way config binds: each component is a parameter
     * (its name in kebab case, {@code dryRun} binds {@code dry-run}, or {@link OptionName}),
     * with actions.yaml's default when not given and {@link Range} and {@link OneOf} checked.
     *
     * @throws ActionParamsException naming the parameter (the action fails, the hook does not)
     */
    public <T extends Record> T params(Class<T> type) {
        return RecordBinder.params(type, params(), spec);
    }

    /**
     * Sets results; nested maps flatten to dotted keys, which must be lowercase letters, digits,
     * dashes and dots.
     */
    public void setResults(Map<String, ?> results) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", results, flat);
        tools.actionSet(flat);
    }

    /** A progress message the user sees while the action runs. */
    public void log(String message) {
        tools.actionLog(log.redact(message));
    }

    /** Marks the action failed with a message; the hook still exits 0 so Juju does not retry. */
    public void fail(String message) {
        failed = true;
        tools.actionFail(log.redact(message));
    }

    private static void flatten(String prefix, Map<String, ?> in, Map<String, String> out) {
        for (Map.Entry<String, ?> e : in.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) m;
                flatten(key + ".", nested, out);
                continue;
            }
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("action result key \"" + key
                        + "\" must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
            }
            if (out.put(key, String.valueOf(e.getValue())) != null) {
                throw new IllegalArgumentException("action result key \"" + key + "\" is given twice after flattening");
            }
        }
    }
}
