package org.wanzheng;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * A configuration (RULES.md §7) with a calendar: what every decision and project is judged with.
 * Immutable; may be shared by threads.
 */
public final class Context extends Handle {
    private Context(PointerByReference out) {
        super(out.getValue(), Native.LIB::wz_context_free);
    }

    /** The defaults of RULES.md §7 with the embedded calendar. */
    public static Context defaults() {
        return of(null, null);
    }

    /** A configuration JSON object (null for the defaults) with a calendar (null for the embedded one). */
    public static Context of(String configJson, Calendar calendar) {
        PointerByReference out = new PointerByReference();
        Pointer cal = calendar == null ? null : calendar.pointer();
        try {
            Ffi.check(Native.LIB.wz_context_new(configJson, cal, out));
        } finally {
            Reference.reachabilityFence(calendar);
        }
        return new Context(out);
    }

    /**
     * Evaluates a RULES.md §4 decision function on a JSON request.
     *
     * @throws InputException for an unknown function or a malformed request
     * @throws WanzhengException for the function's own refusals
     */
    public JsonObject decide(String function, JsonObject request) {
        try {
            String out = Ffi.call(o -> Native.LIB.wz_decide(pointer(), function, request.toString(), o));
            return JsonParser.parseString(out).getAsJsonObject();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Evaluates a decision function on many requests in one native call (JNA pays per call).
     * Items keep the order of the requests; a failing item carries the exception the single call
     * would have thrown and does not stop the batch.
     *
     * @throws InputException for an unknown function
     */
    public List<BatchItem> decideBatch(String function, List<JsonObject> requests) {
        JsonArray array = new JsonArray();
        requests.forEach(array::add);
        String out;
        try {
            out = Ffi.call(o -> Native.LIB.wz_decide_batch(pointer(), function, array.toString(), o));
        } finally {
            Reference.reachabilityFence(this);
        }
        List<BatchItem> items = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(out).getAsJsonArray()) {
            JsonObject item = e.getAsJsonObject();
            if (item.get("ok").getAsBoolean()) {
                items.add(new BatchItem(item.getAsJsonObject("result"), null));
            } else {
                JsonObject error = item.getAsJsonObject("error");
                items.add(new BatchItem(null, WanzhengException.of(Status.INTERNAL_ERROR, error)));
            }
        }
        return List.copyOf(items);
    }

    /** {@code approval_route} (RULES.md §4.1): the approval route of a project. */
    public RouteDecision approvalRoute(JsonObject request) {
        return routeDecision(decide("approval_route", request));
    }

    /** {@code approval_route} (RULES.md §4.1) from a typed request. */
    public RouteDecision approvalRoute(RouteRequest request) {
        return approvalRoute(request.toJson());
    }

    /** {@code approval_route} on many requests in one native call. */
    public List<RouteDecision> approvalRoutes(List<JsonObject> requests) {
        List<RouteDecision> out = new ArrayList<>();
        for (BatchItem item : decideBatch("approval_route", requests)) {
            if (!item.ok()) {
                throw item.error();
            }
            out.add(routeDecision(item.result()));
        }
        return List.copyOf(out);
    }

    static RouteDecision routeDecision(JsonObject r) {
        return new RouteDecision(Json.str(r, "route"), Json.bool(r, "art14_eligible"), Json.bool(r, "merged_batch"),
                Json.strings(r, "permitted_alternatives"), Json.strings(r, "rules"), Json.outcomes(r), r);
    }
}
