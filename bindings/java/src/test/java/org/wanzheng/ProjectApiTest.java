package org.wanzheng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13 item 4: digital projects, the workspace, dry runs and screens, and the command builder from Java. */
class ProjectApiTest {
    static JsonArray commands(String example) {
        return Fixtures.load(Fixtures.root().resolve("examples").resolve(example)).getAsJsonArray("commands");
    }

    /** A digital project alone (its `dig` stream; the cycle's acts belong to a workspace). */
    @Test
    void aDigitalProjectAppliesWhatIfsReplays() {
        JsonArray cmds = commands("digital/soe_self_funded_filing.json");
        try (Context ctx = Context.defaults();
             DigitalProject p = DigitalProject.create(ctx, Command.parse(cmds.get(0).toString()))) {
            assertEquals("dig", p.permittedEvents(LocalDate.of(2023, 9, 6)).streams().get(0).machine());
            Command next = Command.parse(cmds.get(1).toString());
            String before = p.exportLog();
            WhatIf dry = p.whatIf(next);
            assertEquals(before, p.exportLog(), "a dry run changes nothing");
            Screen screen = p.permittedEvents(LocalDate.of(2023, 10, 11), "demand_unit");
            StreamScreen dig = screen.stream("dig", "PARK-2024");
            assertEquals(dry.accepted(), dig.event("submit_demand_plan").allowed(),
                    "the screen and the dry run agree on the next step: " + dig.event("submit_demand_plan"));
            Transition t = p.apply(next);
            assertEquals(dry.transition(), t, "apply gives the dry run's transition");
            assertEquals(t.to(), p.state());
            List<Obligation> obligations = p.obligations(LocalDate.of(2023, 10, 12));
            obligations.forEach(o -> assertTrue(o.due() != null && o.opened() != null && !o.rule().isEmpty(), o.toString()));
            p.findings(LocalDate.of(2024, 12, 31)).forEach(f -> assertTrue(f.code().startsWith("F-"), f.toString()));
            Replayed<DigitalProject> back = DigitalProject.replay(ctx, p.exportLog(), ReplayOptions.strict());
            try (DigitalProject q = back.project()) {
                assertEquals(List.of(), back.report().differences());
                assertEquals(p.exportLog(), q.exportLog());
                assertEquals(p.state(), q.state());
            }
        }
    }

    /** A refused act and a dry run of it: the same exception, with rule ID, article and messages; nothing changed. */
    @Test
    void aRefusalCarriesItsRuleAndChangesNothing() {
        JsonArray cmds = commands("investment/violations.json");
        try (Context ctx = Context.defaults(); Workspace ws = Workspace.create(ctx)) {
            List<Step> steps = ws.applyAll(cmds.toString());
            assertEquals(cmds.size(), steps.size());
            Step refused = steps.stream().filter(s -> !s.accepted()).findFirst().orElseThrow();
            RuleViolationException e = assertInstanceOf(RuleViolationException.class, refused.error());
            assertEquals("INV-35.3", e.ruleId());
            assertEquals("第三十五条", e.article());
            assertTrue(e.messageZh().contains("超合同支付") && !e.messageEn().isEmpty(), e.messageZh());
            assertTrue(e.outcomes().stream().anyMatch(o -> o.rule().equals("INV-35.3") && o.article().equals("第三十五条")));
            // The same history up to it, one by one: the dry run and apply refuse it the same way.
            try (Workspace ws2 = Workspace.create(ctx)) {
                for (int i = 0; i < refused.index() - 1; i++) {
                    ws2.apply(cmds.get(i).toString());
                }
                String cmd = cmds.get(refused.index() - 1).toString();
                WhatIf dry = ws2.whatIf(cmd);
                assertFalse(dry.accepted());
                assertEquals("INV-35.3", dry.rejection().ruleId());
                RuleViolationException again = assertThrows(RuleViolationException.class, () -> ws2.apply(cmd));
                assertEquals(e.outcomes(), again.outcomes());
                assertEquals(e.outcomes(), ((RuleViolationException) dry.rejection()).outcomes());
            }
            // The workspace screen lists every stream: projects, plan years.
            Screen screen = ws.permittedEvents(LocalDate.of(2024, 12, 31));
            assertTrue(screen.streams().stream().anyMatch(s -> s.machine().equals("plan")), screen.json());
            assertTrue(screen.streams().stream().anyMatch(s -> s.machine().equals("inv")), screen.json());
            assertThrows(InputException.class, () -> ws.permittedEvents(LocalDate.of(2024, 1, 1), "nobody"));
        }
    }

