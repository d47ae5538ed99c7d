package org.wanzheng;

import com.google.gson.JsonObject;
import java.math.BigDecimal;

/**
 * The request of {@code approval_route} (RULES.md §4.1): the total (a decimal string, never a
 * double) and the flags.
 *
 * <pre>{@code
 * RouteDecision d = ctx.approvalRoute(RouteRequest.total("50000000.00").flag("agreed"));
 * }</pre>
 */
public final class RouteRequest {
    private final JsonObject json = new JsonObject();
    private final JsonObject flags = new JsonObject();

    private RouteRequest(String total) {
        json.addProperty("total", total);
        json.add("flags", flags);
    }

    /** A request for a total in yuan as a decimal string, e.g. {@code "10000000.00"}. */
    public static RouteRequest total(String yuan) {
        return new RouteRequest(yuan);
    }

    /**
     * A request for a total in yuan, sent as the decimal's exact text ({@link BigDecimal#toString()}):
     * the library's one amount grammar decides, as for a string, so {@code new BigDecimal("1E+7")}
     * and {@code new BigDecimal("1.0000")} are refused as {@code "1E+7"} and {@code "1.0000"} are, in
     * every binding.
     */
    public static RouteRequest total(BigDecimal yuan) {
        return new RouteRequest(yuan.toString());
    }

    /** Sets a boolean flag of §4.1, e.g. {@code in_plan}, {@code emergency_recognized}. */
    public RouteRequest flag(String name) {
        flags.addProperty(name, true);
        return this;
    }

    /** {@code municipal} (default) or {@code county}. */
    public RouteRequest level(String level) {
        flags.addProperty("level", level);
        return this;
    }

    /** The project's sector (picks the design approver, RULES.md §7). */
    public RouteRequest sector(String sector) {
        json.addProperty("sector", sector);
        return this;
    }

    /** The request as JSON. */
    public JsonObject toJson() {
        return json.deepCopy();
    }
}
