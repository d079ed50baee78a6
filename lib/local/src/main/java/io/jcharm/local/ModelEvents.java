package io.jcharm.local;

/**
 * What the controller tells the runtime (Kubernetes API, Pebble emulators, sandboxes) when
 * units and applications come and go; called under the controller's lock, so it must be quick.
 *
 * <pre>{@code
 * ModelEvents none = new ModelEvents() { };
 * }</pre>
 */
interface ModelEvents {
    /** A unit's remove hook succeeded: its workloads, sandbox and files go. */
    default void unitRemoved(String unit) {
    }

    /** The last unit of a dying application is gone: what Juju created for it goes too. */
    default void appRemoved(String app, boolean kubernetes) {
    }

    /** upgrade-charm starts: on Kubernetes the pod was replaced, so its containers start afresh. */
    default void unitUpgraded(String unit, boolean kubernetes, int revision) {
    }
}
