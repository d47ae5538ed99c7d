package org.wanzheng;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A failed call into wanzheng. The subclass says what kind of failure it was:
 * {@link InputException} (malformed input), {@link RuleViolationException} (the regulation refused
 * the act; carries the rule ID), {@link TransitionException} (not valid in the current state),
 * {@link InvalidArgumentException} (misuse of the API) and {@link InternalException} (a bug).
 */
public class WanzhengException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Status status;
    private final String json;
    private final String ruleId;
    private final String article;
    private final String messageZh;
    private final String messageEn;

    WanzhengException(Status status, JsonObject error) {
        super(str(error, "message"));
        this.status = status;
        this.json = error.toString();
        this.ruleId = str(error, "rule_id");
        this.article = str(error, "article");
        this.messageZh = str(error, "message_zh");
        this.messageEn = str(error, "message_en");
    }

    /** The refusing rule, e.g. {@code INV-35.3} (empty when no rule refused: input or state errors). */
    public String ruleId() {
        return ruleId;
    }

    /** The article, e.g. {@code 第三十五条} (empty when no rule refused). */
    public String article() {
        return article;
    }

    /** The Chinese message of the refusing rule (empty when no rule refused; see {@link #getMessage()}). */
    public String messageZh() {
        return messageZh;
    }

    /** The English message of the refusing rule (empty when no rule refused; see {@link #getMessage()}). */
    public String messageEn() {
        return messageEn;
    }

    /** The status code of the failed call. */
    public Status status() {
        return status;
    }

    /** The last error as JSON, as {@code wz_last_error_json} gave it. */
    public String json() {
        return json;
    }

    static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    /** The exception for a status and its last-error JSON. */
    static WanzhengException fromLastError(int code, JsonObject error) {
        Status status = Status.of(code);
        return of(status, error);
    }

    /** The exception for an error object (from the last error, or a batch item). */
    static WanzhengException of(Status status, JsonObject error) {
        String kind = str(error, "kind");
        switch (kind) {
            case "input_error":
                return new InputException(Status.MALFORMED_INPUT, error);
            case "rule_violation":
                return new RuleViolationException(Status.RULE_VIOLATION, error);
            case "transition_error":
                return new TransitionException(Status.INVALID_TRANSITION, error);
            case "invalid_argument":
                return new InvalidArgumentException(status, error);
            default:
                return new InternalException(status, error);
        }
    }
}
