/**
 * A charm's declarations as typed records: {@link io.jcharm.core.meta.CharmMetadata} read from a
 * unified charmcraft.yaml or from metadata.yaml, config.yaml and actions.yaml, with errors that
 * name the file (and line, for YAML syntax) and use Juju's wording where Juju has one.
 */
package io.jcharm.core.meta;
