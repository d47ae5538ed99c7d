package org.wanzheng;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;
import java.time.LocalDate;
import java.util.List;

/**
 * An investment project under 宛政〔2023〕7号 (machine {@code inv}). May be shared between threads:
 * the library's lock of the handle serialises the calls on it (a second thread's call waits for
 * the one in progress). Do not {@link #close()} it while another thread still uses it.
 */
public final class InvestmentProject extends Handle {
    private InvestmentProject(PointerByReference out) {
        super(out.getValue(), Lib.get()::wz_inv_project_free);
    }

    /**
     * Creates a project from its first command ({@code register_project} or {@code import_legacy}).
     *
     * @throws RuleViolationException when the regulation refuses the registration
     * @throws InputException for a malformed command
     */
    public static InvestmentProject create(Context context, Command first) {
        return create(context, first.toJson());
    }

    /** As {@link #create(Context, Command)} with the command as JSON text. */
    public static InvestmentProject create(Context context, String firstCommandJson) {
        PointerByReference out = new PointerByReference();
        try {
            Ffi.check(Lib.get().wz_inv_project_create(context.pointer(), firstCommandJson, out, null));
        } finally {
            Reference.reachabilityFence(context);
        }
        return new InvestmentProject(out);
    }

    /** Rebuilds a project from its exported log (verifying the hash chain). */
    public static InvestmentProject replay(Context context, String logJson) {
        PointerByReference out = new PointerByReference();
        try {
            Ffi.check(Lib.get().wz_inv_project_replay(context.pointer(), logJson, out, null));
        } finally {
            Reference.reachabilityFence(context);
        }
        return new InvestmentProject(out);
    }

    /**
     * Applies one command. A refused command changes nothing.
     *
     * @throws RuleViolationException when the regulation refuses it ({@link RuleViolationException#ruleId()})
     * @throws TransitionException when the event is not valid in the current state
     * @throws InputException for a malformed command
     */
    public Transition apply(Command command) {
        return apply(command.toJson());
    }

    /** As {@link #apply(Command)} with the command as JSON text. */
    public Transition apply(String commandJson) {
        try {
            String t = Ffi.call(o -> Lib.get().wz_inv_project_apply(pointer(), commandJson, o));
            return Json.transition(JsonParser.parseString(t).getAsJsonObject());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The state and ledger ({@code state}, {@code ledger}, {@code obligations}, {@code log_len}, …). */
    public JsonObject stateJson() {
        try {
            return JsonParser.parseString(Ffi.call(o -> Lib.get().wz_inv_project_state(pointer(), o)))
                    .getAsJsonObject();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The lifecycle state, e.g. {@code reserve}. */
    public String state() {
        return Json.str(stateJson(), "state");
    }

    /** The compliance findings as of a date (RULES.md §5). */
    public List<JsonObject> findings(LocalDate asOf) {
        try {
            String out = Ffi.call(o -> Lib.get().wz_inv_project_findings(pointer(), asOf.toString(), o));
            return Json.objects(JsonParser.parseString(out).getAsJsonArray());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The obligations open or overdue as of a date. */
    public List<JsonObject> obligations(LocalDate asOf) {
        try {
            String out = Ffi.call(o -> Lib.get().wz_inv_project_obligations(pointer(), asOf.toString(), o));
            return Json.objects(JsonParser.parseString(out).getAsJsonArray());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The hash-chained log as JSON (RULES.md §1.7). */
    public String exportLog() {
        try {
            return Ffi.call(o -> Lib.get().wz_inv_project_export_log(pointer(), o));
        } finally {
            Reference.reachabilityFence(this);
        }
    }
}
