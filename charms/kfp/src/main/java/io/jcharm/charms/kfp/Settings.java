package io.jcharm.charms.kfp;

import io.jcharm.relations.MysqlClient;
import io.jcharm.relations.ObjectStorage;

/**
 * Everything the workloads' layers are built from: the config and the two required relations.
 *
 * <pre>{@code
 * Component<Settings> settings = Component.providing("settings", config, database, storage, (m, c, d, s) -> new Settings(c, d, s));
 * }</pre>
 */
record Settings(KfpConfig config, MysqlClient db, ObjectStorage s3) {
}
