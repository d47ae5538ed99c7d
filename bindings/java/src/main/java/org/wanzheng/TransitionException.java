package org.wanzheng;

import com.google.gson.JsonObject;

/** The event is not valid in the stream's current state. */
public class TransitionException extends WanzhengException {
    private static final long serialVersionUID = 1L;

    private final String state;
    private final String event;

    TransitionException(Status status, JsonObject error) {
        super(status, error);
        this.state = str(error, "state");
        this.event = str(error, "event");
    }

    /** The stream's state. */
    public String state() {
        return state;
    }

    /** The refused event. */
    public String event() {
        return event;
    }
}
