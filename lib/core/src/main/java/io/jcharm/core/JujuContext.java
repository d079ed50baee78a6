package io.jcharm.core;

import io.jcharm.core.tools.RelationRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hook context Juju passes in JUJU_* environment variables, checked for what each kind of
 * hook requires.
 *
 * <pre>{@code
 * JujuContext ctx = JujuContext.fromEnvironment(System.getenv());
 * ctx.unitName();      // "seldon-core/0"
 * ctx.dispatchPath();  // "hooks/gateway-info-relation-changed"
 * }</pre>
 */
public record JujuContext(
        String dispatchPath,
        String hookName,
        String unitName,
        String modelName,
        String modelUuid,
        String jujuVersion,
        Path charmDir,
        Optional<String> availabilityZone,
        Optional<String> machineId,
        Optional<String> principalUnit,
        boolean debug,
        Optional<RelationRef> relation,
        Optional<String> remoteApp,
        Optional<String> remoteUnit,
        Optional<String> departingUnit,
        Optional<String> actionName,
        Optional<String> actionUuid,
        Optional<String> workloadName,
        Optional<String> noticeId,
        Optional<String> noticeKey,
        Optional<String> noticeType,
        Optional<String> checkName,
        Optional<String> secretId,
        Optional<String> secretLabel,
        Optional<Integer> secretRevision,
        Optional<String> storageId,
        Optional<String> storageLocation,
        Map<String, String> environment) {

    /** The application's name: the unit name before the slash. */
    public String appName() {
        return unitName.substring(0, unitName.indexOf('/'));
    }

    /** Whether this run is an action rather than a hook. */
    public boolean isAction() {
        return dispatchPath.startsWith("actions/");
    }

    /**
     * Reads and checks the hook context.
     *
     * @throws BadContextException naming the missing or malformed variable
     */
    public static JujuContext fromEnvironment(Map<String, String> env) {
        Env e = new Env(env);
        String dispatch = e.required("JUJU_DISPATCH_PATH", ALWAYS);
        boolean action = dispatch.startsWith("actions/");
        if (!dispatch.startsWith("hooks/") && !action) {
            throw new BadContextException("JUJU_DISPATCH_PATH=\"" + dispatch
                    + "\" must be hooks/<hook> or actions/<action>; is dispatch being run by Juju?");
        }
        // The dispatch path, not JUJU_HOOK_NAME, decides the event, so it also decides what is required.
        String name = dispatch.substring(dispatch.indexOf('/') + 1);
        if (name.isEmpty() || name.contains("/")) {
            throw new BadContextException("JUJU_DISPATCH_PATH=\"" + dispatch
                    + "\" must name one hook or action after the slash");
        }
        String unit = e.required("JUJU_UNIT_NAME", ALWAYS);
        if (!UNIT_NAME.matcher(unit).matches()) {
            throw new BadContextException("JUJU_UNIT_NAME=\"" + unit + "\" must be <application>/<number>");
        }
        String hook = action ? "" : name;
        String hookName = action ? "" : e.optional("JUJU_HOOK_NAME").orElse(hook);
        Optional<RelationRef> relation = Optional.empty();
        if (endsWithAny(hook, RELATION_KINDS)) {
            String kind = "relation hook (" + hook + ")";
            String id = e.required("JUJU_RELATION_ID", kind);
            try {
                relation = Optional.of(RelationRef.parse(id));
            } catch (IllegalArgumentException ex) {
                throw new BadContextException("JUJU_RELATION_ID=\"" + id + "\" must be <endpoint>:<number>");
            }
            String endpoint = e.required("JUJU_RELATION", kind);
            if (!endpoint.equals(relation.get().endpoint())) {
                throw new BadContextException("JUJU_RELATION=\"" + endpoint + "\" does not match JUJU_RELATION_ID=\""
                        + id + "\"");
            }
            e.required("JUJU_REMOTE_APP", kind);
            if (hook.endsWith("-relation-joined") || hook.endsWith("-relation-departed")) {
                e.required("JUJU_REMOTE_UNIT", kind);
            }
            if (hook.endsWith("-relation-departed")) {
                e.required("JUJU_DEPARTING_UNIT", kind);
            }
        }
        if (action) {
            String actionName = e.required("JUJU_ACTION_NAME", "action");
            if (!actionName.equals(name)) {
                throw new BadContextException("JUJU_ACTION_NAME=\"" + actionName + "\" does not match JUJU_DISPATCH_PATH=\""
                        + dispatch + "\"");
            }
            e.required("JUJU_ACTION_UUID", "action");
        }
        if (hook.startsWith("secret-")) {
            e.required("JUJU_SECRET_ID", "secret hook (" + hook + ")");
        }
        Optional<Integer> secretRevision = e.optional("JUJU_SECRET_REVISION").map(r -> {
            try {
                int n = Integer.parseInt(r.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ex) {
                // reported below
            }
            throw new BadContextException("JUJU_SECRET_REVISION=\"" + r + "\" must be a positive number");
        });
        if (hook.equals("secret-remove") || hook.equals("secret-expired")) {
            e.required("JUJU_SECRET_REVISION", hook);
        }
        Optional<String> storageId = e.optional("JUJU_STORAGE_ID");
        if (hook.endsWith("-storage-attached") || hook.endsWith("-storage-detaching")) {
            String id = e.required("JUJU_STORAGE_ID", "storage hook (" + hook + ")");
            if (!STORAGE_ID.matcher(id).matches()) {
                throw new BadContextException("JUJU_STORAGE_ID=\"" + id + "\" must be <storage>/<number>");
            }
        }
        if (hook.endsWith("-pebble-custom-notice")) {
            e.required("JUJU_NOTICE_ID", hook);
            e.required("JUJU_NOTICE_KEY", hook);
        }
        if (hook.endsWith("-pebble-check-failed") || hook.endsWith("-pebble-check-recovered")) {
            e.required("JUJU_PEBBLE_CHECK_NAME", hook);
        }
        return new JujuContext(dispatch, hookName, unit, e.required("JUJU_MODEL_NAME", ALWAYS),
                e.required("JUJU_MODEL_UUID", ALWAYS), e.optional("JUJU_VERSION").orElse("0.0.0"),
                Path.of(e.required("JUJU_CHARM_DIR", ALWAYS)),
                e.optional("JUJU_AVAILABILITY_ZONE"), e.optional("JUJU_MACHINE_ID"), e.optional("JUJU_PRINCIPAL_UNIT"),
                env.containsKey("JUJU_DEBUG"), relation, e.optional("JUJU_REMOTE_APP"), e.optional("JUJU_REMOTE_UNIT"),
                e.optional("JUJU_DEPARTING_UNIT"), action ? Optional.of(name) : Optional.empty(),
                e.optional("JUJU_ACTION_UUID"), e.optional("JUJU_WORKLOAD_NAME"), e.optional("JUJU_NOTICE_ID"),
                e.optional("JUJU_NOTICE_KEY"), e.optional("JUJU_NOTICE_TYPE"), e.optional("JUJU_PEBBLE_CHECK_NAME"),
                e.optional("JUJU_SECRET_ID"), e.optional("JUJU_SECRET_LABEL"), secretRevision,
                storageId, e.optional("JUJU_STORAGE_LOCATION"), Map.copyOf(env));
    }

    private static final String ALWAYS = "every hook and action";
    private static final Pattern UNIT_NAME = Pattern.compile("[a-z][a-z0-9-]*/[0-9]+");
    private static final Pattern STORAGE_ID = Pattern.compile("[a-z][a-z0-9-]*/[0-9]+");
    private static final List<String> RELATION_KINDS = List.of("-relation-created", "-relation-joined",
            "-relation-changed", "-relation-departed", "-relation-broken");

    private static boolean endsWithAny(String s, List<String> suffixes) {
        return suffixes.stream().anyMatch(s::endsWith);
    }

    private record Env(Map<String, String> env) {
        String required(String name, String kind) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                throw new BadContextException(name + " is not set; Juju sets it for " + kind
                        + ". Run the charm's dispatch through Juju (or jcharm's local model), not by hand.");
            }
            return v;
        }

        Optional<String> optional(String name) {
            String v = env.get(name);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
        }
    }
}
