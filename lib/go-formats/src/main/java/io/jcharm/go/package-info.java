/**
 * Text as Go programs write and read it, for talking to Go servers such as Pebble: durations
 * ({@link io.jcharm.go.GoDurations}, Go's {@code time.ParseDuration} and {@code Duration.String})
 * and YAML laid out as gopkg.in/yaml.v3 marshals it ({@link io.jcharm.go.GoYaml}).
 */
package io.jcharm.go;
