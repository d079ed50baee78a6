/**
 * Relation data as the Python libraries of Charmhub charms write and read it ({@code json.dumps},
 * PyYAML's {@code yaml.dump} and {@code yaml.safe_load}, serialized-data-interface's handshake),
 * for the stand-ins: their own code, never lib/relations'.
 */
package io.jcharm.charms.standins.python;
