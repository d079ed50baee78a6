/**
 * Relation data as the Python libraries of Charmhub charms write it ({@code json.dumps},
 * PyYAML's {@code yaml.dump}), for the stand-ins: their own writers, never lib/relations'.
 */
package io.jcharm.charms.standins.python;
