package io.jcharm.core;

import io.jcharm.core.tools.RelationRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        String dispatch = e.required("JUJU_DISPATCH_PATH");
        if (!dispatch.startsWith("hooks/") && !dispatch.startsWith("actions/")) {
            throw new BadContextException("JUJU_DISPATCH_PATH=\"" + dispatch
                    + "\" must be hooks/<hook> or actions/<action>; is dispatch being run by Juju?");
        }
        String unit = e.required("JUJU_UNIT_NAME");
        if (unit.indexOf('/') <= 0) {
            throw new BadContextException("JUJU_UNIT_NAME=\"" + unit + "\" must be <application>/<number>");
        }
        String hookName = e.optional("JUJU_HOOK_NAME").orElse(
                dispatch.startsWith("hooks/") ? dispatch.substring("hooks/".length()) : "");
        boolean relationHook = dispatch.startsWith("hooks/") && hookName.contains("-relation-");
        Optional<RelationRef> relation = Optional.empty();
        if (relationHook) {
            String id = e.required("JUJU_RELATION_ID");
            try {
                relation = Optional.of(RelationRef.parse(id));
            } catch (IllegalArgumentException ex) {
                throw new BadContextException("JUJU_RELATION_ID=\"" + id + "\" must be <endpoint>:<number>");
            }
            e.required("JUJU_REMOTE_APP");
        }
        boolean action = dispatch.startsWith("actions/");
        if (action) {
            e.required("JUJU_ACTION_UUID");
        }
        if (hookName.startsWith("secret-")) {
            e.required("JUJU_SECRET_ID");
        }
        if (hookName.endsWith("-storage-attached") || hookName.endsWith("-storage-detaching")) {
            e.required("JUJU_STORAGE_ID");
        }
        if (hookName.endsWith("-relation-departed")) {
            e.required("JUJU_DEPARTING_UNIT");
        }
        Optional<Integer> secretRevision = e.optional("JUJU_SECRET_REVISION").map(r -> {
            try {
                return Integer.parseInt(r);
            } catch (NumberFormatException ex) {
                throw new BadContextException("JUJU_SECRET_REVISION=\"" + r + "\" must be a number");
            }
        });
        if ((hookName.equals("secret-remove") || hookName.equals("secret-expired")) && secretRevision.isEmpty()) {
            throw new BadContextException("JUJU_SECRET_REVISION is not set; Juju sets it for " + hookName);
        }
        return new JujuContext(dispatch, hookName, unit, e.required("JUJU_MODEL_NAME"), e.required("JUJU_MODEL_UUID"),
                e.optional("JUJU_VERSION").orElse("0.0.0"), Path.of(e.required("JUJU_CHARM_DIR")),
                e.optional("JUJU_AVAILABILITY_ZONE"), e.optional("JUJU_MACHINE_ID"), e.optional("JUJU_PRINCIPAL_UNIT"),
                env.containsKey("JUJU_DEBUG"), relation, e.optional("JUJU_REMOTE_APP"), e.optional("JUJU_REMOTE_UNIT"),
                e.optional("JUJU_DEPARTING_UNIT"),
                action ? Optional.of(dispatch.substring("actions/".length())) : Optional.empty(),
                e.optional("JUJU_ACTION_UUID"), e.optional("JUJU_WORKLOAD_NAME"), e.optional("JUJU_NOTICE_ID"),
                e.optional("JUJU_NOTICE_KEY"), e.optional("JUJU_NOTICE_TYPE"), e.optional("JUJU_PEBBLE_CHECK_NAME"),
                e.optional("JUJU_SECRET_ID"), e.optional("JUJU_SECRET_LABEL"), secretRevision,
                e.optional("JUJU_STORAGE_ID"), e.optional("JUJU_STORAGE_LOCATION"), Map.copyOf(env));
    }

    /** The variables every hook must have; used in messages. */
    static final List<String> ALWAYS_REQUIRED = List.of("JUJU_DISPATCH_PATH", "JUJU_UNIT_NAME", "JUJU_MODEL_NAME",
            "JUJU_MODEL_UUID", "JUJU_CHARM_DIR");

    private record Env(Map<String, String> env) {
        String required(String name) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                throw new BadContextException(name + " is not set; Juju sets it for every hook"
                        + (ALWAYS_REQUIRED.contains(name) ? "" : " of this kind")
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
