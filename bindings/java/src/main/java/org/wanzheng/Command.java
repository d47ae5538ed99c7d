package org.wanzheng;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * Builds a command (RULES.md §1.6/§1.7): the stream, event, who acts, when, the mode and the facts
 * (docs/reference.md, also {@link Wanzheng#reference()}, lists every event's facts).
 *
 * <pre>{@code
 * Command c = Command.inv("P1").event("approve_payment").actor("finance").date(LocalDate.of(2024, 3, 1))
 *     .fact("amount", new BigDecimal("2400000.00"))
 *     .fact("documents", List.of("contract", "progress_certificate"));
 * }</pre>
 *
 * <p>Fact values: {@code String}, {@code Boolean}, {@code Integer}/{@code Long}/{@code BigInteger},
 * {@code BigDecimal} (an amount, sent as its exact text: {@code toString()}, so the one amount
 * grammar refuses {@code 1E+7} and {@code 1.0000} as it does everywhere), {@code LocalDate} (ISO),
 * {@code Collection}s and arrays (JSON arrays), {@code Map<String, ?>} (objects), Gson
 * {@code JsonElement}s, and null. A {@code double} or {@code float} is never accepted
 * ({@link IllegalArgumentException}): amounts are exact.
 */
public final class Command {
    private final JsonObject json;
    private final JsonObject facts;

    private Command(JsonObject json) {
        this.json = json;
        if (!json.has("facts") || !json.get("facts").isJsonObject()) {
            json.add("facts", new JsonObject());
        }
        this.facts = json.getAsJsonObject("facts");
    }

    private Command(String machine, String projectId, String instance) {
        this(new JsonObject());
        JsonObject stream = new JsonObject();
        stream.addProperty("machine", machine);
        if (projectId != null) {
            stream.addProperty("project_id", projectId);
        }
        stream.addProperty("instance", instance);
        json.add("stream", stream);
    }

    /** A command on the {@code inv} lifecycle of an investment project. */
    public static Command inv(String projectId) {
        return new Command("inv", projectId, projectId);
    }

    /** A command on the {@code dig} lifecycle of a digital-government project. */
    public static Command dig(String projectId) {
        return new Command("dig", projectId, projectId);
    }

    /** A command on the annual investment plan of {@code year} ({@code plan/2024}). */
    public static Command plan(int year) {
        return new Command("plan", null, Integer.toString(year));
    }

    /** A command on the DIG demand cycle of {@code year} ({@code dig_cycle/2024}). */
    public static Command digCycle(int year) {
        return new Command("dig_cycle", null, Integer.toString(year));
    }

    /**
     * A command on any stream: {@code machine} ({@code change}, {@code adjustment},
     * {@code accountability}, …), the project id (null for plan and cycle streams), the instance.
     */
    public static Command stream(String machine, String projectId, String instance) {
        return new Command(machine, projectId, instance);
    }

    /**
     * A command given as JSON text (a project file's {@code commands} entry); facts may be added.
     *
     * @throws InputException for text that is not a JSON object, or has a duplicate key (reason
     *     {@code duplicate_key}, as the library refuses it)
     */
    public static Command parse(String commandJson) {
        JsonElement e = Json.parseStrict(commandJson);
        if (!e.isJsonObject()) {
            JsonObject err = new JsonObject();
            err.addProperty("kind", "input_error");
            err.addProperty("path", "");
            err.addProperty("reason", "schema");
            err.addProperty("message", "a command is a JSON object");
            throw new InputException(Status.MALFORMED_INPUT, err);
        }
        return new Command(e.getAsJsonObject());
    }

    /** The event name, e.g. {@code register_project}. */
    public Command event(String event) {
        json.addProperty("event", event);
        return this;
    }

    /** The acting actor id, e.g. {@code project_unit}. */
    public Command actor(String actor) {
        json.addProperty("actor", actor);
        return this;
    }

    /** The acting actor ({@link Actor#PROJECT_UNIT}, …). */
    public Command actor(Actor actor) {
        return actor(actor.wire());
    }

    /** The concrete body acting. */
    public Command actorOrg(String org) {
        json.addProperty("actor_org", org);
        return this;
    }

    /** The date of the act. */
    public Command date(LocalDate date) {
        json.addProperty("date", date.toString());
        return this;
    }

    /** {@code enforce} (default) or {@code record}. */
    public Command mode(String mode) {
        json.addProperty("mode", mode);
        return this;
    }

    /** The project code (项目统一代码). */
    public Command projectCode(String code) {
        json.addProperty("project_code", code);
        return this;
    }

    /** A joint actor ({@code co_actors}): its actor id and concrete body. */
    public Command coActor(String actor, String org) {
        if (!json.has("co_actors")) {
            json.add("co_actors", new JsonArray());
        }
        JsonObject c = new JsonObject();
        c.addProperty("actor", actor);
        c.addProperty("actor_org", org);
        json.getAsJsonArray("co_actors").add(c);
        return this;
    }

    /**
     * Another envelope field ({@code doc_refs}, {@code schema_version}), its value converted as
     * facts are.
     */
    public Command field(String key, Object value) {
        json.add(key, value(value));
        return this;
    }

    /** A string fact (an enum value, an org name, a document id). */
    public Command fact(String key, String value) {
        facts.add(key, value == null ? JsonNull.INSTANCE : new JsonPrimitive(value));
        return this;
    }

    /** A fact of the library's vocabulary ({@link Nature#NON_OPERATING}, {@link Route#STANDARD}, …): its wire name. */
    public Command fact(String key, Wire value) {
        facts.add(key, value(value));
        return this;
    }

    /** A boolean fact. */
    public Command fact(String key, boolean value) {
        facts.addProperty(key, value);
        return this;
    }

    /** An integer fact (a count, a year, a number of days). */
    public Command fact(String key, long value) {
        facts.addProperty(key, value);
        return this;
    }

    /** An amount, sent as its exact text ({@code new BigDecimal("2400000.00")}). */
    public Command fact(String key, BigDecimal amount) {
        facts.add(key, value(amount));
        return this;
    }

    /** A date fact (ISO). */
    public Command fact(String key, LocalDate date) {
        facts.add(key, value(date));
        return this;
    }

    /** An array fact: each element converted as the class comment says. */
    public Command fact(String key, Collection<?> values) {
        facts.add(key, value(values));
        return this;
    }

    /** An object fact (keys are field names). */
    public Command fact(String key, Map<String, ?> object) {
        facts.add(key, value(object));
        return this;
    }

    /** A fact given as Gson JSON. */
    public Command fact(String key, JsonElement value) {
        facts.add(key, value == null ? JsonNull.INSTANCE : value.deepCopy());
        return this;
    }

    /** Rejects floating-point amounts at compile time's nearest point: always throws. */
    public Command fact(String key, double value) {
        throw new IllegalArgumentException("fact " + key + ": a double is never accepted (amounts are exact): use "
                + "new BigDecimal(\"…\") with two decimals, or a long for counts");
    }

    /** Converts a Java value to the command's JSON (see the class comment). */
    static JsonElement value(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof JsonElement e) {
            return e.deepCopy();
        }
        if (v instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigInteger) {
            return new JsonPrimitive((Number) v);
        }
        if (v instanceof BigDecimal d) {
            return new JsonPrimitive(d.toString());
        }
        if (v instanceof LocalDate d) {
            return new JsonPrimitive(d.toString());
        }
        if (v instanceof Wire w) {
            return new JsonPrimitive(w.wire());
        }
        if (v instanceof Enum<?> e) {
            return new JsonPrimitive(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (v instanceof Collection<?> c) {
            JsonArray a = new JsonArray();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Object[] arr) {
            JsonArray a = new JsonArray();
            for (Object x : arr) {
                a.add(value(x));
            }
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            m.forEach((k, x) -> o.add(String.valueOf(k), value(x)));
            return o;
        }
        if (v instanceof Double || v instanceof Float) {
            throw new IllegalArgumentException("a " + v.getClass().getSimpleName()
                    + " is never accepted (amounts are exact): use new BigDecimal(\"…\")");
        }
        throw new IllegalArgumentException("cannot send a " + v.getClass().getName() + " as a fact");
    }

    JsonObject json() {
        return json;
    }

    /** The command as JSON text. */
    public String toJson() {
        return json.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
