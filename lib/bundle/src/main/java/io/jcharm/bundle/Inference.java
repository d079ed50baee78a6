package io.jcharm.bundle;

import java.util.Optional;

/**
 * The outcome of endpoint inference: a provider/requirer pair, or Juju's error text.
 *
 * <pre>{@code
 * switch (EndpointInference.infer(a, b, metas, Style.BUNDLE)) {
 *     case Inference.Inferred i -> i.first();
 *     case Inference.Failed f -> f.message();   // no relations found
 * }
 * }</pre>
 */
public sealed interface Inference {

    /** Both endpoints, in the order they were asked for. */
    record Inferred(EndpointRef first, EndpointRef second) implements Inference {
    }

    /** {@code message} is Juju's text, e.g. {@code no relations found}. */
    record Failed(String message) implements Inference {
    }

    default Optional<Inferred> inferred() {
        return this instanceof Inferred i ? Optional.of(i) : Optional.empty();
    }
}
