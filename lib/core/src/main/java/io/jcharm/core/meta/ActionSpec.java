package io.jcharm.core.meta;

import java.util.List;
import java.util.Map;

/**
 * An action and its parameters' JSON schema, as actions.yaml declares them.
 *
 * <pre>{@code
 * ActionSpec a = meta.actions().get("serve-model");
 * a.required();   // [name, model-uri, server]
 * }</pre>
 *
 * @param params parameter name to its JSON-schema object (type, description, enum, default...)
 * @param additionalProperties whether parameters not in {@code params} are allowed (Juju's default true)
 */
public record ActionSpec(String name, String description, Map<String, Map<String, Object>> params,
                         List<String> required, boolean additionalProperties) {
}
