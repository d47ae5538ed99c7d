package org.wanzheng;

import com.google.gson.JsonArray;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;
import java.time.LocalDate;
import java.util.List;

/**
 * Every project, plan year and DIG cycle of one approval system: each command goes to the stream
 * its {@code stream} names ({@code register_project} creates the project), and projects read the
 * plan streams as they stand. May be shared between threads (the library's lock serialises the
 * calls); do not {@link #close()} it while another thread still uses it.
 */
public final class Workspace extends Handle {
    private Workspace(PointerByReference out) {
        super(out.getValue(), p -> Lib.get().wz_workspace_free(p));
    }

    /** An empty workspace judged with {@code context}. */
    public static Workspace create(Context context) {
        PointerByReference out = new PointerByReference();
        try {
            Ffi.check(Lib.get().wz_workspace_new(context.pointer(), out));
        } finally {
            Reference.reachabilityFence(context);
        }
        return new Workspace(out);
    }

    /**
     * Applies one command to the stream it names. A refused command changes nothing.
     *
     * @throws RuleViolationException when the regulation refuses it
     * @throws TransitionException when the event is not valid in the stream's state, or the
     *     project does not exist ({@link TransitionException#detail()} {@code unknown_instance})
     * @throws InputException for a malformed command
     */
    public Transition apply(Command command) {
        return apply(command.toJson());
    }

    /** As {@link #apply(Command)} with the command as JSON text. */
    public Transition apply(String commandJson) {
        try {
            return Json.transition(Json.object(Ffi.call(o -> Lib.get().wz_workspace_apply(pointer(), commandJson, o))));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Applies commands in order, as {@link #apply} one by one: a refused command changes nothing
     * and the next is applied. One step per command, in order (one native call).
     */
    public List<Step> applyAll(List<Command> commands) {
        JsonArray a = new JsonArray();
        commands.forEach(c -> a.add(c.json()));
        return applyAll(a.toString());
    }

    /** As {@link #applyAll(List)} with the commands as a JSON array. */
    public List<Step> applyAll(String commandsJson) {
        try {
            String out = Ffi.call(o -> Lib.get().wz_workspace_apply_all(pointer(), commandsJson, o));
            return Json.list(Json.object("{\"s\":" + out + "}"), "s", Json::step);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Dry run on the stream the command names: what {@link #apply} would answer, nothing changed. */
    public WhatIf whatIf(Command command) {
        return whatIf(command.toJson());
    }

    /** As {@link #whatIf(Command)} with the command as JSON text. */
    public WhatIf whatIf(String commandJson) {
        try {
            return Ffi.whatIf(o -> Lib.get().wz_workspace_what_if(pointer(), commandJson, o));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Every stream's state, open obligations and findings as of {@code asOf}. */
    public List<StreamReport> report(LocalDate asOf) {
        try {
            return Json.streamReports(Json.array(Ffi.call(o -> Lib.get().wz_workspace_report(pointer(), asOf.toString(), o))));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** What may happen next on every stream, for any actor. */
    public Screen permittedEvents(LocalDate asOf) {
        return permittedEvents(asOf, (String) null);
    }

    /**
     * What may happen next on every stream as of {@code asOf} for {@code actor} (null: any actor).
     *
     * @throws InputException for an unknown actor
     */
    public Screen permittedEvents(LocalDate asOf, String actor) {
        try {
            return Json.screen(Ffi.call(o -> Lib.get().wz_workspace_permitted_events(pointer(), asOf.toString(), actor, o)));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** What may happen next on every stream as of {@code asOf} for {@code actor}. */
    public Screen permittedEvents(LocalDate asOf, Actor actor) {
        return permittedEvents(asOf, actor.wire());
    }

    /**
     * The project document of the workspace's project {@code projectId} (investment or digital):
     * what {@link Project#document()} gives for it, with the plan entries it read from this
     * workspace's plan years, so that {@code InvestmentProject.replay} rebuilds it strictly.
     *
     * @throws InputException (path {@code project_id}, reason {@code unknown_id}) for a project the
     *     workspace does not have
     */
    public String projectDocument(String projectId) {
        try {
            return Ffi.call(o -> Lib.get().wz_workspace_project_document_json(pointer(), projectId, o));
        } finally {
            Reference.reachabilityFence(this);
        }
    }
}
