/**
 * The Juju controller's side of the hook tools, for one model: its state (applications, units,
 * leadership, relations and their data bags, secrets, unit state, statuses, ports, actions,
 * storage) and the rules, with Juju's texts, by which every hook-tool call is answered.
 *
 * <p>{@link io.jcharm.controller.Jujuc} answers a call (tool name, argv, stdin) for one hook run
 * ({@link io.jcharm.controller.HookRun}) as Juju's jujuc does: stdout, stderr and exit code.
 * lib/testing calls it in process, lib/local behind its hook-tool server; both see the same rules.
 *
 * <pre>{@code
 * Jujuc jujuc = new Jujuc(model, host);
 * HookRun run = new HookRun("hello/0", "config-changed");
 * ToolReply r = jujuc.run(run, ToolCall.of("is-leader", "--format=json"));
 * Jujuc.commit(model, run);   // the hook succeeded: its writes become the model's
 * }</pre>
 */
package io.jcharm.controller;
