package org.wanzheng;

import com.google.gson.JsonObject;

/** The regulation refused the act. Carries the refusing rule's ID, article and messages. */
public class RuleViolationException extends WanzhengException {
    private static final long serialVersionUID = 1L;

    private final String ruleId;
    private final String article;
    private final String citation;
    private final String messageZh;
    private final String messageEn;

    RuleViolationException(Status status, JsonObject error) {
        super(status, error);
        this.ruleId = str(error, "rule_id");
        this.article = str(error, "article");
        this.citation = str(error, "citation");
        this.messageZh = str(error, "message_zh");
        this.messageEn = str(error, "message_en");
    }

    /** The refusing rule, e.g. {@code INV-35.3}. */
    public String ruleId() {
        return ruleId;
    }

    /** The article, e.g. {@code 第三十五条}. */
    public String article() {
        return article;
    }

    /** The citation, e.g. {@code 宛政〔2023〕7号 第三十五条}. */
    public String citation() {
        return citation;
    }

    /** The Chinese message. */
    public String messageZh() {
        return messageZh;
    }

    /** The English message. */
    public String messageEn() {
        return messageEn;
    }
}
