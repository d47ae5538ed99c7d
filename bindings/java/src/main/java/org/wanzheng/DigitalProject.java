package org.wanzheng;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;

/**
 * A digital-government project under 宛政办〔2023〕12号 (machine {@code dig}, with the INV parts of a
 * budget-funded project, AMB-25). See {@link Project} for what every project offers.
 */
public final class DigitalProject extends Project {
    private DigitalProject(PointerByReference out) {
        super(out.getValue(), p -> Lib.get().wz_dig_project_free(p));
    }

    /**
     * Creates a project from its first command ({@code register_dig_project}).
     *
     * @throws RuleViolationException when the regulation refuses the registration
     * @throws InputException for a malformed command
     */
    public static DigitalProject create(Context context, Command first) {
        return create(context, first.toJson());
    }

    /** As {@link #create(Context, Command)} with the command as JSON text. */
    public static DigitalProject create(Context context, String firstCommandJson) {
        PointerByReference out = new PointerByReference();
        try {
            Ffi.check(Lib.get().wz_dig_project_create(context.pointer(), firstCommandJson, out, null));
        } finally {
            Reference.reachabilityFence(context);
        }
        return new DigitalProject(out);
    }

    /**
     * Rebuilds a project from its exported log, strictly (INV-57): the hash chain is verified and
     * an entry that re-judging does not give as stored is refused ({@link InputException} reason
     * {@code replay_difference}).
     */
    public static DigitalProject replay(Context context, String logJson) {
        return replay(context, logJson, (String) null).project();
    }

    /** Rebuilds a project from its exported log as {@code options} say, with the report. */
    public static Replayed<DigitalProject> replay(Context context, String logJson, ReplayOptions options) {
        return replay(context, logJson, options.toJson());
    }

    /** As {@link #replay(Context, String, ReplayOptions)} with the options as JSON (null: strict defaults). */
    public static Replayed<DigitalProject> replay(Context context, String logJson, String optionsJson) {
        PointerByReference out = new PointerByReference();
        PointerByReference report = new PointerByReference();
        try {
            Ffi.check(Lib.get().wz_dig_project_replay_checked(context.pointer(), logJson, optionsJson, out, report));
        } finally {
            Reference.reachabilityFence(context);
        }
        DigitalProject p = new DigitalProject(out);
        return new Replayed<>(p, Json.replayReport(Ffi.take(report)));
    }

    @Override
    int nativeApply(Pointer p, String command, PointerByReference out) {
        return Lib.get().wz_dig_project_apply(p, command, out);
    }

    @Override
    int nativeWhatIf(Pointer p, String command, PointerByReference out) {
        return Lib.get().wz_dig_project_what_if(p, command, out);
    }

    @Override
    int nativeState(Pointer p, PointerByReference out) {
        return Lib.get().wz_dig_project_state(p, out);
    }

    @Override
    int nativeFindings(Pointer p, String asOf, PointerByReference out) {
        return Lib.get().wz_dig_project_findings(p, asOf, out);
    }

    @Override
    int nativeObligations(Pointer p, String asOf, PointerByReference out) {
        return Lib.get().wz_dig_project_obligations(p, asOf, out);
    }

    @Override
    int nativeExportLog(Pointer p, PointerByReference out) {
        return Lib.get().wz_dig_project_export_log(p, out);
    }

    @Override
    int nativeDocument(Pointer p, PointerByReference out) {
        return Lib.get().wz_dig_project_document_json(p, out);
    }

    @Override
    int nativePermitted(Pointer p, String asOf, String actor, PointerByReference out) {
        return Lib.get().wz_dig_project_permitted_events(p, asOf, actor, out);
    }

    @Override
    int nativeCheckpoint(Pointer p, String keys, PointerByReference out) {
        return Lib.get().wz_dig_project_checkpoint(p, keys, out);
    }
}
