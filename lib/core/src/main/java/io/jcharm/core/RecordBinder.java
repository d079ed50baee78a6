package io.jcharm.core;

import io.jcharm.core.meta.ActionSpec;
import io.jcharm.core.meta.ConfigOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Binds named values to a charm's record: config-get's answer to its config record, action-get's
 * to an action's parameter record. Each record component is an option or parameter (its name in
 * kebab case, or {@link OptionName}), converted to the component's type (a default from
 * config.yaml or actions.yaml when unset) and checked against {@link Range} and {@link OneOf}.
 */
final class RecordBinder {
    /**
     * What is bound: its names and defaults, where they are declared, and the exception a bad
     * value becomes.
     */
    private record Kind(String noun, String declaredIn, Map<String, Optional<Object>> declared, String unsetHint,
                        boolean collections, BiFunction<String, String, RuntimeException> invalid) {
    }

    private RecordBinder() {
    }

    /**
     * The config record.
     *
     * @throws InvalidConfigException naming the option when a value is wrong
     */
    static <T extends Record> T config(Class<T> type, Map<String, Object> values, Map<String, ConfigOption> options) {
        Map<String, Optional<Object>> declared = new LinkedHashMap<>();
        options.forEach((k, o) -> declared.put(k, o.defaultValue()));
        return bind(type, values, new Kind("config option", "config.yaml", declared, "set it with juju config", false,
                InvalidConfigException::new));
    }

    /**
     * An action's parameter record (parameters already checked against the schema).
     *
     * @throws ActionParamsException naming the parameter when a value does not fit the record
     */
    static <T extends Record> T params(Class<T> type, Map<String, Object> values, ActionSpec spec) {
        Map<String, Optional<Object>> declared = new LinkedHashMap<>();
        spec.params().forEach((k, schema) -> declared.put(k, Optional.ofNullable(schema.get("default"))));
        return bind(type, values, new Kind("parameter of action " + spec.name(), "actions.yaml", declared,
                "pass it with juju run <unit> " + spec.name() + " <name>=<value>", true,
                (param, why) -> new ActionParamsException("parameter " + param + " of action " + spec.name() + " " + why)));
    }

    private static <T extends Record> T bind(Class<T> type, Map<String, Object> values, Kind kind) {
        RecordComponent[] components = type.getRecordComponents();
        RecordAnnotations annotations = RecordAnnotations.of(type);
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String option = annotations.optionName(c);
            if (!kind.declared().containsKey(option)) {
                throw new IllegalStateException(type.getSimpleName() + "." + c.getName() + " binds " + kind.noun() + " \""
                        + option + "\", which " + kind.declaredIn() + " does not declare; declared: "
                        + kind.declared().keySet());
            }
            Object raw = values.get(option);
            if (raw == null) {
                raw = kind.declared().get(option).orElse(null);
            }
            args[i] = convert(option, raw, c.getGenericType(), kind);
            check(option, args[i], c, annotations, kind);
        }
        try {
            Constructor<T> ctor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re; // InvalidConfigException and ActionParamsException included: the record's own checks
            }
            throw new IllegalStateException("building " + type.getSimpleName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build record " + type.getName(), e);
        }
    }

    private static Object convert(String option, Object raw, Type type, Kind kind) {
        if (type instanceof ParameterizedType pt && pt.getRawType() == Optional.class) {
            Type inner = pt.getActualTypeArguments()[0];
            if (raw == null || (raw instanceof String s && s.isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(convert(option, raw, inner, kind));
        }
        if (kind.collections() && type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            if (raw == null) {
                return List.of();
            }
            if (!(raw instanceof List<?> items)) {
                throw kind.invalid().apply(option, "expected a list, got " + raw);
            }
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                out.add(convert(option, item, pt.getActualTypeArguments()[0], kind));
            }
            return List.copyOf(out);
        }
        if (!(type instanceof Class<?> cls)) {
            throw unsupported(option, type, kind);
        }
        if (raw == null) {
            if (cls.isPrimitive()) {
                throw kind.invalid().apply(option, "is not set and has no default; " + kind.unsetHint());
            }
            return null;
        }
        try {
            if (cls == String.class) {
                return raw.toString();
            }
            if (cls == int.class || cls == Integer.class) {
                long v = wholeNumber(option, raw, "int", kind);
                if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                    throw kind.invalid().apply(option, "expected int, got " + raw + " (too large for an int)");
                }
                return (int) v;
            }
            if (cls == long.class || cls == Long.class) {
                return wholeNumber(option, raw, "int", kind);
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
                    default -> throw kind.invalid().apply(option, "expected boolean, got \"" + raw + "\"");
                };
            }
        } catch (NumberFormatException e) {
            throw kind.invalid().apply(option, "expected a number, got \"" + raw + "\"");
        }
        throw unsupported(option, type, kind);
    }

    private static IllegalStateException unsupported(String option, Type type, Kind kind) {
        return new IllegalStateException(kind.noun() + " " + option + ": unsupported record component type "
                + type.getTypeName() + "; use String, int, long, double, boolean" + (kind.collections() ? ", List" : "")
                + " or Optional of them");
    }

    /** A whole number; a fraction is an error rather than silently truncated. */
    private static long wholeNumber(String option, Object raw, String type, Kind kind) {
        if (raw instanceof Double || raw instanceof Float || raw instanceof java.math.BigDecimal) {
            double d = ((Number) raw).doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > Long.MAX_VALUE) {
                throw kind.invalid().apply(option, "expected " + type + ", got " + raw);
            }
            return (long) d;
        }
        if (raw instanceof java.math.BigInteger b && b.bitLength() > 63) {
            throw kind.invalid().apply(option, "expected " + type + ", got " + raw + " (too large)");
        }
        return raw instanceof Number n ? n.longValue() : Long.decode(raw.toString().trim());
    }

    private static void check(String option, Object value, RecordComponent c, RecordAnnotations annotations, Kind kind) {
        Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
        if (v == null) {
            return;
        }
        Optional<double[]> range = annotations.range(c);
        if (range.isPresent() && v instanceof Number n) {
            double d = n.doubleValue();
            double min = range.get()[0];
            double max = range.get()[1];
            if (d < min || d > max) {
                throw kind.invalid().apply(option, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + v);
            }
        }
        Optional<List<String>> oneOf = annotations.oneOf(c);
        if (oneOf.isPresent() && !oneOf.get().contains(v.toString())) {
            throw kind.invalid().apply(option, "must be one of " + String.join(", ", oneOf.get()) + ", got \"" + v + "\"");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
