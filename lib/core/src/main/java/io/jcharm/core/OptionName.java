package io.jcharm.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the config option a record component binds to, when it is not the component's name
 * in kebab case ({@code imageHub} binds {@code image-hub} by default).
 *
 * <pre>{@code
 * record Config(@OptionName("tls-secret-id") String tlsSecret) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface OptionName {
    String value();
}
