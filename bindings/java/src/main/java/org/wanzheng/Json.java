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
