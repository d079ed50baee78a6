/**
 * The stand-in for Charmhub's mysql-k8s (track 8.0) on the local model: the Charmhub charm's
 * metadata, and the provider side of {@code mysql_client} written from the facts of
 * canonical/mysql-k8s-operator (src/relations/mysql_provider.py and data_platform_libs'
 * data_interfaces, main @ 0088c958), never from our own requirer code.
 */
package io.jcharm.charms.standins.mysql;
