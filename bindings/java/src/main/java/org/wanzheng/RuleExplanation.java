package org.wanzheng;

/**
 * A rule's catalogue entry ({@link Wanzheng#ruleExplanation(String)}): its ID, kind, regulation
 * and title, the article with its own words ({@code articleText}), the phrase the rule rests on,
 * the citations and a summary. {@code json} is the library's whole entry.
 */
public record RuleExplanation(
        String ruleId,
        String kind,
        String regulation,
        String title,
        String article,
        int articleNumber,
        String articleText,
        String phrase,
        String citationZh,
        String citationEn,
        String summary,
        com.google.gson.JsonObject json) {}
