package org.wanzheng;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Library-wide functions: versions, the decision functions available, rule explanations. */
public final class Wanzheng {
    /** The ABI version this facade was written against ({@code WZ_ABI_VERSION} of wanzheng.h). */
    public static final int ABI_VERSION = 1;

    private Wanzheng() {}

    /** The ABI version of the loaded library. */
    public static int abiVersion() {
        return Lib.get().wz_abi_version();
    }

    /** The library version, e.g. {@code 0.1.0}. */
    public static String version() {
        return Lib.get().wz_version();
    }

    /** The names of the registered decision functions (RULES.md §4), in order. */
    public static List<String> decisionFunctions() {
        List<String> names = new ArrayList<>();
        for (JsonElement f : JsonParser.parseString(Ffi.call(Lib.get()::wz_decide_functions)).getAsJsonArray()) {
            names.add(f.getAsJsonObject().get("name").getAsString());
        }
        return names;
    }

    /** The catalogue entry of a rule ID ({@code rule_id}, {@code article}, {@code citation_zh}, …). */
    public static JsonObject explain(String ruleId) {
        return JsonParser.parseString(Ffi.call(out -> Lib.get().wz_explain(ruleId, out))).getAsJsonObject();
    }

    /**
     * A rule's catalogue entry, typed, with the article's own words beside it.
     *
     * @throws InputException for an unknown rule ID
     */
    public static RuleExplanation ruleExplanation(String ruleId) {
        return Codec.decode(explain(ruleId), RuleExplanation.class);
    }

    /**
     * Checks a project file as {@code wanzheng check --json FILE} does: every command applied in
     * order through a workspace (a refused one changes nothing), then every stream as of the file's
     * {@code as_of}. The report's JSON equals the CLI's (without its final newline).
     *
     * @throws InputException when the file cannot be read or is not a project file
     */
    public static CheckReport check(java.nio.file.Path file) {
        return check(file, null, null);
    }

    /** As {@link #check(java.nio.file.Path)} with a calendar (null: embedded) and a report date (null: the file's). */
    public static CheckReport check(java.nio.file.Path file, Calendar calendar, java.time.LocalDate asOf) {
        com.sun.jna.Pointer cal = calendar == null ? null : calendar.pointer();
        try {
            return Json.checkReport(Ffi.call(o -> Lib.get().wz_check_file(cal, file.toString(),
                    asOf == null ? null : asOf.toString(), o)));
        } finally {
            java.lang.ref.Reference.reachabilityFence(calendar);
        }
    }

    /** As {@link #check(java.nio.file.Path)} on a project file's JSON text (the report has no {@code file}). */
    public static CheckReport checkJson(String projectJson) {
        return Json.checkReport(Ffi.call(o -> Lib.get().wz_check_json(null, projectJson, null, o)));
    }

    /**
     * The input reference carried in the jar ({@code docs/reference.md} of the source): every event
     * of every machine with its facts, actors, states and rules, and the project-file format.
     */
    public static String reference() {
        return resource("wanzheng/reference.md");
    }

    /**
     * A regulation's public text carried in the jar: {@code wanzheng-2023-7} (宛政〔2023〕7号, INV-*)
     * or {@code wanzhengban-2023-12} (宛政办〔2023〕12号, DIG-*).
     *
     * @throws IllegalArgumentException for another name
     */
    public static String regulation(String name) {
        if (!name.equals("wanzheng-2023-7") && !name.equals("wanzhengban-2023-12")) {
            throw new IllegalArgumentException("unknown regulation " + name
                    + "; known: wanzheng-2023-7, wanzhengban-2023-12");
        }
        return resource("wanzheng/regulations/" + name + ".txt");
    }

    private static String resource(String path) {
        try (InputStream in = Wanzheng.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("wanzheng: " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
