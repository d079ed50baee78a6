package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One service of a Pebble layer, with Pebble's YAML field names; null and empty fields are left
 * out when written.
 *
 * <pre>{@code
 * Service mlflow = Service.builder()
 *     .override(OverrideMode.REPLACE)
 *     .command("mlflow server --host 0.0.0.0")
 *     .startup(Startup.ENABLED)
 *     .environment("MLFLOW_S3_ENDPOINT_URL", "http://minio:9000")
 *     .build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"summary", "description", "startup", "override", "command", "after", "before", "requires",
        "environment", "user-id", "user", "group-id", "group", "working-dir", "on-success", "on-failure",
        "on-check-failure", "backoff-delay", "backoff-factor", "backoff-limit", "kill-delay"})
public record Service(
        String summary,
        String description,
        Startup startup,
        OverrideMode override,
        String command,
        List<String> after,
        List<String> before,
        List<String> requires,
        Map<String, String> environment,
        @JsonProperty("user-id") Integer userId,
        String user,
        @JsonProperty("group-id") Integer groupId,
        String group,
        @JsonProperty("working-dir") String workingDir,
        @JsonProperty("on-success") ServiceAction onSuccess,
        @JsonProperty("on-failure") ServiceAction onFailure,
        @JsonProperty("on-check-failure") Map<String, ServiceAction> onCheckFailure,
        @JsonProperty("backoff-delay") Duration backoffDelay,
        @JsonProperty("backoff-factor") Double backoffFactor,
        @JsonProperty("backoff-limit") Duration backoffLimit,
        @JsonProperty("kill-delay") Duration killDelay) {

    /** Normalises empty strings, lists and maps so that equal services compare equal. */
    public Service {
        summary = Values.text(summary);
        description = Values.text(description);
        command = Values.text(command);
        after = Values.list(after);
        before = Values.list(before);
        requires = Values.list(requires);
        environment = Values.map(environment, "");
        user = Values.text(user);
        group = Values.text(group);
        workingDir = Values.text(workingDir);
        onCheckFailure = Values.map(onCheckFailure, null);
    }

    /** Pebble's backoff defaults (plan.go) and kill delay (servstate); Pebble never writes them into the plan. */
    public static final Duration DEFAULT_BACKOFF_DELAY = Duration.ofMillis(500);
    public static final double DEFAULT_BACKOFF_FACTOR = 2.0;
    public static final Duration DEFAULT_BACKOFF_LIMIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_KILL_DELAY = Duration.ofSeconds(5);

    /** The first restart delay Pebble uses: this service's, or {@link #DEFAULT_BACKOFF_DELAY}. */
    public Duration effectiveBackoffDelay() {
        return backoffDelay == null ? DEFAULT_BACKOFF_DELAY : backoffDelay;
    }

    /** The backoff multiplier Pebble uses: this service's, or {@link #DEFAULT_BACKOFF_FACTOR}. */
    public double effectiveBackoffFactor() {
        return backoffFactor == null ? DEFAULT_BACKOFF_FACTOR : backoffFactor;
    }

    /** The longest restart delay Pebble uses: this service's, or {@link #DEFAULT_BACKOFF_LIMIT}. */
    public Duration effectiveBackoffLimit() {
        return backoffLimit == null ? DEFAULT_BACKOFF_LIMIT : backoffLimit;
    }

    /** How long Pebble waits after SIGTERM before SIGKILL: this service's, or {@link #DEFAULT_KILL_DELAY}. */
    public Duration effectiveKillDelay() {
        return killDelay == null ? DEFAULT_KILL_DELAY : killDelay;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this service's fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * This service with {@code other} merged on top, as Pebble's {@code override: merge} does:
     * set scalars win, lists are appended, maps are overlaid; the override mode stays this one's.
     */
    public Service mergedWith(Service other) {
        return new Service(
                Values.pick(other.summary, summary), Values.pick(other.description, description),
                Values.pick(other.startup, startup), override, Values.pick(other.command, command),
                Values.concat(after, other.after), Values.concat(before, other.before),
                Values.concat(requires, other.requires), Values.overlay(environment, other.environment),
                Values.pick(other.userId, userId), Values.pick(other.user, user),
                Values.pick(other.groupId, groupId), Values.pick(other.group, group),
                Values.pick(other.workingDir, workingDir), Values.pick(other.onSuccess, onSuccess),
                Values.pick(other.onFailure, onFailure), Values.overlay(onCheckFailure, other.onCheckFailure),
                Values.pick(other.backoffDelay, backoffDelay), Values.pick(other.backoffFactor, backoffFactor),
                Values.pick(other.backoffLimit, backoffLimit), Values.pick(other.killDelay, killDelay));
    }

    /** This service with the given override mode (null clears it), e.g. to compare content only. */
    public Service withOverride(OverrideMode mode) {
        return toBuilder().override(mode).build();
    }

    /** Collects the fields of a {@link Service}; every setter returns this builder. */
    public static final class Builder {
        private String summary;
        private String description;
        private Startup startup;
        private OverrideMode override;
        private String command;
        private List<String> after = new ArrayList<>();
        private List<String> before = new ArrayList<>();
        private List<String> requires = new ArrayList<>();
        private Map<String, String> environment = new TreeMap<>();
        private Integer userId;
        private String user;
        private Integer groupId;
        private String group;
        private String workingDir;
        private ServiceAction onSuccess;
        private ServiceAction onFailure;
        private Map<String, ServiceAction> onCheckFailure = new TreeMap<>();
        private Duration backoffDelay;
        private Double backoffFactor;
        private Duration backoffLimit;
        private Duration killDelay;

        private Builder() {
        }

        private Builder(Service s) {
            summary = s.summary;
            description = s.description;
            startup = s.startup;
            override = s.override;
            command = s.command;
            after = new ArrayList<>(s.after);
            before = new ArrayList<>(s.before);
            requires = new ArrayList<>(s.requires);
            environment = new TreeMap<>(s.environment);
            userId = s.userId;
            user = s.user;
            groupId = s.groupId;
            group = s.group;
            workingDir = s.workingDir;
            onSuccess = s.onSuccess;
            onFailure = s.onFailure;
            onCheckFailure = new TreeMap<>(s.onCheckFailure);
            backoffDelay = s.backoffDelay;
            backoffFactor = s.backoffFactor;
            backoffLimit = s.backoffLimit;
            killDelay = s.killDelay;
        }

        public Builder summary(String value) { summary = value; return this; }
        public Builder description(String value) { description = value; return this; }
        public Builder startup(Startup value) { startup = value; return this; }
        public Builder override(OverrideMode value) { override = value; return this; }
        public Builder command(String value) { command = value; return this; }
        public Builder after(String... services) { after.addAll(List.of(services)); return this; }
        public Builder before(String... services) { before.addAll(List.of(services)); return this; }
        public Builder requires(String... services) { requires.addAll(List.of(services)); return this; }
        public Builder environment(String name, String value) { environment.put(name, value); return this; }
        public Builder environment(Map<String, String> values) { environment.putAll(values); return this; }
        public Builder userId(Integer value) { userId = value; return this; }
        public Builder user(String value) { user = value; return this; }
        public Builder groupId(Integer value) { groupId = value; return this; }
        public Builder group(String value) { group = value; return this; }
        public Builder workingDir(String value) { workingDir = value; return this; }
        public Builder onSuccess(ServiceAction value) { onSuccess = value; return this; }
        public Builder onFailure(ServiceAction value) { onFailure = value; return this; }
        public Builder onCheckFailure(String check, ServiceAction action) { onCheckFailure.put(check, action); return this; }
        public Builder backoffDelay(Duration value) { backoffDelay = value; return this; }
        public Builder backoffFactor(Double value) { backoffFactor = value; return this; }
        public Builder backoffLimit(Duration value) { backoffLimit = value; return this; }
        public Builder killDelay(Duration value) { killDelay = value; return this; }

        /** The service; Pebble itself requires {@code override} in a layer and {@code command} in the plan. */
        public Service build() {
            return new Service(summary, description, startup, override, command, after, before, requires,
                    environment, userId, user, groupId, group, workingDir, onSuccess, onFailure, onCheckFailure,
                    backoffDelay, backoffFactor, backoffLimit, killDelay);
        }
    }
}
