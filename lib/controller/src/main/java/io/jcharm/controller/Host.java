package io.jcharm.controller;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the controller needs from whoever runs it (lib/testing in process, lib/local behind its
 * tool server): charm facts, effective config, where storage and resources live on disk, the
 * unit's network, secret ids and the model's log.
 *
 * <pre>{@code
 * Jujuc jujuc = new Jujuc(model, host);
 * }</pre>
 */
public interface Host {

    /** The application's charm facts. */
    CharmFacts charm(String app);

    /** The application's config as config-get shows it: the charm's defaults overlaid with what was set. */
    Map<String, Object> config(String app);

    /** Where a storage instance ({@code data/0}) of a unit is mounted; may create it. */
    Path storageLocation(String unit, String storageId);

    /** A directory where resource-get may write the file describing an OCI image resource. */
    Path resourceDir(String app, String resource);

    /** The unit's address as network-get reports it. */
    Network network(String unit);

    /** credential-get's answer, or empty when this model has no cloud credential to give. */
    default Optional<Map<String, Object>> credential(String app) {
        return Optional.empty();
    }

    /** A fresh secret id, {@code secret:} and 20 characters of Juju's xid alphabet. */
    String newSecretId();

    /** Receives every log line a hook tool writes, at once (Juju logs even if the hook then fails). */
    void log(LogRecord record);

    /**
     * The one address of a unit.
     *
     * @param iface the interface name ({@code lo}, {@code eth0})
     * @param address the IP
     * @param cidr its subnet
     */
    record Network(String iface, String address, String cidr) {
    }
}
