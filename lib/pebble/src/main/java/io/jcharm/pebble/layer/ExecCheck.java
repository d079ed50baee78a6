package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The {@code exec} part of a check: success when {@code command} exits 0. With
 * {@code service-context} the command inherits that service's environment, user and directory.
 *
 * <pre>{@code
 * Check alive = Check.builder().override(OverrideMode.REPLACE).exec(ExecCheck.of("pg_isready")).build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"command", "service-context", "environment", "user-id", "user", "group-id", "group", "working-dir"})
public record ExecCheck(
        String command,
        @JsonProperty("service-context") String serviceContext,
        Map<String, String> environment,
        @JsonProperty("user-id") Integer userId,
        String user,
        @JsonProperty("group-id") Integer groupId,
        String group,
        @JsonProperty("working-dir") String workingDir) {

    /** Normalises empty values. */
    public ExecCheck {
        command = Values.text(command);
        serviceContext = Values.text(serviceContext);
        environment = Values.map(environment, "");
        user = Values.text(user);
        group = Values.text(group);
        workingDir = Values.text(workingDir);
    }

    /** A check running {@code command} with no other settings. */
    public static ExecCheck of(String command) {
        return new ExecCheck(command, null, Map.of(), null, null, null, null, null);
    }

    /** This check with extra environment variables. */
    public ExecCheck withEnvironment(Map<String, String> values) {
        return new ExecCheck(command, serviceContext, Values.overlay(environment, values), userId, user, groupId,
                group, workingDir);
    }

    /** This check run in the context of {@code service}. */
    public ExecCheck withServiceContext(String service) {
        return new ExecCheck(command, service, environment, userId, user, groupId, group, workingDir);
    }

    /** This check run in {@code directory}. */
    public ExecCheck withWorkingDir(String directory) {
        return new ExecCheck(command, serviceContext, environment, userId, user, groupId, group, directory);
    }

    /** Pebble's merge: set scalars win, the environment is overlaid. */
    public ExecCheck mergedWith(ExecCheck other) {
        return new ExecCheck(Values.pick(other.command, command), Values.pick(other.serviceContext, serviceContext),
                Values.overlay(environment, other.environment), Values.pick(other.userId, userId),
                Values.pick(other.user, user), Values.pick(other.groupId, groupId), Values.pick(other.group, group),
                Values.pick(other.workingDir, workingDir));
    }
}
