package io.jcharm.charms.standins.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks of mysql-k8s's {@code CharmConfig} (src/config.py, pydantic 1.10 validators), which
 * the real charm runs whenever a hook reads {@code self.config}: a value they refuse raises
 * pydantic's ValidationError out of the hook, so the unit is in error and Juju retries the hook
 * until the operator sets a valid value. Types are Juju's to check ({@code juju config} refuses a
 * string for an int option), so only ranges and formats are checked here.
 *
 * <pre>{@code
 * CharmConfig.validate(model.rawConfig());   // IllegalArgumentException: "1 validation error for CharmConfig\nprofile\n  ..."
 * }</pre>
 */
final class CharmConfig {
    /** charms.mysql.v0.mysql's MAX_CONNECTIONS_FLOOR. */
    static final int MAX_CONNECTIONS_FLOOR = 10;
    private static final Pattern CLUSTER_NAME = Pattern.compile("[a-zA-Z0-9-_.]*");
    private static final Pattern DATABASE_NAME = Pattern.compile("[^\\\\/?%*:|\"<>.]{1,64}");
    private static final Pattern RETENTION = Pattern.compile("^(auto|\\d{1,3}).*", Pattern.DOTALL);

    private CharmConfig() {
    }

    /**
     * Throws pydantic's message when any option fails its validator, every failing option named
     * by its field (dashes as underscores) followed by the validator's reason.
     */
    static void validate(Map<String, Object> config) {
        List<String> errors = new ArrayList<>();
        string(config, "profile").filter(v -> !List.of("testing", "production").contains(v))
                .ifPresent(v -> errors.add("profile\n  Value not one of 'testing' or 'production'"));
        for (String option : List.of("cluster-name", "cluster-set-name")) {
            string(config, option).map(CharmConfig::clusterName).filter(s -> !s.isEmpty())
                    .ifPresent(why -> errors.add(field(option) + "\n  " + why));
        }
        integer(config, "profile-limit-memory").ifPresent(v -> {
            if (v < 600) {
                errors.add("profile_limit_memory\n  MySQL Charm requires at least 600MB for bootstrapping");
            } else if (v > 9999999) {
                errors.add("profile_limit_memory\n  `profile-limit-memory` limited to 7 digits (9999999MB)");
            }
        });
        for (String option : List.of("mysql-interface-user", "mysql-root-interface-user")) {
            string(config, option).filter(v -> v.length() > 32)
                    .ifPresent(v -> errors.add(field(option) + "\n  User name constrained to 32 characters"));
        }
        for (String option : List.of("mysql-interface-database", "mysql-root-interface-database")) {
            string(config, option).filter(v -> !DATABASE_NAME.matcher(v).matches())
                    .ifPresent(v -> errors.add(field(option) + "\n  Database name cannot contain slashes, dots or characters"
                            + " not allowed for directories, and are limited to 64 characters"));
        }
        integer(config, "experimental-max-connections").filter(v -> v < MAX_CONNECTIONS_FLOOR)
                .ifPresent(v -> errors.add("experimental_max_connections\n  experimental-max-connections (value=" + v
                        + ") must be equal or greater  than " + MAX_CONNECTIONS_FLOOR));
        integer(config, "binlog_retention_days").filter(v -> v < 1)
                .ifPresent(v -> errors.add("binlog_retention_days\n  binlog-retention-days must be greater than 0"));
        string(config, "plugin-audit-strategy").filter(v -> !List.of("async", "semi-async").contains(v))
                .ifPresent(v -> errors.add("plugin_audit_strategy\n  plugin_audit_strategy not one of 'async' or 'semi-async'"));
        string(config, "logs_audit_policy").filter(v -> !List.of("all", "logins", "queries").contains(v))
                .ifPresent(v -> errors.add("logs_audit_policy\n  logs_audit_policy not one of all, logins, queries"));
        string(config, "logs_retention_period").filter(v -> !RETENTION.matcher(v).matches() || v.equals("0"))
                .ifPresent(v -> errors.add("logs_retention_period\n  logs_retention_period must be integer greater than 0"
                        + " or `auto`"));
        if (!errors.isEmpty()) {
            StringBuilder msg = new StringBuilder().append(errors.size())
                    .append(errors.size() == 1 ? " validation error" : " validation errors").append(" for CharmConfig");
            errors.forEach(e -> msg.append('\n').append(e).append(" (type=value_error)"));
            throw new IllegalArgumentException(msg.toString());
        }
    }

    /** cluster_name_validator's reason, empty when the name is valid. */
    private static String clusterName(String v) {
        if (v.length() > 63) {
            return "cluster, cluster-set name must be less than 63 characters";
        }
        if (v.isEmpty() || !Character.isLetter(v.charAt(0))) {
            return "cluster, cluster-set name must start with a letter";
        }
        if (!CLUSTER_NAME.matcher(v).matches()) {
            return "cluster, cluster-set name must contain only alphanumeric characters, hyphens, underscores and periods";
        }
        return "";
    }

    /** pydantic's location: the field, which the charm's TypedCharmBase names with underscores. */
    private static String field(String option) {
        return option.replace('-', '_');
    }

    private static java.util.Optional<String> string(Map<String, Object> config, String option) {
        return java.util.Optional.ofNullable(config.get(option)).map(String::valueOf);
    }

    private static java.util.Optional<Long> integer(Map<String, Object> config, String option) {
        return java.util.Optional.ofNullable(config.get(option)).filter(Number.class::isInstance)
                .map(v -> ((Number) v).longValue());
    }
}
