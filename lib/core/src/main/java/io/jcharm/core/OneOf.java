package io.jcharm.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts a string config record component to a set of choices.
 *
 * <pre>{@code
 * record Config(@OneOf({"LoadBalancer", "ClusterIP", "NodePort"}) String gatewayServiceType) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface OneOf {
    String[] value();
}
