/**
 * Runs external programs for every part of jcharm (hook tools, a charm's machine commands, the
 * CLI's juju calls, the packer's jlink and training runs, the local model's hooks): argv only,
 * exactly the environment given, optional stdin bytes and working directory, a timeout that kills
 * the process and everything it started, output captured or written to a file.
 *
 * <pre>{@code
 * ProcessResult r = new ProcessRunner().run(Command.of(List.of("juju", "status")).env(env).timeout(Duration.ofMinutes(1)));
 * }</pre>
 */
package io.jcharm.process;
