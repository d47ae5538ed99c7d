package org.wanzheng;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;

/**
 * An investment project under 宛政〔2023〕7号 (machine {@code inv}, with its change, adjustment and
 * accountability sub-streams). See {@link Project} for what every project offers.
 */
public final class InvestmentProject extends Project {
    private InvestmentProject(PointerByReference out) {
        super(out.getValue(), p -> Lib.get().wz_inv_project_free(p));
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

    /**
     * Rebuilds a project from its exported log, strictly (INV-57): the hash chain is verified and
     * an entry that re-judging does not give as stored is refused ({@link InputException} reason
     * {@code replay_difference}).
     */
    public static InvestmentProject replay(Context context, String logJson) {
        return replay(context, logJson, (String) null).project();
    }

    /** Rebuilds a project from its exported log as {@code options} say, with the report. */
    public static Replayed<InvestmentProject> replay(Context context, String logJson, ReplayOptions options) {
        return replay(context, logJson, options.toJson());
    }

    /** As {@link #replay(Context, String, ReplayOptions)} with the options as JSON (null: strict defaults). */
    public static Replayed<InvestmentProject> replay(Context context, String logJson, String optionsJson) {
        PointerByReference out = new PointerByReference();
        PointerByReference report = new PointerByReference();
        try {
            Ffi.check(Lib.get().wz_inv_project_replay_checked(context.pointer(), logJson, optionsJson, out, report));
        } finally {
            Reference.reachabilityFence(context);
        }
        InvestmentProject p = new InvestmentProject(out);
        return new Replayed<>(p, Json.replayReport(Ffi.take(report)));
    }

    @Override
    int nativeApply(Pointer p, String command, PointerByReference out) {
        return Lib.get().wz_inv_project_apply(p, command, out);
    }

    @Override
    int nativeWhatIf(Pointer p, String command, PointerByReference out) {
        return Lib.get().wz_inv_project_what_if(p, command, out);
    }

    @Override
    int nativeState(Pointer p, PointerByReference out) {
        return Lib.get().wz_inv_project_state(p, out);
    }

    @Override
    int nativeFindings(Pointer p, String asOf, PointerByReference out) {
        return Lib.get().wz_inv_project_findings(p, asOf, out);
    }

    @Override
    int nativeObligations(Pointer p, String asOf, PointerByReference out) {
        return Lib.get().wz_inv_project_obligations(p, asOf, out);
    }

    @Override
    int nativeExportLog(Pointer p, PointerByReference out) {
        return Lib.get().wz_inv_project_export_log(p, out);
    }

    @Override
    int nativeDocument(Pointer p, PointerByReference out) {
        return Lib.get().wz_inv_project_document_json(p, out);
    }

    @Override
    int nativePermitted(Pointer p, String asOf, String actor, PointerByReference out) {
        return Lib.get().wz_inv_project_permitted_events(p, asOf, actor, out);
    }

    @Override
    int nativeCheckpoint(Pointer p, String keys, PointerByReference out) {
        return Lib.get().wz_inv_project_checkpoint(p, keys, out);
    }

    /** The ledger as typed values (registration, route, figures, contracts, payments, dates). */
    public InvLedger ledger() {
        return Codec.decode(stateJson().getAsJsonObject("ledger"), InvLedger.class);
    }
}
