/**
 * The local model: a stand-in for a Juju controller and a Kubernetes cluster on one machine, for
 * rehearsing bundles and for integration tests. It runs the real packed charms as Juju does
 * (each unit's unpacked {@code dispatch} as a process, with the JUJU_* environment and hook tools
 * as real executables that talk back over loopback), keeps the controller state (applications,
 * units, leaders, config, relations and their data, secrets, unit state, ports, statuses,
 * actions) in a directory between invocations, and serves an embedded Kubernetes API (fabric8's
 * mock server), a Pebble emulator per workload container and a sandbox of fake system tools for
 * machine charms. Nothing runs between invocations, and every simulated workload says so.
 */
package io.jcharm.local;
