package org.wanzheng;

import com.google.gson.JsonObject;

/** Malformed input: JSON syntax or shape, unknown field, bad amount or date, future schema version. */
public class InputException extends WanzhengException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String reason;

    InputException(Status status, JsonObject error) {
        super(status, error);
        this.path = str(error, "path");
        this.reason = str(error, "reason");
    }

    /** The offending field, e.g. {@code facts.total} (empty for the whole input). */
    public String path() {
        return path;
    }

    /** The machine-readable reason, e.g. {@code amount}, {@code unknown_field}. */
    public String reason() {
        return reason;
    }
}
