package org.wanzheng;

import com.google.gson.JsonObject;
import java.util.List;

/** The result of {@code approval_route} (RULES.md §4.1). */
public record RouteDecision(
        String route,
        boolean art14Eligible,
        boolean mergedBatch,
        List<String> permittedAlternatives,
        List<String> rules,
        List<Outcome> outcomes,
        String ruleset,
        JsonObject json) {}
