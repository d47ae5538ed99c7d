package org.wanzheng;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Reading the JSON the library returns into the facade's records. */
final class Json {
    private Json() {}

    static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    static boolean bool(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsBoolean();
    }

    static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        JsonElement e = o.get(key);
        if (e != null && e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                out.add(x.getAsString());
            }
        }
        return List.copyOf(out);
    }

    static List<Outcome> outcomes(JsonObject o) {
        List<Outcome> out = new ArrayList<>();
        JsonElement e = o.get("outcomes");
        if (e != null && e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                JsonObject oc = x.getAsJsonObject();
                out.add(new Outcome(str(oc, "kind"), str(oc, "rule"), str(oc, "detail")));
            }
        }
        return List.copyOf(out);
    }

    static Transition transition(JsonObject t) {
        List<Integer> used = new ArrayList<>();
        JsonElement e = t.get("exceptions_used");
        if (e != null && e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                used.add(x.getAsInt());
            }
        }
        return new Transition(t.get("seq").getAsInt(), str(t, "machine"), str(t, "event"), str(t, "from"),
                str(t, "to"), strings(t, "rules"), outcomes(t), List.copyOf(used));
    }

    static List<JsonObject> objects(JsonArray a) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement x : a) {
            out.add(x.getAsJsonObject());
        }
        return List.copyOf(out);
    }
}
