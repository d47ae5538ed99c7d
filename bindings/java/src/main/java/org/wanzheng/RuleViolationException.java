package org.wanzheng;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * The regulation refused the act ({@code WZ_RULE_VIOLATION}). Carries the refusing rule's ID,
 * article, citation and messages, the event, every outcome of the judgment and the rules applied
 * in order. A refused command changed nothing.
 */
public class RuleViolationException extends WanzhengException {
    private static final long serialVersionUID = 1L;

    private final String citation;
    private final String event;
    private final List<Outcome> outcomes;
    private final List<String> rules;

    RuleViolationException(Status status, JsonObject error) {
        super(status, error);
        this.citation = str(error, "citation");
        this.event = str(error, "event");
        this.outcomes = Json.outcomes(error);
        this.rules = Json.strings(error, "rules");
    }

    /** The citation, e.g. {@code 宛政〔2023〕7号 第三十五条}. */
    public String citation() {
        return citation;
    }

    /** The refused event. */
    public String event() {
        return event;
    }

    /** Every outcome of the judgment, with articles and messages, in trace order. */
    public List<Outcome> outcomes() {
        return outcomes;
    }

    /** The rules applied, in order. */
    public List<String> rules() {
        return rules;
    }
}
