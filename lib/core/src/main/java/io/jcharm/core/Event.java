package io.jcharm.core;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.tools.RelationRef;
import java.util.Optional;

/**
 * The one Juju event a dispatch run handles, typed by family.
 *
 * <pre>{@code
 * Event e = Event.from(ctx, meta).orElseThrow();
 * if (e instanceof Event.RelationChanged rc) { rc.relation().endpoint(); }
 * }</pre>
 */
public sealed interface Event {

    /** The hook name Juju uses ({@code install}, {@code db-relation-changed}, or the action name). */
    String hookName();

    /** Events that run the reconciler. */
    sealed interface Reconciling extends Event {
    }

    /** Relation events, which carry the relation and remote application. */
    sealed interface RelationEvent extends Reconciling {
        RelationRef relation();

        String remoteApp();
    }

    /** Workload container events. */
    sealed interface WorkloadEvent extends Reconciling {
        String container();
    }

    /** Secret events. */
    sealed interface SecretEvent extends Reconciling {
        String secretId();

        Optional<String> label();
    }

    record Install() implements Reconciling { public String hookName() { return "install"; } }
    record Start() implements Reconciling { public String hookName() { return "start"; } }
    record Stop() implements Event { public String hookName() { return "stop"; } }
    record Remove() implements Event { public String hookName() { return "remove"; } }
    record ConfigChanged() implements Reconciling { public String hookName() { return "config-changed"; } }
    record UpgradeCharm() implements Reconciling { public String hookName() { return "upgrade-charm"; } }
    record UpdateStatus() implements Reconciling { public String hookName() { return "update-status"; } }
    record LeaderElected() implements Reconciling { public String hookName() { return "leader-elected"; } }
    record LeaderSettingsChanged() implements Reconciling { public String hookName() { return "leader-settings-changed"; } }
    record CollectMetrics() implements Event { public String hookName() { return "collect-metrics"; } }
    record PreSeriesUpgrade() implements Event { public String hookName() { return "pre-series-upgrade"; } }
    record PostSeriesUpgrade() implements Reconciling { public String hookName() { return "post-series-upgrade"; } }

    record RelationCreated(RelationRef relation, String remoteApp) implements RelationEvent {
        public String hookName() { return relation.endpoint() + "-relation-created"; }
    }

    record RelationJoined(RelationRef relation, String remoteApp, String remoteUnit) implements RelationEvent {
        public String hookName() { return relation.endpoint() + "-relation-joined"; }
    }

    /** {@code remoteUnit} is empty when the remote application's data changed. */
    record RelationChanged(RelationRef relation, String remoteApp, Optional<String> remoteUnit) implements RelationEvent {
        public String hookName() { return relation.endpoint() + "-relation-changed"; }
    }

    record RelationDeparted(RelationRef relation, String remoteApp, Optional<String> remoteUnit,
                            String departingUnit) implements RelationEvent {
        public String hookName() { return relation.endpoint() + "-relation-departed"; }
    }

    record RelationBroken(RelationRef relation, String remoteApp) implements RelationEvent {
        public String hookName() { return relation.endpoint() + "-relation-broken"; }
    }

    record StorageAttached(String storageId) implements Reconciling {
        public String hookName() { return storageId.substring(0, storageId.indexOf('/')) + "-storage-attached"; }
    }

    record StorageDetaching(String storageId) implements Event {
        public String hookName() { return storageId.substring(0, storageId.indexOf('/')) + "-storage-detaching"; }
    }

    record PebbleReady(String container) implements WorkloadEvent {
        public String hookName() { return container + "-pebble-ready"; }
    }

    record PebbleCustomNotice(String container, String noticeId, String noticeKey, String noticeType)
            implements WorkloadEvent {
        public String hookName() { return container + "-pebble-custom-notice"; }
    }

    record PebbleCheckFailed(String container, String checkName) implements WorkloadEvent {
        public String hookName() { return container + "-pebble-check-failed"; }
    }

    record PebbleCheckRecovered(String container, String checkName) implements WorkloadEvent {
        public String hookName() { return container + "-pebble-check-recovered"; }
    }

    record SecretChanged(String secretId, Optional<String> label) implements SecretEvent {
        public String hookName() { return "secret-changed"; }
    }

    record SecretRotate(String secretId, Optional<String> label) implements SecretEvent {
        public String hookName() { return "secret-rotate"; }
    }

    record SecretRemove(String secretId, Optional<String> label, int revision) implements SecretEvent {
        public String hookName() { return "secret-remove"; }
    }

    record SecretExpired(String secretId, Optional<String> label, int revision) implements SecretEvent {
        public String hookName() { return "secret-expired"; }
    }

    /** An action run: {@code juju run unit action k=v}. */
    record Action(String name, String id) implements Event {
        public String hookName() { return name; }
    }

    /**
     * The event for this dispatch, or empty for a hook this SDK does not know (such as
     * meter-status-changed), which Juju may fire and which is not an error.
     *
     * @throws BadContextException when the hook names an endpoint, container, storage or action
     *         the metadata does not declare
     */
    static Optional<Event> from(JujuContext ctx, CharmMetadata meta) {
        return EventParser.parse(ctx, meta);
    }
}
