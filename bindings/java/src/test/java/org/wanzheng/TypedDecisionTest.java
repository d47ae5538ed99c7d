package org.wanzheng;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The RULES.md §4 functions through their typed methods ({@link Decisions}): every shared fixture
 * row (tests/fixtures/{investment,digital}) decoded into the typed request, called, and the typed
 * result compared with the row's expectation — so each record carries every field the library
 * reads and writes.
 */
class TypedDecisionTest {
    record Fn(Class<? extends Record> request, Class<? extends Record> result, BiFunction<Context, Record, Record> call) {}

    static final Map<String, Fn> FUNCTIONS = Map.ofEntries(
            Map.entry("estimate_excess_check", new Fn(Decisions.ExcessCheckRequest.class, Decisions.ExcessCheck.class,
                    (c, r) -> c.estimateExcessCheck((Decisions.ExcessCheckRequest) r))),
            Map.entry("estimate_overrun_route", new Fn(Decisions.OverrunRouteRequest.class, Decisions.OverrunRoute.class,
                    (c, r) -> c.estimateOverrunRoute((Decisions.OverrunRouteRequest) r))),
            Map.entry("change_route", new Fn(Decisions.ChangeRouteRequest.class, Decisions.ChangeRoute.class,
                    (c, r) -> c.changeRoute((Decisions.ChangeRouteRequest) r))),
            Map.entry("payment_check", new Fn(Decisions.PaymentCheckRequest.class, Decisions.PaymentCheck.class,
                    (c, r) -> c.paymentCheck((Decisions.PaymentCheckRequest) r))),
            Map.entry("plan_calendar", new Fn(Decisions.PlanCalendarRequest.class, Decisions.PlanCalendar.class,
                    (c, r) -> c.planCalendar((Decisions.PlanCalendarRequest) r))),
            Map.entry("emergency_change_deadline", new Fn(Decisions.EmergencyDeadlineRequest.class,
                    Decisions.Deadline.class, (c, r) -> c.emergencyChangeDeadline((Decisions.EmergencyDeadlineRequest) r))),
            Map.entry("funding_mode_check", new Fn(Decisions.FundingModeRequest.class, Decisions.FundingModeCheck.class,
                    (c, r) -> c.fundingModeCheck((Decisions.FundingModeRequest) r))),
            Map.entry("subjective_overrun_deduction", new Fn(Decisions.DeductionRequest.class, Decisions.Deduction.class,
                    (c, r) -> c.subjectiveOverrunDeduction((Decisions.DeductionRequest) r))),
            Map.entry("dig_demand_change_allowed", new Fn(Decisions.DemandChangeRequest.class,
                    Decisions.DemandChangeDecision.class, (c, r) -> c.digDemandChangeAllowed((Decisions.DemandChangeRequest) r))),
            Map.entry("dig_emergency_add_ok", new Fn(Decisions.EmergencyAddRequest.class,
                    Decisions.EmergencyAddDecision.class, (c, r) -> c.digEmergencyAddOk((Decisions.EmergencyAddRequest) r))),
            Map.entry("dig_emergency_ok", new Fn(Decisions.EmergencyRequest.class, Decisions.EmergencyDecision.class,
                    (c, r) -> c.digEmergencyOk((Decisions.EmergencyRequest) r))),
            Map.entry("dig_initial_acceptance", new Fn(Decisions.InitialAcceptanceRequest.class,
                    Decisions.InitialAcceptanceDecision.class,
                    (c, r) -> c.digInitialAcceptance((Decisions.InitialAcceptanceRequest) r))),
            Map.entry("dig_approval_path", new Fn(Decisions.ApprovalPathRequest.class, Decisions.ApprovalPath.class,
                    (c, r) -> c.digApprovalPath((Decisions.ApprovalPathRequest) r))),
            Map.entry("dig_regime", new Fn(Decisions.RegimeRequest.class, Decisions.RegimeDecision.class,
                    (c, r) -> c.digRegime((Decisions.RegimeRequest) r))),
            Map.entry("dig_dedicated_account_required", new Fn(Decisions.DedicatedAccountRequest.class,
                    Decisions.DedicatedAccountDecision.class,
                    (c, r) -> c.digDedicatedAccountRequired((Decisions.DedicatedAccountRequest) r))),
            Map.entry("inv_applies", new Fn(Decisions.InvAppliesRequest.class, Decisions.InvAppliesDecision.class,
                    (c, r) -> c.invApplies((Decisions.InvAppliesRequest) r))),
            Map.entry("dig_inv_parts", new Fn(Decisions.InvPartsRequest.class, Decisions.InvPartsDecision.class,
                    (c, r) -> c.digInvParts((Decisions.InvPartsRequest) r))));

