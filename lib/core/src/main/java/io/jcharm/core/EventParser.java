package io.jcharm.core;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.tools.RelationRef;
import java.util.Optional;

/** Maps a dispatch path to a typed event, checking names against the charm's metadata. */
final class EventParser {
    private static final String[] RELATION_SUFFIXES = {"-relation-created", "-relation-joined", "-relation-changed",
        "-relation-departed", "-relation-broken"};
    private static final String[] PEBBLE_SUFFIXES = {"-pebble-ready", "-pebble-custom-notice", "-pebble-check-failed",
        "-pebble-check-recovered"};

    private EventParser() {
    }

    static Optional<Event> parse(JujuContext ctx, CharmMetadata meta) {
        String path = ctx.dispatchPath();
        if (path.startsWith("actions/")) {
            String action = path.substring("actions/".length());
            if (!meta.actions().containsKey(action)) {
                throw new BadContextException("action \"" + action + "\" is not declared in actions.yaml of charm \""
                        + meta.name() + "\"; declared: " + meta.actions().keySet());
            }
            return Optional.of(new Event.Action(action, need(ctx.actionUuid(), "JUJU_ACTION_UUID", path)));
        }
        String hook = path.substring("hooks/".length());
        Optional<Event> simple = simple(hook, ctx);
        if (simple.isPresent()) {
            return simple;
        }
        for (String suffix : RELATION_SUFFIXES) {
            if (hook.endsWith(suffix)) {
                return Optional.of(relation(hook.substring(0, hook.length() - suffix.length()), suffix, ctx, meta));
            }
        }
        for (String suffix : PEBBLE_SUFFIXES) {
            if (hook.endsWith(suffix)) {
                String container = hook.substring(0, hook.length() - suffix.length());
                if (!meta.containers().containsKey(container)) {
                    throw new BadContextException("hook " + hook + " names container \"" + container
                            + "\" which charm \"" + meta.name() + "\" does not declare; declared: " + meta.containers().keySet());
                }
                return Optional.of(switch (suffix) {
                    case "-pebble-ready" -> new Event.PebbleReady(container);
                    case "-pebble-custom-notice" -> new Event.PebbleCustomNotice(container,
                            need(ctx.noticeId(), "JUJU_NOTICE_ID", hook), need(ctx.noticeKey(), "JUJU_NOTICE_KEY", hook),
                            ctx.noticeType().orElse("custom"));
                    case "-pebble-check-failed" -> new Event.PebbleCheckFailed(container,
                            need(ctx.checkName(), "JUJU_PEBBLE_CHECK_NAME", hook));
                    default -> new Event.PebbleCheckRecovered(container,
                            need(ctx.checkName(), "JUJU_PEBBLE_CHECK_NAME", hook));
                });
            }
        }
        if (hook.endsWith("-storage-attached") || hook.endsWith("-storage-detaching")) {
            String storage = hook.substring(0, hook.lastIndexOf("-storage-"));
            if (!meta.storage().containsKey(storage)) {
                throw new BadContextException("hook " + hook + " names storage \"" + storage + "\" which charm \""
                        + meta.name() + "\" does not declare; declared: " + meta.storage().keySet());
            }
            String id = need(ctx.storageId(), "JUJU_STORAGE_ID", hook);
            if (!id.startsWith(storage + "/")) {
                throw new BadContextException("JUJU_STORAGE_ID=\"" + id + "\" does not belong to storage \"" + storage
                        + "\" of hook " + hook);
            }
            return Optional.of(hook.endsWith("-attached") ? new Event.StorageAttached(id) : new Event.StorageDetaching(id));
        }
        return Optional.empty();
    }

    private static Optional<Event> simple(String hook, JujuContext ctx) {
        Event e = switch (hook) {
            case "install" -> new Event.Install();
            case "start" -> new Event.Start();
            case "stop" -> new Event.Stop();
            case "remove" -> new Event.Remove();
            case "config-changed" -> new Event.ConfigChanged();
            case "upgrade-charm" -> new Event.UpgradeCharm();
            case "update-status" -> new Event.UpdateStatus();
            case "leader-elected" -> new Event.LeaderElected();
            case "leader-settings-changed" -> new Event.LeaderSettingsChanged();
            case "collect-metrics" -> new Event.CollectMetrics();
            case "pre-series-upgrade" -> new Event.PreSeriesUpgrade();
            case "post-series-upgrade" -> new Event.PostSeriesUpgrade();
            case "secret-changed" -> new Event.SecretChanged(need(ctx.secretId(), "JUJU_SECRET_ID", hook),
                    ctx.secretLabel());
            case "secret-rotate" -> new Event.SecretRotate(need(ctx.secretId(), "JUJU_SECRET_ID", hook),
                    ctx.secretLabel());
            case "secret-remove" -> new Event.SecretRemove(need(ctx.secretId(), "JUJU_SECRET_ID", hook),
                    ctx.secretLabel(), need(ctx.secretRevision(), "JUJU_SECRET_REVISION", hook));
            case "secret-expired" -> new Event.SecretExpired(need(ctx.secretId(), "JUJU_SECRET_ID", hook),
                    ctx.secretLabel(), need(ctx.secretRevision(), "JUJU_SECRET_REVISION", hook));
            default -> null;
        };
        return Optional.ofNullable(e);
    }

    /** JujuContext is a public record, so a hand-built one may lack what fromEnvironment guarantees. */
    private static <T> T need(Optional<T> value, String variable, String hook) {
        return value.orElseThrow(() -> new BadContextException(variable + " is not set; Juju sets it for " + hook));
    }

    private static Event relation(String endpoint, String suffix, JujuContext ctx, CharmMetadata meta) {
        if (meta.endpoint(endpoint).isEmpty()) {
            throw new BadContextException("hook " + endpoint + suffix + " names endpoint \"" + endpoint
                    + "\" which charm \"" + meta.name() + "\" does not declare; declared: " + meta.endpoints().keySet());
        }
        String hook = endpoint + suffix;
        RelationRef rel = need(ctx.relation(), "JUJU_RELATION_ID", hook);
        if (!rel.endpoint().equals(endpoint)) {
            throw new BadContextException("JUJU_RELATION_ID=" + rel + " does not belong to endpoint \"" + endpoint
                    + "\" of hook " + hook);
        }
        String app = need(ctx.remoteApp(), "JUJU_REMOTE_APP", hook);
        return switch (suffix) {
            case "-relation-created" -> new Event.RelationCreated(rel, app);
            case "-relation-joined" -> new Event.RelationJoined(rel, app, need(ctx.remoteUnit(), "JUJU_REMOTE_UNIT", hook));
            case "-relation-changed" -> new Event.RelationChanged(rel, app, ctx.remoteUnit());
            case "-relation-departed" -> new Event.RelationDeparted(rel, app, ctx.remoteUnit(),
                    need(ctx.departingUnit(), "JUJU_DEPARTING_UNIT", hook));
            default -> new Event.RelationBroken(rel, app);
        };
    }
}
