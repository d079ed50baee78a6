/**
 * The example charm a newcomer reads first: config bound to a record ({@code HelloConfig}),
 * components that receive it, a relation in each direction, a secret, an action whose
 * parameters bind to a record ({@code GreetParams}) and controller-side state.
 */
package io.jcharm.charms.hello;
