package org.wanzheng;

import com.google.gson.JsonObject;

/** The API was misused: a closed handle, a handle of another kind. */
public class InvalidArgumentException extends WanzhengException {
    private static final long serialVersionUID = 1L;

    InvalidArgumentException(Status status, JsonObject error) {
        super(status, error);
    }
}
