package io.jcharm.core;

import io.jcharm.core.meta.ConfigOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Binds config-get's answer to a charm's config record: each component is an option
 * (kebab-case name), converted to the component's type and checked against {@link Range} and
 * {@link OneOf}.
 */
final class ConfigBinder {
    private ConfigBinder() {
    }

    static <T extends Record> T bind(Class<T> type, Map<String, Object> values, Map<String, ConfigOption> options) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String option = optionName(c);
            if (!options.containsKey(option)) {
                throw new IllegalStateException(type.getSimpleName() + "." + c.getName() + " binds config option \""
                        + option + "\", which config.yaml does not declare; declared: " + options.keySet());
            }
            Object raw = values.get(option);
            if (raw == null) {
                raw = options.get(option).defaultValue().orElse(null);
            }
            args[i] = convert(option, raw, c.getGenericType());
            check(option, args[i], c);
        }
        try {
            Constructor<T> ctor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidConfigException ice) {
                throw ice;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("building " + type.getSimpleName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build config record " + type.getName(), e);
        }
    }

    static String optionName(RecordComponent c) {
        OptionName n = c.getAnnotation(OptionName.class);
        if (n != null) {
            return n.value();
        }
        StringBuilder sb = new StringBuilder();
        for (char ch : c.getName().toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('-').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static Object convert(String option, Object raw, Type type) {
        if (type instanceof ParameterizedType pt && pt.getRawType() == Optional.class) {
            Type inner = pt.getActualTypeArguments()[0];
            if (raw == null || (raw instanceof String s && s.isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(convert(option, raw, inner));
        }
        if (!(type instanceof Class<?> cls)) {
            throw unsupported(option, type);
        }
        if (raw == null) {
            if (cls.isPrimitive()) {
                throw new InvalidConfigException(option, "is not set and has no default; set it with juju config");
            }
            return null;
        }
        try {
            if (cls == String.class) {
                return raw.toString();
            }
            if (cls == int.class || cls == Integer.class) {
                long v = wholeNumber(option, raw, "int");
                if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                    throw new InvalidConfigException(option, "expected int, got " + raw + " (too large for an int)");
                }
                return (int) v;
            }
            if (cls == long.class || cls == Long.class) {
                return wholeNumber(option, raw, "int");
            }
            if (cls == double.class || cls == Double.class) {
                return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
            }
            if (cls == boolean.class || cls == Boolean.class) {
                if (raw instanceof Boolean b) {
                    return b;
                }
                return switch (raw.toString()) {
                    case "1", "t", "T", "TRUE", "true", "True" -> true;
                    case "0", "f", "F", "FALSE", "false", "False" -> false;
                    default -> throw new InvalidConfigException(option, "expected boolean, got \"" + raw + "\"");
                };
            }
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(option, "expected a number, got \"" + raw + "\"");
        }
        throw unsupported(option, type);
    }

    private static IllegalStateException unsupported(String option, Type type) {
        return new IllegalStateException("config option " + option + ": unsupported record component type "
                + type.getTypeName() + "; use String, int, long, double, boolean or Optional of them");
    }

    /** A whole number; a fraction is an error rather than silently truncated. */
    private static long wholeNumber(String option, Object raw, String type) {
        if (raw instanceof Double || raw instanceof Float || raw instanceof java.math.BigDecimal) {
            double d = ((Number) raw).doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > Long.MAX_VALUE) {
                throw new InvalidConfigException(option, "expected " + type + ", got " + raw);
            }
            return (long) d;
        }
        if (raw instanceof java.math.BigInteger b && b.bitLength() > 63) {
            throw new InvalidConfigException(option, "expected " + type + ", got " + raw + " (too large)");
        }
        return raw instanceof Number n ? n.longValue() : Long.decode(raw.toString().trim());
    }

    private static void check(String option, Object value, RecordComponent c) {
        Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
        if (v == null) {
            return;
        }
        Range range = c.getAnnotation(Range.class);
        if (range != null && v instanceof Number n) {
            double d = n.doubleValue();
            if (d < range.min() || d > range.max()) {
                throw new InvalidConfigException(option, "must be between " + fmt(range.min()) + " and "
                        + fmt(range.max()) + ", got " + v);
            }
        }
        OneOf oneOf = c.getAnnotation(OneOf.class);
        if (oneOf != null && !Arrays.asList(oneOf.value()).contains(v.toString())) {
            throw new InvalidConfigException(option, "must be one of " + String.join(", ", oneOf.value())
                    + ", got \"" + v + "\"");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
