package org.wanzheng;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading the JSON the library returns into the facade's records (no judgment here). */
final class Json {
    private Json() {}

    static JsonObject object(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    static JsonArray array(String text) {
        return JsonParser.parseString(text).getAsJsonArray();
    }

    /**
     * Parses JSON text given by the user (a command), refusing a duplicate key as the library does
     * (issue 12: {@code "amount":"9999999.00","amount":"2400000.00"} must not quietly become the
     * last value before the library can see it): {@link InputException} reason {@code duplicate_key}.
     */
    static JsonElement parseStrict(String text) {
        try (com.google.gson.stream.JsonReader r = new com.google.gson.stream.JsonReader(new java.io.StringReader(text))) {
            JsonElement e = read(r, "", 0);
            if (r.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw inputError("", "malformed_json", "trailing characters after the JSON value");
            }
            return e;
        } catch (java.io.IOException | IllegalStateException | NumberFormatException e) {
            throw inputError("", "malformed_json", "invalid JSON: " + e.getMessage());
        }
    }

    /** The library's nesting limit (wanzheng::json::MAX_DEPTH): deeper input is refused, not recursed into. */
    static final int MAX_DEPTH = 127;

    private static JsonElement read(com.google.gson.stream.JsonReader r, String path, int depth)
            throws java.io.IOException {
        com.google.gson.stream.JsonToken t = r.peek();
        if ((t == com.google.gson.stream.JsonToken.BEGIN_OBJECT || t == com.google.gson.stream.JsonToken.BEGIN_ARRAY)
                && depth >= MAX_DEPTH) {
            throw inputError(path, "nesting", "nested deeper than " + MAX_DEPTH + " arrays and objects");
        }
        switch (t) {
            case BEGIN_OBJECT: {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String k = r.nextName();
                    String at = path.isEmpty() ? k : path + "." + k;
                    if (o.has(k)) {
                        throw inputError(at, "duplicate_key", "duplicate key " + k);
                    }
                    o.add(k, read(r, at, depth + 1));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY: {
                JsonArray a = new JsonArray();
                r.beginArray();
                int i = 0;
                while (r.hasNext()) {
                    a.add(read(r, path + "[" + i++ + "]", depth + 1));
                }
                r.endArray();
                return a;
            }
            case STRING:
                return new com.google.gson.JsonPrimitive(r.nextString());
            case NUMBER:
                return new com.google.gson.JsonPrimitive(new com.google.gson.internal.LazilyParsedNumber(r.nextString()));
            case BOOLEAN:
                return new com.google.gson.JsonPrimitive(r.nextBoolean());
            case NULL:
                r.nextNull();
                return com.google.gson.JsonNull.INSTANCE;
            default:
                throw inputError(path, "malformed_json", "unexpected " + r.peek());
        }
    }

    private static InputException inputError(String path, String reason, String message) {
        JsonObject e = new JsonObject();
        e.addProperty("kind", "input_error");
        e.addProperty("path", path);
        e.addProperty("reason", reason);
        e.addProperty("message", "invalid input at " + path + ": " + message + " (" + reason + ")");
        return new InputException(Status.MALFORMED_INPUT, e);
    }

    static boolean has(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && !e.isJsonNull();
    }

    static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    static String strOrNull(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    static boolean bool(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsBoolean();
    }

    static int integer(JsonObject o, String key) {
        return o.get(key).getAsInt();
    }

    static Integer intOrNull(JsonObject o, String key) {
        return has(o, key) ? o.get(key).getAsInt() : null;
    }

    static LocalDate date(JsonObject o, String key) {
        return has(o, key) ? LocalDate.parse(o.get(key).getAsString()) : null;
    }

    /** An amount: the library writes decimal strings ({@code "10000000.00"}). */
    static BigDecimal amount(JsonObject o, String key) {
        return has(o, key) ? new BigDecimal(o.get(key).getAsString()) : null;
    }

    static <T> List<T> list(JsonObject o, String key, Function<JsonElement, T> f) {
        JsonElement e = o.get(key);
        List<T> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                out.add(f.apply(x));
            }
        }
        return List.copyOf(out);
    }

    static List<String> strings(JsonObject o, String key) {
        return list(o, key, JsonElement::getAsString);
    }

    static List<Integer> ints(JsonObject o, String key) {
        return list(o, key, JsonElement::getAsInt);
    }

    static Outcome outcome(JsonElement e) {
        JsonObject o = e.getAsJsonObject();
        return new Outcome(str(o, "kind"), str(o, "rule"), str(o, "detail"), str(o, "article"), str(o, "message_zh"),
                str(o, "message_en"));
    }

    static List<Outcome> outcomes(JsonObject o) {
        return list(o, "outcomes", Json::outcome);
    }

    static Transition transition(JsonObject t) {
        return new Transition(t.get("seq").getAsInt(), str(t, "machine"), str(t, "event"), str(t, "from"),
                str(t, "to"), strings(t, "rules"), outcomes(t), ints(t, "exceptions_used"), str(t, "ruleset"));
    }

    static Finding finding(JsonElement e) {
        JsonObject f = e.getAsJsonObject();
        return new Finding(str(f, "code"), str(f, "rule"), str(f, "kind"), str(f, "detail"), ints(f, "seqs"),
                date(f, "date"), str(f, "source"), str(f, "message_zh"), str(f, "message_en"));
    }

    static Obligation obligation(JsonElement e) {
        JsonObject o = e.getAsJsonObject();
        return new Obligation(integer(o, "opened_seq"), str(o, "rule"), str(o, "duty"), str(o, "subject"),
                date(o, "opened"), date(o, "due"), intOrNull(o, "closed_seq"), date(o, "closed"),
                bool(o, "provisional"));
    }

    static List<Finding> findings(JsonArray a) {
        List<Finding> out = new ArrayList<>();
        a.forEach(x -> out.add(finding(x)));
        return List.copyOf(out);
    }

    static List<Obligation> obligations(JsonArray a) {
        List<Obligation> out = new ArrayList<>();
        a.forEach(x -> out.add(obligation(x)));
        return List.copyOf(out);
    }

    static Screen screen(String text) {
        JsonObject s = object(text);
        List<StreamScreen> streams = list(s, "streams", x -> {
            JsonObject st = x.getAsJsonObject();
            List<PermittedEvent> events = list(st, "events", y -> {
                JsonObject ev = y.getAsJsonObject();
                return new PermittedEvent(str(ev, "event"), strings(ev, "actors"), strings(ev, "to"),
                        bool(ev, "allowed"), list(ev, "blockers", Json::outcome), list(ev, "cautions", Json::outcome),
                        list(ev, "discharges", Json::obligation));
            });
            return new StreamScreen(str(st, "machine"), str(st, "instance"), str(st, "state"), events);
        });
        return new Screen(date(s, "as_of"), strOrNull(s, "actor"), streams, text);
    }

    static ReplayReport replayReport(String text) {
        if (text == null) {
            return new ReplayReport(List.of());
        }
        JsonObject r = object(text);
        return new ReplayReport(list(r, "differences", x -> {
            JsonObject d = x.getAsJsonObject();
            return new ReplayDifference(integer(d, "seq"), list(d, "stored", Json::outcome),
                    list(d, "rejudged", Json::outcome), strOrNull(d, "stored_transition"),
                    strOrNull(d, "rejudged_transition"));
        }));
    }

    static Step step(JsonElement e) {
        JsonObject s = e.getAsJsonObject();
        boolean accepted = bool(s, "accepted");
        Transition t = accepted ? transition(s.getAsJsonObject("transition")) : null;
        WanzhengException error = accepted ? null : WanzhengException.of(Status.INTERNAL_ERROR, s.getAsJsonObject("error"));
        return new Step(integer(s, "index"), str(s, "stream"), str(s, "event"), date(s, "date"), t, error);
    }

    static StreamReport streamReport(JsonElement e) {
        JsonObject r = e.getAsJsonObject();
        return new StreamReport(str(r, "stream"), str(r, "state"), list(r, "obligations", Json::obligation),
                list(r, "findings", Json::finding));
    }

    static List<StreamReport> streamReports(JsonArray a) {
        List<StreamReport> out = new ArrayList<>();
        a.forEach(x -> out.add(streamReport(x)));
        return List.copyOf(out);
    }

    static CheckReport checkReport(String text) {
        JsonObject r = object(text);
        JsonObject summary = r.getAsJsonObject("summary");
        return new CheckReport(str(r, "name"), date(r, "as_of"), list(r, "steps", Json::step),
                list(r, "streams", Json::streamReport), integer(summary, "accepted"), integer(summary, "rejected"),
                integer(summary, "findings"), text);
    }

    static List<JsonObject> objects(JsonArray a) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement x : a) {
            out.add(x.getAsJsonObject());
        }
        return List.copyOf(out);
    }
}
