package org.wanzheng;

import com.google.gson.JsonObject;
import java.time.LocalDate;

/**
 * Builds a command (RULES.md §1.6/§1.7): the event, who acts, when, the mode and the facts.
 *
 * <pre>{@code
 * String json = Command.inv("P1").event("withdraw_project").actor("project_unit")
 *     .date(LocalDate.of(2023, 7, 4)).fact("reason", "no funds").toJson();
 * }</pre>
 */
public final class Command {
    private final JsonObject json = new JsonObject();
    private final JsonObject facts = new JsonObject();

    private Command(String machine, String projectId, String instance) {
        JsonObject stream = new JsonObject();
        stream.addProperty("machine", machine);
        if (projectId != null) {
            stream.addProperty("project_id", projectId);
        }
        stream.addProperty("instance", instance);
        json.add("stream", stream);
        json.add("facts", facts);
    }

    /** A command on the {@code inv} lifecycle of a project. */
    public static Command inv(String projectId) {
        return new Command("inv", projectId, projectId);
    }

    /** A command on any stream ({@code machine}, project id or null, instance). */
    public static Command stream(String machine, String projectId, String instance) {
        return new Command(machine, projectId, instance);
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

    /** A string fact (amounts too: decimal strings such as {@code "10000000.00"}). */
    public Command fact(String key, String value) {
        facts.addProperty(key, value);
        return this;
    }

    /** A boolean fact. */
    public Command fact(String key, boolean value) {
        facts.addProperty(key, value);
        return this;
    }

    /** A structured fact. */
    public Command fact(String key, JsonObject value) {
        facts.add(key, value);
        return this;
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
