package org.wanzheng;

import com.google.gson.JsonObject;

/** One item of a batch: the result, or the exception the single call would have thrown. */
public record BatchItem(JsonObject result, WanzhengException error) {
    /** Whether the request succeeded. */
    public boolean ok() {
        return error == null;
    }
}