    @Test
    void everyFunctionOfTheLibraryHasATypedMethod() {
        for (String f : Wanzheng.decisionFunctions()) {
            assertTrue(f.equals("approval_route") || FUNCTIONS.containsKey(f), "no typed method for " + f);
        }
    }

    /** A JSON number with a fraction: a request the typed API cannot express (no double is accepted). */
    static boolean hasFloat(JsonElement e) {
        if (e.isJsonObject()) {
            return e.getAsJsonObject().entrySet().stream().anyMatch(x -> hasFloat(x.getValue()));
        }
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                if (hasFloat(x)) {
                    return true;
                }
            }
            return false;
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() && e.getAsString().contains(".");
    }

    /** Every key of {@code json} is a field of {@code record} (recursively for nested records). */
    static boolean coversAll(JsonObject json, Class<?> record) {
        try {
            covers(json, record, "");
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    static void covers(JsonObject json, Class<?> record, String at) {
        List<String> names = Codec.names(record);
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            assertTrue(names.contains(e.getKey()), at + ": " + record.getSimpleName() + " has no field " + e.getKey());
            for (var c : record.getRecordComponents()) {
                if (Codec.wireName(c).equals(e.getKey()) && c.getType().isRecord() && e.getValue().isJsonObject()) {
                    covers(e.getValue().getAsJsonObject(), c.getType(), at + "." + e.getKey());
                }
            }
        }
    }

    @TestFactory
    List<DynamicTest> fixtureRowsThroughTypedMethods() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("investment", "digital")) {
            for (Path p : Fixtures.files(Fixtures.dir().resolve(kind))) {
                JsonObject doc = Fixtures.load(p);
                String function = doc.get("function").getAsString();
                Fn fn = FUNCTIONS.get(function);
                if (fn == null) {
                    continue; // approval_route: RouteRequest/RouteDecision, WanzhengTest
                }
                for (JsonElement r : doc.getAsJsonArray("rows")) {
                    JsonObject row = r.getAsJsonObject();
                    JsonObject request = row.getAsJsonObject("request");
                    if (hasFloat(request)) {
                        continue; // not expressible in Java; the JSON path refuses it (ConformanceTest)
                    }
                    tests.add(dynamicTest(function + "/" + row.get("id").getAsString(), () -> {
                        try (Context ctx = Fixtures.context(row)) {
                            Record typed;
                            try {
                                typed = Codec.decode(request, fn.request());
                            } catch (RuntimeException e) {
                                // A request of the wrong shape cannot be built in Java: only error rows have one.
                                assertTrue(row.has("error"), "cannot build " + fn.request().getSimpleName() + ": " + e);
                                return;
                            }
                            if (row.has("error")
                                    && (!coversAll(request, fn.request()) || !Codec.encode(typed).equals(request))) {
                                // A field the typed request has not, or a JSON number for an amount:
                                // the typed API cannot send that request.
                                return;
                            }
                            if (row.has("error")) {
                                assertInstanceOf(ConformanceTest.ERRORS.get(row.get("error").getAsString()),
                                        assertThrows(WanzhengException.class, () -> fn.call().apply(ctx, typed)));
                                return;
                            }
                            covers(request, fn.request(), "request");
                            covers(ctx.decide(function, request), fn.result(), "result");
                            Record got = fn.call().apply(ctx, typed);
                            JsonElement back = Codec.encode(got);
                            assertTrue(Fixtures.subset(row.get("expect"), back),
                                    () -> "expected " + row.get("expect") + " within " + back);
                        }
                    }));
                }
            }
        }
        assertTrue(tests.size() > 100, "rows: " + tests.size());
        return tests;
    }

    @Test
    void amountsAreBigDecimalAndDatesLocalDate() {
        try (Context ctx = Context.defaults()) {
            Decisions.Deduction d = ctx.subjectiveOverrunDeduction(new Decisions.DeductionRequest(
                    new BigDecimal("50000000.00"), new BigDecimal("100000000.00"), new BigDecimal("8000000.00"),
                    new BigDecimal("108000000.00"), UnitKind.ADMIN_OR_PUBLIC_UNIT));
            assertTrue(d.deduction().compareTo(new BigDecimal("4000000.00")) == 0, d.toString());
            Decisions.Deadline dl = ctx.emergencyChangeDeadline(
                    new Decisions.EmergencyDeadlineRequest(null, LocalDate.of(2023, 6, 5)));
            assertTrue(dl.date().equals(LocalDate.of(2023, 6, 12)) && dl.rules().contains("INV-44.2"), dl.toString());
            // One amount grammar: a third decimal is refused, as in every language.
            assertThrows(InputException.class, () -> ctx.subjectiveOverrunDeduction(new Decisions.DeductionRequest(
                    null, new BigDecimal("100000000.001"), BigDecimal.ONE, BigDecimal.TEN, UnitKind.ADMIN_OR_PUBLIC_UNIT)));
        }
    }
}
