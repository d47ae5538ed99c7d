package org.wanzheng;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an {@link InvestmentProject} and a {@link DigitalProject} share: one hash-chained log, commands
 * applied or tried, state, findings, obligations, the approval screen. May be shared between
 * threads: the library's lock of the handle serialises the calls on it. Do not {@link #close()} it
 * while another thread still uses it.
 */
public abstract class Project extends Handle {
    Project(Pointer pointer, Consumer<Pointer> free) {
        super(pointer, free);
    }

    abstract int nativeApply(Pointer p, String command, PointerByReference out);

    abstract int nativeWhatIf(Pointer p, String command, PointerByReference out);

    abstract int nativeState(Pointer p, PointerByReference out);

    abstract int nativeFindings(Pointer p, String asOf, PointerByReference out);

    abstract int nativeObligations(Pointer p, String asOf, PointerByReference out);

    abstract int nativeExportLog(Pointer p, PointerByReference out);

    abstract int nativeDocument(Pointer p, PointerByReference out);

    abstract int nativePermitted(Pointer p, String asOf, String actor, PointerByReference out);

    abstract int nativeCheckpoint(Pointer p, String keys, PointerByReference out);

    /**
     * Applies one command. A refused command changes nothing.
     *
     * @throws RuleViolationException when the regulation refuses it ({@link WanzhengException#ruleId()})
     * @throws TransitionException when the event is not valid in the current state
     * @throws InputException for a malformed command
     */
    public Transition apply(Command command) {
        return apply(command.toJson());
    }

    /** As {@link #apply(Command)} with the command as JSON text. */
    public Transition apply(String commandJson) {
        try {
            return Json.transition(Json.object(Ffi.call(o -> nativeApply(pointer(), commandJson, o))));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Dry run: what {@link #apply(Command)} would answer, with nothing changed (issue 13).
     *
     * @throws InputException for a malformed command (not an answer of the rules)
     */
    public WhatIf whatIf(Command command) {
        return whatIf(command.toJson());
    }

    /** As {@link #whatIf(Command)} with the command as JSON text. */
    public WhatIf whatIf(String commandJson) {
        try {
            return Ffi.whatIf(o -> nativeWhatIf(pointer(), commandJson, o));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The state and ledger as the library's JSON ({@code state}, {@code ledger}, {@code log_len}, …). */
    public com.google.gson.JsonObject stateJson() {
        try {
            return Json.object(Ffi.call(o -> nativeState(pointer(), o)));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The state as typed values: machine, project id, lifecycle state, log length and head, the
     * obligations (the whole state JSON in {@link ProjectView#json()}).
     */
    public ProjectView view() {
        return Codec.decode(stateJson(), ProjectView.class);
    }

    /** The lifecycle state, e.g. {@code reserve}. */
    public String state() {
        return Json.str(stateJson(), "state");
    }

    /** The compliance findings as of a date (RULES.md §5). */
    public List<Finding> findings(LocalDate asOf) {
        try {
            return Json.findings(Json.array(Ffi.call(o -> nativeFindings(pointer(), asOf.toString(), o))));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The obligations open or overdue as of a date. */
    public List<Obligation> obligations(LocalDate asOf) {
        try {
            return Json.obligations(Json.array(Ffi.call(o -> nativeObligations(pointer(), asOf.toString(), o))));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The hash-chained log as JSON (RULES.md §1.7). */
    public String exportLog() {
        try {
            return Ffi.call(o -> nativeExportLog(pointer(), o));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The project document: configuration, log and what the project read from other streams (an
     * investment project's plan entries) — the JSON of the core's {@code to_json}, which
     * {@code replay} rebuilds strictly (the log alone does not when plan years mattered).
     */
    public String document() {
        try {
            return Ffi.call(o -> nativeDocument(pointer(), o));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** What may happen next as of {@code asOf}, for any actor (issue 13). */
    public Screen permittedEvents(LocalDate asOf) {
        return permittedEvents(asOf, (String) null);
    }

    /** What may happen next as of {@code asOf} for {@code actor}. */
    public Screen permittedEvents(LocalDate asOf, Actor actor) {
        return permittedEvents(asOf, actor.wire());
    }

    /**
     * What may happen next as of {@code asOf} for {@code actor} (an actor id such as {@code drc};
     * null: any actor): every event of each stream's table with its blockers (issue 13).
     *
     * @throws InputException for an unknown actor
     */
    public Screen permittedEvents(LocalDate asOf, String actor) {
        try {
            return Json.screen(Ffi.call(o -> nativePermitted(pointer(), asOf.toString(), actor, o)));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The checkpoint of the log ({@code {"len":N,"head":"…"}}) with a proof for each key of
     * {@code keysJson} ({@code {"hmac_key":"<hex>","signing_key":"<64 hex>"}}, null for none), INV-57.
     * The approval system keeps it; {@link ReplayOptions#checkpoint(String)} verifies it.
     */
    public String checkpoint(String keysJson) {
        try {
            return Ffi.call(o -> nativeCheckpoint(pointer(), keysJson, o));
        } finally {
            Reference.reachabilityFence(this);
        }
    }
}
