/**
 * The JSON a hook needs on its hot path (hook tools' {@code --format=json} output, the
 * {@code --file} input of relation-set and state-set, the metadata the packer prepares) as plain
 * Java maps, lists and scalars, so that a hook that binds no typed JSON never loads Jackson.
 */
package io.jcharm.core.json;
