package org.wanzheng;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/** Library-wide functions: versions, the decision functions available, rule explanations. */
public final class Wanzheng {
    /** The ABI version this facade was written against ({@code WZ_ABI_VERSION} of wanzheng.h). */
    public static final int ABI_VERSION = 1;

    private Wanzheng() {}

    /** The ABI version of the loaded library. */
    public static int abiVersion() {
        return Native.LIB.wz_abi_version();
    }

    /** The library version, e.g. {@code 0.1.0}. */
    public static String version() {
        return Native.LIB.wz_version();
    }

    /** The names of the registered decision functions (RULES.md §4), in order. */
    public static List<String> decisionFunctions() {
        List<String> names = new ArrayList<>();
        for (JsonElement f : JsonParser.parseString(Ffi.call(Native.LIB::wz_decide_functions)).getAsJsonArray()) {
            names.add(f.getAsJsonObject().get("name").getAsString());
        }
        return names;
    }

    /** The catalogue entry of a rule ID ({@code rule_id}, {@code article}, {@code citation_zh}, …). */
    public static JsonObject explain(String ruleId) {
        return JsonParser.parseString(Ffi.call(out -> Native.LIB.wz_explain(ruleId, out))).getAsJsonObject();
    }
}
