package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/**
 * One health check of a Pebble layer: exactly one of {@code http}, {@code tcp} or {@code exec}.
 *
 * <pre>{@code
 * Check ready = Check.builder()
 *     .override(OverrideMode.REPLACE)
 *     .level(CheckLevel.READY)
 *     .period(Duration.ofSeconds(10))
 *     .threshold(3)
 *     .http(HttpCheck.of("http://localhost:5000/health"))
 *     .build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"override", "level", "startup", "period", "timeout", "threshold", "http", "tcp", "exec"})
public record Check(
        OverrideMode override,
        CheckLevel level,
        Startup startup,
        Duration period,
        Duration timeout,
        Integer threshold,
        HttpCheck http,
        TcpCheck tcp,
        ExecCheck exec) {

    /** The threshold Pebble stores in the plan for a check that sets none (plan.go defaultCheckThreshold). */
    public static final int DEFAULT_THRESHOLD = 3;
    /** The period Pebble runs a check at when it sets none; never written into the plan. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
    /** The timeout Pebble gives a check that sets none (capped to the period); never written into the plan. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** The period Pebble uses: this check's, or {@link #DEFAULT_PERIOD}. */
    public Duration effectivePeriod() {
        return period == null ? DEFAULT_PERIOD : period;
    }

    /** The timeout Pebble uses: this check's, or {@link #DEFAULT_TIMEOUT} capped to the period. */
    public Duration effectiveTimeout() {
        if (timeout != null) {
            return timeout;
        }
        return DEFAULT_TIMEOUT.compareTo(effectivePeriod()) > 0 ? effectivePeriod() : DEFAULT_TIMEOUT;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this check's fields. */
    public Builder toBuilder() {
        return new Builder().override(override).level(level).startup(startup).period(period).timeout(timeout)
                .threshold(threshold).http(http).tcp(tcp).exec(exec);
    }

    /** Pebble's {@code override: merge}: set fields win, the http/tcp/exec parts merge field by field. */
    public Check mergedWith(Check other) {
        return new Check(override, Values.pick(other.level, level), Values.pick(other.startup, startup),
                Values.pick(other.period, period), Values.pick(other.timeout, timeout),
                Values.pick(other.threshold, threshold),
                other.http == null ? http : (http == null ? other.http : http.mergedWith(other.http)),
                other.tcp == null ? tcp : (tcp == null ? other.tcp : tcp.mergedWith(other.tcp)),
                other.exec == null ? exec : (exec == null ? other.exec : exec.mergedWith(other.exec)));
    }

    /** This check with the given override mode (null clears it). */
    public Check withOverride(OverrideMode mode) {
        return toBuilder().override(mode).build();
    }

    /** Collects the fields of a {@link Check}; every setter returns this builder. */
    public static final class Builder {
        private OverrideMode override;
        private CheckLevel level;
        private Startup startup;
        private Duration period;
        private Duration timeout;
        private Integer threshold;
        private HttpCheck http;
        private TcpCheck tcp;
        private ExecCheck exec;

        private Builder() {
        }

        public Builder override(OverrideMode value) { override = value; return this; }
        public Builder level(CheckLevel value) { level = value; return this; }
        public Builder startup(Startup value) { startup = value; return this; }
        public Builder period(Duration value) { period = value; return this; }
        public Builder timeout(Duration value) { timeout = value; return this; }
        public Builder threshold(Integer value) { threshold = value; return this; }
        public Builder http(HttpCheck value) { http = value; return this; }
        public Builder tcp(TcpCheck value) { tcp = value; return this; }
        public Builder exec(ExecCheck value) { exec = value; return this; }

        public Check build() {
            return new Check(override, level, startup, period, timeout, threshold, http, tcp, exec);
        }
    }
}
