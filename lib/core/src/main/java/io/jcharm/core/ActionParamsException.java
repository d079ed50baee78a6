package io.jcharm.core;

/**
 * Action parameters do not match the action's schema; the action fails with this message.
 *
 * <pre>{@code
 * // juju run seldon-core/0 serve-model name=x   ->   "missing required parameter model-uri"
 * }</pre>
 */
public class ActionParamsException extends RuntimeException {
    public ActionParamsException(String message) {
        super(message);
    }
}
