package org.wanzheng;

import com.google.gson.JsonObject;

/** An internal error of the library (a bug in wanzheng). */
public class InternalException extends WanzhengException {
    private static final long serialVersionUID = 1L;

    InternalException(Status status, JsonObject error) {
        super(status, error);
    }
}
