package org.wanzheng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WanzhengTest {
    static final String CODE = "2307-411300-04-01-000001";

    static Command register(String pid, String total, LocalDate date) {
        return Command.inv(pid).event("register_project").actor("project_unit").date(date).projectCode(CODE)
                .fact("project_id", pid).fact("project_code", CODE).fact("name", "Village road")
                .fact("sector", "transport").fact("nature", "non_operating").fact("mode", "direct_investment")
                .fact("total", total).fact("unit_kind", "admin_or_public_unit")
                .fact("industry_authority_org", "南阳市交通运输局");
    }

    static Command withdraw(String pid, String actor, LocalDate date) {
        return Command.inv(pid).event("withdraw_project").actor(actor).date(date).projectCode(CODE)
                .fact("reason", "no funds this year");
    }

    static Command selectRoute(String pid, String route, LocalDate date) {
        return Command.inv(pid).event("select_route").actor("project_unit").date(date).projectCode(CODE)
                .fact("chosen_route", route);
    }

    /** Rows of the shared fixture files for `function` (tests/fixtures/{investment,digital}). */
    static List<JsonObject> fixtureRows(String function) throws IOException {
        Path dir = Path.of(System.getProperty("wanzheng.fixtures", "../../tests/fixtures"));
        List<JsonObject> rows = new ArrayList<>();
        for (String sub : List.of("investment", "digital")) {
            Path d = dir.resolve(sub);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    JsonObject doc = JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8))
                            .getAsJsonObject();
                    if (!function.equals(Json.str(doc, "function"))) {
                        continue;
                    }
                    for (JsonElement row : doc.getAsJsonArray("rows")) {
                        rows.add(row.getAsJsonObject());
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void versionsMatchTheHeader() {
        assertEquals(Wanzheng.ABI_VERSION, Wanzheng.abiVersion());
        assertTrue(Wanzheng.version().matches("\\d+\\.\\d+\\.\\d+.*"));
    }

    @Test
    void projectLifecycle() {
        try (Context ctx = Context.defaults();
                InvestmentProject p = InvestmentProject.create(ctx, register("P1", "8500000.00", LocalDate.of(2023, 7, 3)))) {
            assertEquals("reserve", p.state());
            Transition t = p.apply(selectRoute("P1", "standard", LocalDate.of(2023, 7, 4)));
            assertEquals("select_route", t.event());
            assertEquals(2, t.seq());
            assertEquals("reserve", t.to());
            t = p.apply(withdraw("P1", "project_unit", LocalDate.of(2023, 7, 5)));
            assertEquals("withdrawn", t.to());
            assertEquals(3, p.stateJson().get("log_len").getAsInt());
            assertTrue(p.findings(LocalDate.of(2024, 12, 31)).isEmpty());
            assertTrue(p.obligations(LocalDate.of(2024, 12, 31)).isEmpty());
            String log = p.exportLog();
            try (InvestmentProject q = InvestmentProject.replay(ctx, log)) {
                assertEquals(p.stateJson(), q.stateJson());
            }
            InputException broken = assertThrows(InputException.class,
                    () -> InvestmentProject.replay(ctx, log.replace("8500000.00", "9500000.00")));
            assertEquals("broken_chain", broken.reason());
        }
    }

    @Test
    void aRejectedEventRaisesAnExceptionCarryingTheRuleId() {
        try (Context ctx = Context.defaults();
                InvestmentProject p = InvestmentProject.create(ctx, register("P1", "8500000.00", LocalDate.of(2023, 7, 3)))) {
            JsonObject before = p.stateJson();
            RuleViolationException e = assertThrows(RuleViolationException.class,
                    () -> p.apply(withdraw("P1", "drc", LocalDate.of(2023, 7, 4))));
            assertEquals("INV-8", e.ruleId());
            assertEquals("第八条", e.article());
            assertEquals("宛政〔2023〕7号 第八条", e.citation());
            assertFalse(e.messageZh().isEmpty());
            assertFalse(e.messageEn().isEmpty());
            assertEquals(Status.RULE_VIOLATION, e.status());
            assertEquals(before, p.stateJson(), "a rejected command changes nothing");
            // Before the effective date (INV-60) even the registration is refused.
            RuleViolationException early = assertThrows(RuleViolationException.class,
                    () -> InvestmentProject.create(ctx, register("P2", "1.00", LocalDate.of(2023, 5, 31))));
            assertEquals("INV-60", early.ruleId());
        }
    }

    @Test
    void transitionAndInputErrors() {
        try (Context ctx = Context.defaults();
                InvestmentProject p = InvestmentProject.create(ctx, register("P1", "1.00", LocalDate.of(2023, 7, 3)))) {
            TransitionException t = assertThrows(TransitionException.class,
                    () -> p.apply(register("P1", "1.00", LocalDate.of(2023, 7, 4))));
            assertEquals("reserve", t.state());
            InputException amount = assertThrows(InputException.class,
                    () -> InvestmentProject.create(ctx, register("P3", "1.001", LocalDate.of(2023, 7, 3))));
            assertEquals("amount", amount.reason());
            InputException json = assertThrows(InputException.class, () -> p.apply("{\"stream\":"));
            assertEquals("malformed_json", json.reason());
            InputException unknown = assertThrows(InputException.class,
                    () -> ctx.decide("no_such_function", new JsonObject()));
            assertEquals("unknown_value", unknown.reason());
            assertThrows(InputException.class, () -> Context.of("{\"schema_version\":2}", null));
        }
    }

    @Test
    void closedHandlesAreRefusedInJava() {
        Context ctx = Context.defaults();
        ctx.close();
        ctx.close();
        assertThrows(IllegalStateException.class, () -> ctx.decide("approval_route", new JsonObject()));
    }

    @Test
    void explainAndCalendar() {
        JsonObject e = Wanzheng.explain("INV-48.3");
        assertEquals("第四十八条", Json.str(e, "article"));
        assertThrows(InputException.class, () -> Wanzheng.explain("INV-48.9"));
        try (Calendar cal = Calendar.embedded();
                Calendar next = cal.withNotice(notice2027());
                Context ctx = Context.of("{\"inv48_3_inclusive\":true}", next);
                InvestmentProject p = InvestmentProject.create(ctx, register("P1", "1.00", LocalDate.of(2023, 7, 3)))) {
            assertEquals("reserve", p.state());
        }
    }

    /**
     * Source: INV-15.1, INV-44.2 (issue 10 part 4) — a hypothetical amendment (band 20,000,000.00,
     * 10 working days from 2027-07-01): acts on both sides of the date are judged by their own
     * version, and results name it.
     */
    @Test
    void ruleVersionsByDate() throws IOException {
        Path dir = Path.of(System.getProperty("wanzheng.fixtures", "../../tests/fixtures"));
        String amendment = Files.readString(dir.resolve("rulesets/band_20m_2027.json"));
        JsonObject before = new JsonObject();
        before.addProperty("total", "15000000.00");
        before.addProperty("as_of", "2027-06-30");
        JsonObject on = new JsonObject();
        on.addProperty("total", "20000000.00");
        on.addProperty("as_of", "2027-07-01");
        try (Context base = Context.defaults(); Context ctx = base.withRuleset(amendment)) {
            RouteDecision b = ctx.approvalRoute(before);
            assertEquals("standard", b.route());
            assertEquals("2023", b.ruleset());
            RouteDecision a = ctx.approvalRoute(on);
            assertEquals("simplified_fsr_only", a.route());
            assertEquals("2027-amendment", a.ruleset());
            on.addProperty("total", "20000000.01");
            assertEquals("standard", ctx.approvalRoute(on).route());
            JsonObject order = new JsonObject();
            order.addProperty("order_date", "2027-07-01");
            assertEquals("2027-07-15", Json.str(ctx.decide("emergency_change_deadline", order), "date"));
            assertEquals("2027-07-08", Json.str(base.decide("emergency_change_deadline", order), "date"));
            InputException e = assertThrows(InputException.class, () -> ctx.withRuleset(amendment));
            assertEquals("ruleset.version", e.path());
        }
    }

    static String notice2027() {
        Path dir = Path.of(System.getProperty("wanzheng.fixtures", "../../tests/fixtures"));
        try {
            return Files.readString(dir.resolve("calendar/notice_2027_illustrative.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Source: INV-44.2 (issue 10) — an order on 2026-12-28 is due 2027-01-05, provisional; with
     * the 2027 notice loaded the same date is official; 2024-09-27 → 2024-10-10 unchanged.
     */
    @Test
    void deadlinesPastTheNoticesAreProvisional() {
        JsonObject late = new JsonObject();
        late.addProperty("order_date", "2026-12-28");
        JsonObject official = new JsonObject();
        official.addProperty("order_date", "2024-09-27");
        try (Context ctx = Context.defaults()) {
            JsonObject d = ctx.decide("emergency_change_deadline", late);
            assertEquals("2027-01-05", Json.str(d, "date"));
            assertTrue(d.get("provisional").getAsBoolean());
            JsonObject o = ctx.decide("emergency_change_deadline", official);
            assertEquals("2024-10-10", Json.str(o, "date"));
            assertFalse(o.has("provisional"));
        }
        try (Calendar cal = Calendar.embedded(); Calendar next = cal.withNotice(notice2027());
                Context ctx = Context.of(null, next)) {
            assertFalse(cal.isOfficial(LocalDate.of(2027, 2, 20)));
            assertFalse(cal.isWorkingDay(LocalDate.of(2027, 2, 20)));
            assertTrue(next.isOfficial(LocalDate.of(2027, 2, 20)));
            assertTrue(next.isWorkingDay(LocalDate.of(2027, 2, 20)));
            JsonObject d = ctx.decide("emergency_change_deadline", late);
            assertEquals("2027-01-05", Json.str(d, "date"));
            assertFalse(d.has("provisional"));
            InputException e = assertThrows(InputException.class,
                    () -> cal.withNotice(notice2027().replace("\"2027-10-01\", ", "")));
            assertTrue(e.getMessage().contains("2027-10-01"), e.getMessage());
        }
    }

    /** Source: RULES.md §4.1 worked examples, as rows of the shared fixture files. */
    @Test
    void routeDecisionsAgreeWithTheFixtureRows() throws IOException {
        assumeTrue(Wanzheng.decisionFunctions().contains("approval_route"), "approval_route not registered yet");
        List<JsonObject> rows = fixtureRows("approval_route");
        assumeFalse(rows.isEmpty(), "no approval_route fixture rows yet");
        for (JsonObject row : rows) {
            String id = Json.str(row, "id");
            Context ctx = row.has("config") ? Context.of(row.get("config").toString(), null) : Context.defaults();
            try (ctx) {
                if (row.has("error")) {
                    WanzhengException e = assertThrows(WanzhengException.class,
                            () -> ctx.approvalRoute(row.getAsJsonObject("request")), id);
                    assertEquals(Json.str(row, "error"), Json.str(JsonParser.parseString(e.json()).getAsJsonObject(), "kind"), id);
                    continue;
                }
                RouteDecision d = ctx.approvalRoute(row.getAsJsonObject("request"));
                JsonObject expect = row.getAsJsonObject("expect");
                for (String key : expect.keySet()) {
                    assertEquals(expect.get(key), d.json().get(key), id + ": " + key);
                }
                if (expect.has("route")) {
                    assertEquals(Json.str(expect, "route"), d.route(), id);
                }
            }
        }
    }

    /** Source: INV-15.1, INV-13.1 — the 10,000,000.00 boundary of §4.1, typed, single and batched. */
    @Test
    void routeDecisionsAtTheTenMillionBoundary() {
        try (Context ctx = Context.defaults()) {
            RouteDecision at = ctx.approvalRoute(RouteRequest.total("10000000.00"));
            assertEquals("simplified_fsr_only", at.route());
            assertTrue(at.rules().contains("INV-15.1"), at.rules().toString());
            RouteDecision above = ctx.approvalRoute(RouteRequest.total(new java.math.BigDecimal("10000000.01")));
            assertEquals("standard", above.route());
            RouteDecision rebuild = ctx.approvalRoute(
                    RouteRequest.total("10000000.01").flag("partial_rebuild_or_expansion"));
            assertEquals("direct_fsr", rebuild.route());
            assertTrue(rebuild.art14Eligible());
            List<RouteDecision> batch = ctx.approvalRoutes(List.of(RouteRequest.total("10000000.00").toJson(),
                    RouteRequest.total("10000000.01").toJson()));
            assertEquals(List.of(at, above).stream().map(RouteDecision::route).toList(),
                    batch.stream().map(RouteDecision::route).toList());
            InputException tooPrecise = assertThrows(InputException.class,
                    () -> ctx.approvalRoute(RouteRequest.total("10000000.001")));
            assertEquals("amount", tooPrecise.reason());
        }
    }

    /**
     * Source: INV-13.3, INV-15.1–15.5, INV-16.1 — the typed route column gives, row by row, the
     * route of the shared fixture rows (the rows whose request it can express).
     */
    @Test
    void routeColumnAgreesWithTheFixtureRows() throws IOException {
        List<String> totals = new ArrayList<>();
        List<Integer> flags = new ArrayList<>();
        List<String> want = new ArrayList<>();
        for (JsonObject row : fixtureRows("approval_route")) {
            JsonObject request = row.getAsJsonObject("request");
            JsonObject expect = row.getAsJsonObject("expect");
            if (expect == null || row.has("config") || !request.get("total").isJsonPrimitive()) {
                continue;
            }
            int bits = 0;
            for (Map.Entry<String, JsonElement> f : request.getAsJsonObject("flags").entrySet()) {
                if (f.getKey().equals("level")) {
                    bits |= "county".equals(f.getValue().getAsString()) ? RouteFlags.COUNTY : 0;
                } else if (f.getValue().getAsBoolean()) {
                    bits |= RouteFlags.of(f.getKey());
                }
            }
            totals.add(request.get("total").getAsString());
            flags.add(bits);
            want.add(Json.str(expect, "route"));
        }
        assertTrue(want.size() >= 10, "fixture rows read: " + want.size());
        try (Context ctx = Context.defaults()) {
            int[] words = flags.stream().mapToInt(Integer::intValue).toArray();
            assertEquals(want, ctx.approvalRouteColumn(totals, words));
            /* Source: INV-15.1 — the boundary, and a bad amount named by its index. */
            assertEquals(List.of("simplified_fsr_only", "standard"),
                    ctx.approvalRouteColumn(List.of("10000000.00", "10000000.01"), new int[] {0, 0}));
            InputException bad = assertThrows(InputException.class,
                    () -> ctx.approvalRouteColumn(List.of("1.00", "1.005"), new int[] {0, 0}));
            assertEquals("amount", bad.reason());
            assertEquals("[1].total", bad.path());
            InputException flag = assertThrows(InputException.class,
                    () -> ctx.approvalRouteColumn(List.of("1.00"), new int[] {1 << 20}));
            assertEquals("[0].flags", flag.path());
            assertThrows(InvalidArgumentException.class,
                    () -> ctx.approvalRouteColumn(java.util.Arrays.asList("1.00", null), new int[] {0, 0}));
            assertThrows(IllegalArgumentException.class, () -> ctx.approvalRouteColumn(List.of("1.00"), new int[0]));
            assertEquals(List.of(), ctx.approvalRouteColumn(List.of(), new int[0]));
            assertThrows(IllegalArgumentException.class, () -> RouteFlags.of("big"));
        }
    }

    /** The batch call gives, item by item, what the single calls give. */
    @Test
    void batchAgreesWithSingleCalls() throws IOException {
        int compared = 0;
        try (Context ctx = Context.defaults()) {
            for (String function : Wanzheng.decisionFunctions()) {
                List<JsonObject> requests = new ArrayList<>();
                for (JsonObject row : fixtureRows(function)) {
                    if (!row.has("config")) {
                        requests.add(row.getAsJsonObject("request"));
                    }
                }
                JsonObject future = new JsonObject();
                future.addProperty("schema_version", 2);
                requests.add(future);
                List<BatchItem> items = ctx.decideBatch(function, requests);
                assertEquals(requests.size(), items.size());
                for (int i = 0; i < requests.size(); i++) {
                    BatchItem item = items.get(i);
                    JsonObject request = requests.get(i);
                    if (item.ok()) {
                        assertEquals(ctx.decide(function, request), item.result());
                    } else {
                        WanzhengException single = assertThrows(WanzhengException.class, () -> ctx.decide(function, request));
                        assertEquals(single.getClass(), item.error().getClass());
                        assertEquals(single.getMessage(), item.error().getMessage());
                    }
                    compared++;
                }
                InputException last = (InputException) items.get(items.size() - 1).error();
                assertEquals("future_schema_version", last.reason());
            }
            InputException unknown = assertThrows(InputException.class,
                    () -> ctx.decideBatch("no_such_function", List.of(new JsonObject())));
            assertEquals("unknown_value", unknown.reason());
        }
        assumeTrue(compared > 0, "no decision function registered yet: only the batch's refusal was checked");
    }

    /** Threads with their own projects share one context. */
    @Test
    void threadsShareAContext() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Context ctx = Context.defaults()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String pid = "T" + i;
                results.add(pool.submit(() -> {
                    try (InvestmentProject p = InvestmentProject.create(ctx, register(pid, "1.00", LocalDate.of(2023, 7, 3)))) {
                        RuleViolationException e = assertThrows(RuleViolationException.class,
                                () -> p.apply(withdraw(pid, "drc", LocalDate.of(2023, 7, 4))));
                        assertEquals("INV-8", e.ruleId());
                        p.apply(withdraw(pid, "project_unit", LocalDate.of(2023, 7, 4)));
                        return p.state();
                    }
                }));
            }
            for (Future<String> f : results) {
                assertEquals("withdrawn", f.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
