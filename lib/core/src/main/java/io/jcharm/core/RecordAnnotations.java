package io.jcharm.core;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link OptionName}, {@link Range} and {@link OneOf} of a record's components, read from the
 * record's class file rather than through reflection: {@code getAnnotation} makes a proxy class
 * per annotation type (and its meta-annotations) at run time, which no startup archive holds and
 * which cost a cold hook more than the rest of config binding. Falls back to reflection when the
 * class file cannot be read.
 *
 * <pre>{@code
 * RecordAnnotations a = RecordAnnotations.of(HelloConfig.class);
 * a.optionName(component);   // "token-secret", or the @OptionName value
 * a.range(component);        // Optional[[1.0, 65535.0]]
 * }</pre>
 */
final class RecordAnnotations {
    private static final String OPTION_NAME = descriptor(OptionName.class);
    private static final String RANGE = descriptor(Range.class);
    private static final String ONE_OF = descriptor(OneOf.class);

    /** Per component name: annotation descriptor -> element name -> value (Double, String, List). */
    private final Map<String, Map<String, Map<String, Object>>> byComponent;

    private RecordAnnotations(Map<String, Map<String, Map<String, Object>>> byComponent) {
        this.byComponent = byComponent;
    }

    /** The annotations of {@code type}'s components, from its class file when it can be read. */
    static RecordAnnotations of(Class<? extends Record> type) {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            if (in != null) {
                return new RecordAnnotations(read(new DataInputStream(in)));
            }
        } catch (IOException | RuntimeException e) {
            // not a class file we can read (generated, transformed): reflection still works
        }
        return new RecordAnnotations(null);
    }

    /** Whether the annotations came from the class file (else reflection answers). */
    boolean fromClassFile() {
        return byComponent != null;
    }

    /** The option a component binds: its {@link OptionName}, else its name in kebab case. */
    String optionName(RecordComponent c) {
        String explicit;
        if (byComponent == null) {
            OptionName n = c.getAnnotation(OptionName.class);
            explicit = n == null ? null : n.value();
        } else {
            explicit = (String) element(c, OPTION_NAME, "value");
        }
        if (explicit != null) {
            return explicit;
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

    /** The component's {@link Range} as {@code [min, max]}, if annotated. */
    Optional<double[]> range(RecordComponent c) {
        if (byComponent == null) {
            Range r = c.getAnnotation(Range.class);
            return r == null ? Optional.empty() : Optional.of(new double[] {r.min(), r.max()});
        }
        Map<String, Object> r = annotation(c, RANGE);
        if (r == null) {
            return Optional.empty();
        }
        // absent elements have the annotation's defaults, which the class file does not repeat
        return Optional.of(new double[] {(Double) r.getOrDefault("min", Double.NEGATIVE_INFINITY),
                (Double) r.getOrDefault("max", Double.POSITIVE_INFINITY)});
    }

    /** The component's {@link OneOf} values, if annotated. */
    Optional<List<String>> oneOf(RecordComponent c) {
        if (byComponent == null) {
            OneOf o = c.getAnnotation(OneOf.class);
            return o == null ? Optional.empty() : Optional.of(Arrays.asList(o.value()));
        }
        Map<String, Object> o = annotation(c, ONE_OF);
        if (o == null) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (Object v : (List<?>) o.get("value")) {
            values.add((String) v);
        }
        return Optional.of(values);
    }

    private Map<String, Object> annotation(RecordComponent c, String descriptor) {
        return byComponent.getOrDefault(c.getName(), Map.of()).get(descriptor);
    }

    private Object element(RecordComponent c, String descriptor, String name) {
        Map<String, Object> a = annotation(c, descriptor);
        return a == null ? null : a.get(name);
    }

    private static String descriptor(Class<? extends Annotation> type) {
        return "L" + type.getName().replace('.', '/') + ";";
    }

    // --- the class file (JVMS chapter 4), only as far as the Record attribute -------------

    private static Map<String, Map<String, Map<String, Object>>> read(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        Object[] pool = new Object[in.readUnsignedShort()];
        for (int i = 1; i < pool.length; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool[i] = in.readUTF(); // modified UTF-8 with a u2 length, as readUTF reads it
                case 3, 4 -> in.readInt();
                case 5 -> {
                    in.readLong();
                    i++; // a long takes two entries
                }
                case 6 -> {
                    pool[i] = in.readDouble();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort(); // access
        in.readUnsignedShort(); // this
        in.readUnsignedShort(); // super
        skip(in, in.readUnsignedShort() * 2); // interfaces
        for (int members = 0; members < 2; members++) { // fields, then methods
            int count = in.readUnsignedShort();
            for (int i = 0; i < count; i++) {
                skip(in, 6);
                skipAttributes(in);
            }
        }
        Map<String, Map<String, Map<String, Object>>> out = new HashMap<>();
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String name = (String) pool[in.readUnsignedShort()];
            int length = in.readInt();
            if (!"Record".equals(name)) {
                skip(in, length);
                continue;
            }
            int components = in.readUnsignedShort();
            for (int c = 0; c < components; c++) {
                String component = (String) pool[in.readUnsignedShort()];
                in.readUnsignedShort(); // descriptor
                Map<String, Map<String, Object>> annotations = new HashMap<>();
                int componentAttributes = in.readUnsignedShort();
                for (int ca = 0; ca < componentAttributes; ca++) {
                    String caName = (String) pool[in.readUnsignedShort()];
                    int caLength = in.readInt();
                    if (!"RuntimeVisibleAnnotations".equals(caName)) {
                        skip(in, caLength);
                        continue;
                    }
                    int count = in.readUnsignedShort();
                    for (int i = 0; i < count; i++) {
                        String type = (String) pool[in.readUnsignedShort()];
                        annotations.put(type, annotation(in, pool));
                    }
                }
                out.put(component, annotations);
            }
            return out;
        }
        throw new IOException("no Record attribute");
    }

    private static Map<String, Object> annotation(DataInputStream in, Object[] pool) throws IOException {
        Map<String, Object> elements = new HashMap<>();
        int pairs = in.readUnsignedShort();
        for (int p = 0; p < pairs; p++) {
            String name = (String) pool[in.readUnsignedShort()];
            elements.put(name, elementValue(in, pool));
        }
        return elements;
    }

    /** Doubles and strings as themselves, arrays as lists; other kinds are read past as null. */
    private static Object elementValue(DataInputStream in, Object[] pool) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 'D', 's' -> {
                return pool[in.readUnsignedShort()];
            }
            case 'B', 'C', 'F', 'I', 'J', 'S', 'Z', 'c' -> {
                in.readUnsignedShort();
                return null;
            }
            case 'e' -> {
                skip(in, 4);
                return null;
            }
            case '@' -> {
                in.readUnsignedShort();
                annotation(in, pool);
                return null;
            }
            case '[' -> {
                int n = in.readUnsignedShort();
                List<Object> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(elementValue(in, pool));
                }
                return values;
            }
            default -> throw new IOException("unknown element value tag " + (char) tag);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort();
            skip(in, in.readInt());
        }
    }

    private static void skip(DataInputStream in, int n) throws IOException {
        in.skipNBytes(n);
    }
}
