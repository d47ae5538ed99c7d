package org.wanzheng;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration (RULES.md §7) with a calendar: what every decision and project is judged with.
 * Immutable; may be shared by threads.
 */
public final class Context extends Handle {
    private Context(PointerByReference out) {
        super(out.getValue(), Lib.get()::wz_context_free);
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
            Ffi.check(Lib.get().wz_context_new(configJson, cal, out));
        } finally {
            Reference.reachabilityFence(calendar);
        }
        return new Context(out);
    }

    /**
     * A new context: this one with an amendment of the dated rule parameters loaded (JSON:
     * {@code version}, {@code effective_from}, {@code source}, {@code values}; see README
     * "Calendars and rule versions"). Acts dated from its {@code effective_from} are judged under
     * it; every transition and decision result names its version ({@code ruleset}). This context
     * is unchanged.
     *
     * @throws InputException for a bad amendment ({@link InputException#path()} starts with
     *     {@code ruleset})
     */
    public Context withRuleset(String amendmentJson) {
        PointerByReference out = new PointerByReference();
        try {
            Ffi.check(Lib.get().wz_context_with_ruleset(pointer(), amendmentJson, out));
        } finally {
            Reference.reachabilityFence(this);
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
            String out = Ffi.call(o -> Lib.get().wz_decide(pointer(), function, request.toString(), o));
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
            out = Ffi.call(o -> Lib.get().wz_decide_batch(pointer(), function, array.toString(), o));
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

    /**
     * {@code approval_route} (RULES.md §4.1) over a column of projects in one native call, without
     * JSON: {@code totals.get(i)} is a decimal string ({@code "10000000.00"}), {@code flags[i]} an OR
     * of {@link RouteFlags} bits. Returns the route identifiers in order ({@code standard},
     * {@code direct_fsr}, …) — the {@code route} of {@link #approvalRoute}; for documents and the
     * rule trace use that call.
     *
     * @throws IllegalArgumentException when the lengths differ
     * @throws InputException for the first bad amount or unknown flag bit, its index in
     *     {@link InputException#path()} ({@code [2].total})
     * @throws InvalidArgumentException for a null total
     */
    public List<String> approvalRouteColumn(List<String> totals, int[] flags) {
        int n = totals.size();
        if (flags.length != n) {
            throw new IllegalArgumentException(n + " totals but " + flags.length + " flag words");
        }
        if (n == 0) {
            return List.of();
        }
        // struct wz_route_request { const char *total; uint32_t flags; }: two pointer-sized words.
        int ptr = com.sun.jna.Native.POINTER_SIZE;
        byte[][] text = new byte[n][];
        long size = 0;
        for (int i = 0; i < n; i++) {
            String t = totals.get(i);
            text[i] = t == null ? null : t.getBytes(StandardCharsets.UTF_8);
            size += t == null ? 0 : text[i].length + 1;
        }
        Memory strings = new Memory(Math.max(size, 1));
        Memory requests = new Memory((long) n * 2 * ptr);
        Memory out = new Memory((long) n * ptr);
        long at = 0;
        for (int i = 0; i < n; i++) {
            long row = (long) i * 2 * ptr;
            if (text[i] == null) {
                requests.setPointer(row, null);
            } else {
                strings.write(at, text[i], 0, text[i].length);
                strings.setByte(at + text[i].length, (byte) 0);
                requests.setPointer(row, strings.share(at));
                at += text[i].length + 1;
            }
            requests.setInt(row + ptr, flags[i]);
        }
        try {
            Ffi.check(Lib.get().wz_approval_route_batch(pointer(), requests, n, out));
        } finally {
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(strings);
            Reference.reachabilityFence(requests);
        }
        // The names are the library's static strings: decode each distinct one once.
        Map<Long, String> names = new HashMap<>();
        String[] routes = new String[n];
        for (int i = 0; i < n; i++) {
            Pointer p = out.getPointer((long) i * ptr);
            routes[i] = names.computeIfAbsent(Pointer.nativeValue(p), a -> p.getString(0, "UTF-8"));
        }
        return Arrays.asList(routes);
    }

    /** {@code estimate_excess_check} (RULES.md §4.2). */
    public Decisions.ExcessCheck estimateExcessCheck(Decisions.ExcessCheckRequest request) {
        return typed("estimate_excess_check", request, Decisions.ExcessCheck.class);
    }

    /** {@code estimate_overrun_route} (RULES.md §4.3). */
    public Decisions.OverrunRoute estimateOverrunRoute(Decisions.OverrunRouteRequest request) {
        return typed("estimate_overrun_route", request, Decisions.OverrunRoute.class);
    }

    /** {@code change_route} (RULES.md §4.4). */
    public Decisions.ChangeRoute changeRoute(Decisions.ChangeRouteRequest request) {
        return typed("change_route", request, Decisions.ChangeRoute.class);
    }

    /** {@code payment_check} (RULES.md §4.5). */
    public Decisions.PaymentCheck paymentCheck(Decisions.PaymentCheckRequest request) {
        return typed("payment_check", request, Decisions.PaymentCheck.class);
    }

    /** {@code plan_calendar} (RULES.md §4.6). */
    public Decisions.PlanCalendar planCalendar(Decisions.PlanCalendarRequest request) {
        return typed("plan_calendar", request, Decisions.PlanCalendar.class);
    }

    /** {@code emergency_change_deadline} (RULES.md §4.7). */
    public Decisions.Deadline emergencyChangeDeadline(Decisions.EmergencyDeadlineRequest request) {
        return typed("emergency_change_deadline", request, Decisions.Deadline.class);
    }

    /** {@code funding_mode_check} (RULES.md §4.8). */
    public Decisions.FundingModeCheck fundingModeCheck(Decisions.FundingModeRequest request) {
        return typed("funding_mode_check", request, Decisions.FundingModeCheck.class);
    }

    /** {@code subjective_overrun_deduction} (RULES.md §4.9). */
    public Decisions.Deduction subjectiveOverrunDeduction(Decisions.DeductionRequest request) {
        return typed("subjective_overrun_deduction", request, Decisions.Deduction.class);
    }

    /** {@code dig_demand_change_allowed} (RULES.md §4.10). */
    public Decisions.DemandChangeDecision digDemandChangeAllowed(Decisions.DemandChangeRequest request) {
        return typed("dig_demand_change_allowed", request, Decisions.DemandChangeDecision.class);
    }

    /** {@code dig_emergency_add_ok} (RULES.md §4.10). */
    public Decisions.EmergencyAddDecision digEmergencyAddOk(Decisions.EmergencyAddRequest request) {
        return typed("dig_emergency_add_ok", request, Decisions.EmergencyAddDecision.class);
    }

    /** {@code dig_emergency_ok} (RULES.md §4.10). */
    public Decisions.EmergencyDecision digEmergencyOk(Decisions.EmergencyRequest request) {
        return typed("dig_emergency_ok", request, Decisions.EmergencyDecision.class);
    }

    /** {@code dig_initial_acceptance} (RULES.md §4.10). */
    public Decisions.InitialAcceptanceDecision digInitialAcceptance(Decisions.InitialAcceptanceRequest request) {
        return typed("dig_initial_acceptance", request, Decisions.InitialAcceptanceDecision.class);
    }

    /** {@code dig_approval_path} (RULES.md §4.10). */
    public Decisions.ApprovalPath digApprovalPath(Decisions.ApprovalPathRequest request) {
        return typed("dig_approval_path", request, Decisions.ApprovalPath.class);
    }

    /** {@code dig_regime} (RULES.md §4.10). */
    public Decisions.RegimeDecision digRegime(Decisions.RegimeRequest request) {
        return typed("dig_regime", request, Decisions.RegimeDecision.class);
    }

    /** {@code dig_dedicated_account_required} (RULES.md §4.10). */
    public Decisions.DedicatedAccountDecision digDedicatedAccountRequired(Decisions.DedicatedAccountRequest request) {
        return typed("dig_dedicated_account_required", request, Decisions.DedicatedAccountDecision.class);
    }

    /** {@code inv_applies} (RULES.md §4.10). */
    public Decisions.InvAppliesDecision invApplies(Decisions.InvAppliesRequest request) {
        return typed("inv_applies", request, Decisions.InvAppliesDecision.class);
    }

    /** {@code dig_inv_parts} (RULES.md §4.10). */
    public Decisions.InvPartsDecision digInvParts(Decisions.InvPartsRequest request) {
        return typed("dig_inv_parts", request, Decisions.InvPartsDecision.class);
    }

    /**
     * A §4 function on a typed request: the request's JSON by field name, the result's record by
     * field name (see {@link Decisions}).
     *
     * @throws InputException for a malformed request
     */
    <R> R typed(String function, Record request, Class<R> result) {
        JsonObject json = Codec.encode(request).getAsJsonObject();
        return Codec.decode(decide(function, json), result);
    }

    static RouteDecision routeDecision(JsonObject r) {
        return new RouteDecision(Json.str(r, "route"), Json.bool(r, "art14_eligible"), Json.bool(r, "merged_batch"),
                Json.strings(r, "permitted_alternatives"), Json.strings(r, "rules"), Json.outcomes(r),
                Json.str(r, "ruleset"), r);
    }
}
