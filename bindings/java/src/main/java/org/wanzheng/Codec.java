package org.wanzheng;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the typed decision records to and from the library's JSON, by name only: a component
 * {@code newTotal} is the field {@code new_total} (or its {@link Name}). Amounts are
 * {@code BigDecimal} sent as their exact text, dates {@code LocalDate} (ISO), the vocabulary
 * {@link Wire} enums (their wire names); a {@code double} is refused. No judgment happens here.
 */
final class Codec {
    private Codec() {}

    static String wireName(RecordComponent c) {
        Name n = c.getAnnotation(Name.class);
        if (n != null) {
            return n.value();
        }
        StringBuilder out = new StringBuilder();
        for (char ch : c.getName().toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** A request record (or list, map, value) as JSON; null components are left out. */
    static JsonElement encode(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Wire w) {
            return new JsonPrimitive(w.wire());
        }
        if (v instanceof Outcome o) {
            JsonObject x = new JsonObject();
            x.addProperty("kind", o.kind());
            x.addProperty("rule", o.rule());
            if (!o.detail().isEmpty()) {
                x.addProperty("detail", o.detail());
            }
            return x;
        }
        if (v instanceof Record r) {
            JsonObject o = new JsonObject();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object x;
                try {
                    x = c.getAccessor().invoke(r);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(e);
                }
                if (x != null && !(x instanceof JsonObject && c.getName().equals("json"))) {
                    o.add(wireName(c), encode(x));
                }
            }
            return o;
        }
        if (v instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            m.forEach((k, x) -> o.add(String.valueOf(k), encode(x)));
            return o;
        }
        if (v instanceof List<?> l) {
            JsonArray a = new JsonArray();
            l.forEach(x -> a.add(encode(x)));
            return a;
        }
        return Command.value(v);
    }

    /** A JSON value as {@code type}: records by component name, lists, maps, amounts, dates. */
    @SuppressWarnings("unchecked")
    static <T> T decode(JsonElement e, Type type) {
        return (T) decodeAny(e, type);
    }

    private static Object decodeAny(JsonElement e, Type type) {
        boolean absent = e == null || e.isJsonNull();
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                List<Object> out = new ArrayList<>();
                if (!absent) {
                    for (JsonElement x : e.getAsJsonArray()) {
                        out.add(decodeAny(x, p.getActualTypeArguments()[0]));
                    }
                }
                return List.copyOf(out);
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<String, Object> out = new LinkedHashMap<>();
                if (!absent) {
                    for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
                        out.put(x.getKey(), decodeAny(x.getValue(), p.getActualTypeArguments()[1]));
                    }
                }
                return java.util.Collections.unmodifiableMap(out);
            }
            throw new IllegalArgumentException("cannot decode " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == boolean.class) {
            return !absent && e.getAsBoolean();
        }
        if (c == int.class) {
            return absent ? 0 : e.getAsInt();
        }
        if (c == long.class) {
            return absent ? 0L : e.getAsLong();
        }
        if (absent) {
            return null;
        }
        if (c == String.class) {
            return e.isJsonPrimitive() ? e.getAsString() : e.toString();
        }
        if (c == Boolean.class) {
            return e.getAsBoolean();
        }
        if (c == Integer.class) {
            return e.getAsInt();
        }
        if (c == Long.class) {
            return e.getAsLong();
        }
        if (c == BigDecimal.class) {
            return new BigDecimal(e.getAsString());
        }
        if (c == LocalDate.class) {
            return LocalDate.parse(e.getAsString());
        }
        if (c == JsonObject.class) {
            return e.getAsJsonObject();
        }
        if (c == JsonElement.class) {
            return e;
        }
        if (c == Outcome.class) {
            return Json.outcome(e);
        }
        if (c.isEnum() && Wire.class.isAssignableFrom(c)) {
            return wire(c, e.getAsString());
        }
        if (c.isRecord()) {
            JsonObject o = e.getAsJsonObject();
            RecordComponent[] cs = c.getRecordComponents();
            Object[] args = new Object[cs.length];
            Class<?>[] types = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) {
                types[i] = cs[i].getType();
                // A result record may keep the whole JSON in a component named `json`.
                args[i] = cs[i].getName().equals("json") && types[i] == JsonObject.class ? o
                        : decodeAny(o.get(wireName(cs[i])), cs[i].getGenericType());
            }
            try {
                Constructor<?> k = c.getDeclaredConstructor(types);
                return k.newInstance(args);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot build " + c.getSimpleName(), ex);
            }
        }
        throw new IllegalArgumentException("cannot decode " + c);
    }

    /** The constant of the {@link Wire} enum {@code c} named {@code name}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object wire(Class<?> c, String name) {
        return Wire.of((Class) c, name);
    }

    /** The wire names of a record's components (tests check the records cover the library's JSON). */
    static List<String> names(Class<?> record) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            out.add(wireName(c));
        }
        return out;
    }

    static JsonPrimitive text(String s) {
        return new JsonPrimitive(s);
    }
}
