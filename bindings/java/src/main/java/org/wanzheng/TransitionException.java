package org.wanzheng;

import com.google.gson.JsonObject;

/** The event is not valid in the stream's current state ({@code WZ_INVALID_TRANSITION}). */
public class TransitionException extends WanzhengException {
    private static final long serialVersionUID = 1L;

    private final String machine;
    private final String state;
    private final String event;
    private final String detail;

    TransitionException(Status status, JsonObject error) {
        super(status, error);
        this.machine = str(error, "machine");
        this.state = str(error, "state");
        this.event = str(error, "event");
        this.detail = str(error, "detail");
    }

    /** The stream's machine, e.g. {@code inv}. */
    public String machine() {
        return machine;
    }

    /** The stream's state. */
    public String state() {
        return state;
    }

    /** The refused event. */
    public String event() {
        return event;
    }

    /** Why, when more than the state ({@code unknown_instance}, …; may be empty). */
    public String detail() {
        return detail;
    }
}
