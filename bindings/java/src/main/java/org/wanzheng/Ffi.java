package org.wanzheng;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/** Helpers shared by the facade: status checks and string outputs. */
final class Ffi {
    private Ffi() {}

    /** Throws the exception of a failed call, built from this thread's last error. */
    static void check(int status) {
        if (status != 0) {
            throw WanzhengException.fromLastError(status, lastErrorJson());
        }
    }

    /** Copies a string the library returned and releases it. */
    static String take(PointerByReference out) {
        Pointer p = out.getValue();
        if (p == null) {
            return null;
        }
        try {
            return p.getString(0, StandardCharsets.UTF_8.name());
        } finally {
            Lib.get().wz_string_free(p);
        }
    }

    /** Calls a function writing one string output; returns the string. */
    static String call(java.util.function.ToIntFunction<PointerByReference> f) {
        PointerByReference out = new PointerByReference();
        check(f.applyAsInt(out));
        return take(out);
    }

    static JsonObject lastErrorJson() {
        PointerByReference out = new PointerByReference();
        if (Lib.get().wz_last_error_json(out) != 0) {
            return new JsonObject();
        }
        return JsonParser.parseString(take(out)).getAsJsonObject();
    }

    /** A dry run: the transition, or the rule/state rejection as an answer; other failures throw. */
    static WhatIf whatIf(java.util.function.ToIntFunction<PointerByReference> f) {
        PointerByReference out = new PointerByReference();
        int status = f.applyAsInt(out);
        if (status == Status.RULE_VIOLATION.code || status == Status.INVALID_TRANSITION.code) {
            return new WhatIf(null, WanzhengException.fromLastError(status, lastErrorJson()));
        }
        check(status);
        return new WhatIf(Json.transition(JsonParser.parseString(take(out)).getAsJsonObject()), null);
    }
}
