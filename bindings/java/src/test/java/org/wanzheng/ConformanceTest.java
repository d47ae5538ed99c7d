package org.wanzheng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared fixtures through the Java API, as the Rust, C and Python suites run them: decision
 * rows, scenarios (through a {@link Workspace}), the permitted screens (issue 13) and the tamper
 * cases (issue 12, INV-57).
 */
class ConformanceTest {
    static final Map<String, Class<? extends WanzhengException>> ERRORS = Map.of(
            "input_error", InputException.class,
            "rule_violation", RuleViolationException.class,
            "transition_error", TransitionException.class);

    @TestFactory
    List<DynamicTest> decisionRows() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("investment", "digital")) {
            for (Path p : Fixtures.files(Fixtures.dir().resolve(kind))) {
                JsonObject doc = Fixtures.load(p);
                String function = doc.get("function").getAsString();
                for (JsonElement r : doc.getAsJsonArray("rows")) {
                    JsonObject row = r.getAsJsonObject();
                    String name = kind + "/" + function + "/" + row.get("id").getAsString();
                    tests.add(dynamicTest(name, () -> decisionRow(function, row)));
                }
            }
        }
        assertTrue(tests.size() > 150, "rows found: " + tests.size());
        return tests;
    }

    static void decisionRow(String function, JsonObject row) {
        try (Context ctx = Fixtures.context(row)) {
            JsonObject request = row.getAsJsonObject("request");
            if (row.has("error")) {
                assertInstanceOf(ERRORS.get(row.get("error").getAsString()),
                        assertThrows(WanzhengException.class, () -> ctx.decide(function, request)));
                return;
            }
            JsonObject got = ctx.decide(function, request);
            assertTrue(Fixtures.subset(row.get("expect"), got), () -> "expected " + row.get("expect") + " within " + got);
        }
    }

    @TestFactory
    List<DynamicTest> scenarios() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : Fixtures.files(Fixtures.dir().resolve("scenarios"))) {
            tests.add(dynamicTest(p.getFileName().toString(), () -> scenario(Fixtures.load(p))));
        }
        assertTrue(tests.size() >= 29, "scenarios found: " + tests.size());
        return tests;
    }

    static void scenario(JsonObject doc) {
        try (Context ctx = Fixtures.context(doc); Workspace ws = Workspace.create(ctx)) {
            JsonArray steps = doc.getAsJsonArray("steps");
            for (int i = 0; i < steps.size(); i++) {
                String at = "step " + i;
                JsonObject step = steps.get(i).getAsJsonObject();
                Command cmd = Command.parse(step.get("command").toString());
                JsonObject exp = step.getAsJsonObject("expect");
                boolean wantOk = !exp.has("ok") || exp.get("ok").getAsBoolean();
                // The dry run answers as apply will, and changes nothing.
                WhatIf dry = exp.has("error") && exp.get("error").getAsString().equals("input_error") ? null : ws.whatIf(cmd);
                if (!wantOk) {
                    WanzhengException e = assertThrows(WanzhengException.class, () -> ws.apply(cmd), at);
                    String kind = exp.has("error") ? exp.get("error").getAsString() : null;
                    if (kind != null) {
                        assertInstanceOf(ERRORS.get(kind), e, at);
                    }
                    if (exp.has("reason")) {
                        assertEquals(exp.get("reason").getAsString(), ((InputException) e).reason(), at);
                    }
                    if (exp.has("rule_id")) {
                        assertEquals(exp.get("rule_id").getAsString(), e.ruleId(), at);
                    }
                    if (exp.has("state")) {
                        assertEquals(exp.get("state").getAsString(), ((TransitionException) e).state(), at);
                    }
                    if (dry != null) {
                        assertFalse(dry.accepted(), at);
                        assertEquals(withoutFunction(e.json()), withoutFunction(dry.rejection().json()), at);
                    }
                    continue;
                }
                Transition t = ws.apply(cmd);
                assertTrue(dry.accepted(), at);
                assertEquals(t, dry.transition(), at + ": the dry run gives apply's transition");
                if (exp.has("to")) {
                    assertEquals(exp.get("to").getAsString(), t.to(), at);
                }
                if (exp.has("from")) {
                    assertEquals(exp.get("from").getAsString(), t.from(), at);
                }
                if (exp.has("exceptions_used")) {
                    List<Integer> used = new ArrayList<>();
                    exp.getAsJsonArray("exceptions_used").forEach(x -> used.add(x.getAsInt()));
                    assertEquals(used, t.exceptionsUsed(), at);
                }
                if (exp.has("outcomes")) {
                    JsonArray got = new JsonArray();
                    for (Outcome o : t.outcomes()) {
                        JsonObject x = new JsonObject();
                        x.addProperty("kind", o.kind());
                        x.addProperty("rule", o.rule());
                        if (!o.detail().isEmpty()) {
                            x.addProperty("detail", o.detail());
                        }
                        got.add(x);
                    }
                    assertEquals(exp.get("outcomes"), got, at);
                }
            }
            if (doc.has("final")) {
                JsonObject fin = doc.getAsJsonObject("final");
                String stream = fin.get("stream").getAsString();
                StreamReport r = ws.report(LocalDate.parse(fin.get("as_of").getAsString())).stream()
                        .filter(s -> s.stream().equals(stream)).findFirst().orElseThrow();
                if (fin.has("state")) {
                    assertEquals(fin.get("state").getAsString(), r.state());
                }
                Set<String> codes = new TreeSet<>();
                r.findings().forEach(f -> codes.add(f.code()));
                for (JsonElement c : fin.getAsJsonArray("findings")) {
                    assertTrue(codes.contains(c.getAsString()), c + " not in " + codes);
                }
            }
        }
    }

    /** An error's JSON without the name of the C function that raised it. */
    static JsonObject withoutFunction(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        o.remove("function");
        return o;
    }

    /** Issue 13: the screens of tests/fixtures/permitted, exactly as Rust, C and Python give them. */
    @TestFactory
    List<DynamicTest> permittedScreens() {
        Path dir = Fixtures.dir().resolve("permitted");
        JsonObject screens = Fixtures.load(dir.resolve("screens.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement r : Fixtures.load(dir.resolve("rows.json")).getAsJsonArray("rows")) {
            JsonObject row = r.getAsJsonObject();
            String id = row.get("id").getAsString();
            tests.add(dynamicTest(id, () -> {
                JsonObject scenario = Fixtures.load(Fixtures.dir().resolve("scenarios").resolve(row.get("scenario").getAsString()));
                try (Context ctx = Fixtures.context(scenario); Workspace ws = Workspace.create(ctx)) {
                    JsonArray steps = scenario.getAsJsonArray("steps");
                    int n = Math.min(row.get("steps").getAsInt(), steps.size());
                    for (int i = 0; i < n; i++) {
                        try {
                            ws.apply(steps.get(i).getAsJsonObject().get("command").toString());
                        } catch (RuleViolationException | TransitionException | InputException e) {
                            // rows.json: rejections are ignored
                        }
                    }
                    String actor = row.get("actor").isJsonNull() ? null : row.get("actor").getAsString();
                    Screen s = ws.permittedEvents(LocalDate.parse(row.get("as_of").getAsString()), actor);
                    assertEquals(screens.get(id), JsonParser.parseString(s.json()), id);
                    // The typed screen carries the same buttons.
                    int events = 0;
                    for (JsonElement st : screens.getAsJsonObject(id).getAsJsonArray("streams")) {
                        events += st.getAsJsonObject().getAsJsonArray("events").size();
                    }
                    assertEquals(events, s.streams().stream().mapToInt(x -> x.events().size()).sum());
                    assertEquals(actor, s.actor());
                }
            }));
        }
        assertEquals(screens.size(), tests.size(), "a row for every screen");
        return tests;
    }

    /**
     * Issue 13 "done means": walking the shared standard-route scenario, each step (once its
     * stream exists) is listed as allowed for its actor on its date before it is applied, and its
     * dry run is accepted.
     */
    @TestFactory
    List<DynamicTest> standardRouteWalk() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("inv_standard_route.json", "plan_2024_on_time.json", "dig_data_sharing_platform.json")) {
            tests.add(dynamicTest(name, () -> {
                JsonObject doc = Fixtures.load(Fixtures.dir().resolve("scenarios").resolve(name));
                int checked = 0;
                try (Context ctx = Fixtures.context(doc); Workspace ws = Workspace.create(ctx)) {
                    for (JsonElement st : doc.getAsJsonArray("steps")) {
                        JsonObject step = st.getAsJsonObject();
                        JsonObject cmd = step.getAsJsonObject("command");
                        JsonObject exp = step.getAsJsonObject("expect");
                        boolean ok = !exp.has("ok") || exp.get("ok").getAsBoolean();
                        JsonObject stream = cmd.getAsJsonObject("stream");
                        String machine = stream.get("machine").getAsString();
                        String instance = stream.get("instance").getAsString();
                        String event = cmd.get("event").getAsString();
                        Screen screen = ws.permittedEvents(LocalDate.parse(cmd.get("date").getAsString()),
                                cmd.get("actor").getAsString());
                        StreamScreen s = screen.streams().stream()
                                .filter(x -> x.machine().equals(machine) && x.instance().equals(instance)).findFirst()
                                .orElse(null);
                        if (ok && s != null) {
                            PermittedEvent pe = s.event(event);
                            assertTrue(pe.allowed(), name + ": " + machine + "/" + instance + " " + event + " not listed as allowed: " + pe);
                            assertTrue(ws.whatIf(cmd.toString()).accepted(), event);
                            checked++;
                        }
                        try {
                            ws.apply(cmd.toString());
                        } catch (RuleViolationException | TransitionException e) {
                            assertFalse(ok, name + ": " + event + " refused: " + e.getMessage());
                        }
                    }
                }
                assertTrue(checked > 5, name + ": steps checked " + checked);
            }));
        }
        return tests;
    }

    /** Issue 12 item 2 (INV-57): each rewritten log of tests/fixtures/tamper is caught as the fixture says. */
    @TestFactory
    List<DynamicTest> tamperCases() {
        JsonObject doc = Fixtures.load(Fixtures.dir().resolve("tamper").resolve("inv_violations.json"));
        JsonObject logs = doc.getAsJsonObject("logs");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement c : doc.getAsJsonArray("cases")) {
            JsonObject tc = c.getAsJsonObject();
            tests.add(dynamicTest(tc.get("id").getAsString(), () -> {
                JsonElement l = logs.get(tc.get("log").getAsString());
                String log = l.isJsonPrimitive() ? l.getAsString() : l.toString();
                JsonObject exp = tc.getAsJsonObject("expect");
                try (Context ctx = Context.defaults()) {
                    if (exp.has("error")) {
                        InputException e = assertThrows(InputException.class,
                                () -> InvestmentProject.replay(ctx, log, tc.get("options").toString()));
                        assertEquals(exp.get("error").getAsString(), e.reason(), e.getMessage());
                        if (exp.has("path")) {
                            assertEquals(exp.get("path").getAsString(), e.path());
                        }
                        return;
                    }
                    Replayed<InvestmentProject> r = InvestmentProject.replay(ctx, log, tc.get("options").toString());
                    try (InvestmentProject p = r.project()) {
                        assertEquals(exp.get("differences").getAsInt(), r.report().differences().size());
                        assertTrue(p.stateJson().has("state"));
                    }
                }
            }));
        }
        return tests;
    }

    /** The tamper fixture's own keys through the typed options: a checkpoint made in Java verifies. */
    @TestFactory
    List<DynamicTest> checkpointsMadeInJava() {
        JsonObject doc = Fixtures.load(Fixtures.dir().resolve("tamper").resolve("inv_violations.json"));
        JsonObject keys = doc.getAsJsonObject("keys");
        JsonElement o = doc.getAsJsonObject("logs").get("original");
        String original = o.isJsonPrimitive() ? o.getAsString() : o.toString();
        return List.of(dynamicTest("checkpoint-roundtrip", () -> {
            try (Context ctx = Context.defaults(); InvestmentProject p = InvestmentProject.replay(ctx, original)) {
                JsonObject signing = new JsonObject();
                signing.add("hmac_key", keys.get("hmac_key"));
                signing.add("signing_key", keys.get("signing_key"));
                String cp = p.checkpoint(signing.toString());
                assertEquals(doc.get("checkpoint"), JsonParser.parseString(cp));
                JsonObject head = JsonParser.parseString(cp).getAsJsonObject();
                ReplayOptions ok = ReplayOptions.strict().expectedLen(head.get("len").getAsLong())
                        .expectedHead(head.get("head").getAsString()).checkpoint(cp)
                        .hmacKey(keys.get("hmac_key").getAsString()).publicKey(keys.get("public_key").getAsString());
                // The project document (its log with the plan years it was judged against).
                Replayed<InvestmentProject> r = InvestmentProject.replay(ctx, original, ok);
                try (InvestmentProject q = r.project()) {
                    assertEquals(List.of(), r.report().differences());
                    assertEquals(p.exportLog(), q.exportLog());
                }
                // A dropped tail: the recorded length catches it.
                JsonObject cut = JsonParser.parseString(original).getAsJsonObject();
                JsonArray log = cut.getAsJsonArray("log");
                log.remove(log.size() - 1);
                InputException e = assertThrows(InputException.class, () -> InvestmentProject.replay(ctx, cut.toString(),
                        ReplayOptions.strict().expectedLen(head.get("len").getAsLong())));
                assertEquals("head_mismatch", e.reason());
                assertNull(e.ruleId().isEmpty() ? null : e.ruleId());
            }
        }));
    }

    /**
     * Issue 13 item 5: every bundled example gives the CLI's exact counts from Java — each command
     * built as a Java {@link Command} and applied through a {@link Workspace} (plan-stream commands
     * included), and {@link Wanzheng#check} equal to {@code wanzheng check --json}.
     */
    @TestFactory
    List<DynamicTest> examplesGiveTheCliCounts() {
        Path cli = Path.of(System.getProperty("wanzheng.cli", Fixtures.root().resolve("target/debug/wanzheng").toString()));
        assertTrue(Files.isExecutable(cli), "the CLI is needed as the reference: cargo build -p wanzheng-cli (" + cli + ")");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : Fixtures.walk(Fixtures.root().resolve("examples"))) {
            JsonObject doc = Fixtures.load(p);
            if (!doc.has("commands")) {
                continue; // not a project file (notebook data, C example data of another shape)
            }
            tests.add(dynamicTest(Fixtures.root().relativize(p).toString(), () -> {
                JsonObject want = JsonParser.parseString(Cli.run(cli, "check", "--json", p.toString())).getAsJsonObject();
                JsonObject summary = want.getAsJsonObject("summary");
                // 1. The whole file through the library's check: the CLI's report.
                CheckReport report = Wanzheng.check(p);
                assertEquals(want, JsonParser.parseString(report.json()));
                assertEquals(summary.get("accepted").getAsInt(), report.accepted());
                assertEquals(summary.get("rejected").getAsInt(), report.rejected());
                assertEquals(summary.get("findings").getAsInt(), report.findings());
                // 2. Command by command from Java.
                int accepted = 0;
                int rejected = 0;
                try (Context ctx = Fixtures.context(doc); Workspace ws = Workspace.create(ctx)) {
                    for (JsonElement c : doc.getAsJsonArray("commands")) {
                        try {
                            ws.apply(Command.parse(c.toString()));
                            accepted++;
                        } catch (RuleViolationException | TransitionException e) {
                            rejected++;
                        }
                    }
                    assertEquals(summary.get("accepted").getAsInt(), accepted, "accepted");
                    assertEquals(summary.get("rejected").getAsInt(), rejected, "rejected");
                    List<StreamReport> streams = ws.report(LocalDate.parse(want.get("as_of").getAsString()));
                    int findings = streams.stream().mapToInt(s -> s.findings().size()).sum();
                    assertEquals(summary.get("findings").getAsInt(), findings, "findings");
                    assertEquals(want.getAsJsonArray("streams").size(), streams.size());
                }
            }));
        }
        assertTrue(tests.size() >= 8, "examples found: " + tests.size());
        return tests;
    }
}