    @Test
    void theCommandBuilderSendsArraysAmountsDatesAndObjects() {
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("before", new BigDecimal("1000000.00"));
        delta.put("after", new BigDecimal("1200000.00"));
        Command c = Command.stream("change", "P1", "C1").event("propose_change").actor("project_unit")
                .date(LocalDate.of(2024, 3, 1)).fact("estimate_delta", delta)
                .fact("material", List.of("scale", "location")).fact("order_date", LocalDate.of(2024, 2, 27))
                .fact("count", 3L).fact("major", true).coActor("drc", "南阳市发展和改革委员会");
        JsonObject json = JsonParser.parseString(c.toJson()).getAsJsonObject();
        JsonObject facts = json.getAsJsonObject("facts");
        assertEquals("1200000.00", facts.getAsJsonObject("estimate_delta").get("after").getAsString());
        assertTrue(facts.getAsJsonObject("estimate_delta").get("after").getAsJsonPrimitive().isString());
        assertEquals("[\"scale\",\"location\"]", facts.get("material").toString());
        assertEquals("2024-02-27", facts.get("order_date").getAsString());
        assertEquals(3, facts.get("count").getAsInt());
        assertEquals("C1", json.getAsJsonObject("stream").get("instance").getAsString());
        assertEquals("drc", json.getAsJsonArray("co_actors").get(0).getAsJsonObject().get("actor").getAsString());
        assertEquals("{\"machine\":\"plan\",\"instance\":\"2024\"}", JsonParser.parseString(Command.plan(2024).toJson())
                .getAsJsonObject().get("stream").toString());
        // A double is never accepted: amounts are exact.
        assertThrows(IllegalArgumentException.class, () -> Command.inv("P1").fact("total", 1.5));
        List<Object> withDouble = new ArrayList<>(List.of("a", 2.5));
        assertThrows(IllegalArgumentException.class, () -> Command.inv("P1").fact("xs", withDouble));
    }

    /** Issue 12: a duplicate key is refused before Gson could keep only the last value; deep nesting is refused. */
    @Test
    void parsedCommandsRefuseDuplicateKeysAndDeepNesting() {
        String dup = "{\"stream\":{\"machine\":\"inv\",\"project_id\":\"P1\",\"instance\":\"P1\"},"
                + "\"event\":\"approve_payment\",\"actor\":\"finance\",\"date\":\"2024-01-02\","
                + "\"facts\":{\"amount\":\"9999999.00\",\"amount\":\"2400000.00\"}}";
        InputException e = assertThrows(InputException.class, () -> Command.parse(dup));
        assertEquals("duplicate_key", e.reason());
        assertEquals("facts.amount", e.path());
        String deep = "{\"facts\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals("nesting", assertThrows(InputException.class, () -> Command.parse(deep)).reason());
        assertEquals("malformed_json", assertThrows(InputException.class, () -> Command.parse("{\"a\":")).reason());
        assertEquals("schema", assertThrows(InputException.class, () -> Command.parse("[]")).reason());
    }

    /** Plan-stream commands from Java (issue 13 item 5: they were refused, leaving 12 spurious F-INV-12.2). */
    @Test
    void planStreamCommandsAreAcceptedFromJava() {
        JsonArray cmds = commands("investment/hospital_expansion.json");
        int plan = 0;
        try (Context ctx = Context.defaults(); Workspace ws = Workspace.create(ctx)) {
            for (JsonElement c : cmds) {
                Transition t = ws.apply(Command.parse(c.toString()));
                if (t.machine().equals("plan")) {
                    plan++;
                }
            }
            assertTrue(plan > 0, "the example has plan-stream commands");
            long breaches = ws.report(LocalDate.of(2026, 12, 31)).stream().flatMap(s -> s.findings().stream())
                    .filter(f -> f.code().equals("F-INV-12.2")).count();
            assertEquals(0, breaches);
        }
    }
}
