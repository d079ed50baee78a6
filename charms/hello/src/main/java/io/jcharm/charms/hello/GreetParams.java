package io.jcharm.charms.hello;

/**
 * The {@code greet} action's parameters: each component binds the parameter of the same name
 * in kebab case, with actions.yaml's default when not given.
 *
 * <pre>{@code
 * GreetParams p = action.params(GreetParams.class);  // juju run hello/0 greet name=Ada shout=true
 * }</pre>
 */
record GreetParams(String name, boolean shout) {
}
