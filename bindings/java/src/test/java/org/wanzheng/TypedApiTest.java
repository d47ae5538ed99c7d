package org.wanzheng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 (Java gaps): the library's vocabulary as Java enums checked against the core's JSON
 * Schema, the §4 requests built by name, enums in typed results, typed state and ledger views, and
 * the project document (the whole project, not just the log) replayed strictly.
 */
class TypedApiTest {
    /** Each generated enum and the {@code $defs} entry of the schema it was generated from. */
    static final Map<Class<? extends Wire>, String> VOCABULARY = Map.ofEntries(
            Map.entry(Actor.class, "Actor"), Map.entry(MachineId.class, "MachineId"),
            Map.entry(OutcomeKind.class, "OutcomeKind"), Map.entry(FindingSource.class, "FindingSource"),
            Map.entry(InvState.class, "InvState"), Map.entry(Route.class, "Route"),
            Map.entry(Situation.class, "Situation"), Map.entry(MaterialChange.class, "MaterialChange"),
            Map.entry(OverrunCause.class, "OverrunCause"), Map.entry(Nature.class, "Nature"),
            Map.entry(FundingMode.class, "FundingMode"), Map.entry(UnitKind.class, "UnitKind"),
            Map.entry(PassFail.class, "PassFail"), Map.entry(Funding.class, "Funding"),
            Map.entry(Level.class, "Level"), Map.entry(Lot.class, "Lot"));

    static List<String> schemaNames(JsonObject def) {
        List<String> out = new ArrayList<>();
        if (def.has("enum")) {
            def.getAsJsonArray("enum").forEach(x -> out.add(x.getAsString()));
            return out;
        }
        for (JsonElement x : def.getAsJsonArray("oneOf")) {
            JsonObject o = x.getAsJsonObject();
            if (o.has("const")) {
                out.add(o.get("const").getAsString());
            } else {
                o.getAsJsonArray("enum").forEach(y -> out.add(y.getAsString()));
            }
        }
        return out;
    }

    /** Every enum lists exactly the schema's names, in its order; {@code of} reads each back and refuses others. */
    @Test
    void theEnumsAreTheCoresVocabulary() {
        JsonObject defs = Fixtures.load(Fixtures.root().resolve("schema").resolve("wanzheng.schema.json"))
                .getAsJsonObject("$defs");
        VOCABULARY.forEach((type, def) -> {
            List<String> java = new ArrayList<>();
            for (Wire w : type.getEnumConstants()) {
                java.add(w.wire());
                assertEquals(w.wire(), w.toString());
            }
            assertEquals(schemaNames(defs.getAsJsonObject(def)), java, type.getSimpleName() + " vs $defs." + def);
        });
        assertEquals(Actor.PROJECT_UNIT, Actor.of("project_unit"));
        assertEquals(Situation.S_41_5, Situation.of("41.5"));
        assertThrows(IllegalArgumentException.class, () -> Funding.of("loan"));
    }

    /** A request built by name is the request built by position; enums go out as their wire names. */
    @Test
    void requestsAreBuiltByName() {
        Decisions.ChangeRouteRequest byName = Decisions.ChangeRouteRequest.builder()
                .change(Decisions.ChangeSpec.builder()
                        .situation(Situation.S_41_1)
                        .material(List.of(MaterialChange.SCALE))
                        .estimateDelta(Decisions.EstimateDelta.builder()
                                .before(new BigDecimal("0.00")).after(new BigDecimal("500000.00")).build())
                        .build())
                .ledger(Decisions.ChangeLedger.builder()
                        .estimate(new BigDecimal("100000000.00"))
                        .originalEstimate(new BigDecimal("100000000.00"))
                        .certifiedCompleted(new BigDecimal("0.00"))
                        .build())
                .build();
        Decisions.ChangeRouteRequest byPosition = new Decisions.ChangeRouteRequest(
                new Decisions.ChangeSpec(null, null, null, null,
                        new Decisions.EstimateDelta(new BigDecimal("0.00"), new BigDecimal("500000.00")), null,
                        List.of(MaterialChange.SCALE), Situation.S_41_1),
                new Decisions.ChangeLedger(null, new BigDecimal("0.00"), new BigDecimal("100000000.00"),
                        new BigDecimal("100000000.00"), null, null, null));
        assertEquals(byPosition, byName);
        JsonObject json = Codec.encode(byName).getAsJsonObject();
        assertEquals("41.1", json.getAsJsonObject("change").get("situation").getAsString());
        assertEquals("scale", json.getAsJsonObject("change").getAsJsonArray("material").get(0).getAsString());
        try (Context ctx = Context.defaults()) {
            Decisions.ChangeRoute r = ctx.changeRoute(byName);
            assertEquals(ctx.decide("change_route", json).get("approver").getAsString(), r.approver().wire());
            assertEquals(Actor.INDUSTRY_AUTHORITY, r.approver(), r.toString());
            Decisions.Deduction d = ctx.subjectiveOverrunDeduction(Decisions.DeductionRequest.builder()
                    .base(new BigDecimal("50000000.00")).estimate(new BigDecimal("100000000.00"))
                    .gap(new BigDecimal("8000000.00")).newTotal(new BigDecimal("108000000.00"))
                    .unitKind(UnitKind.ADMIN_OR_PUBLIC_UNIT).build());
            assertEquals(0, d.deduction().compareTo(new BigDecimal("4000000.00")), d.toString());
        }
    }

    /** Results carry the vocabulary as enums: a DIG approval path names its funding and actors. */
    @Test
    void resultsComeBackAsEnums() {
        try (Context ctx = Context.defaults()) {
            Decisions.ApprovalPath p = ctx.digApprovalPath(
                    Decisions.ApprovalPathRequest.builder().funding(Funding.SPECIAL_FUND).build());
            assertEquals(Funding.SPECIAL_FUND, p.funding());
            assertEquals(Actor.BIGDATA_BUREAU, p.fsrApprover());
            assertNotNull(p.organiser());
            Decisions.InitialAcceptanceDecision a = ctx.digInitialAcceptance(new Decisions.InitialAcceptanceRequest(
                    Decisions.InitialChecks.builder().contentConsistency(PassFail.PASS)
                            .dataResourceConformity(PassFail.FAIL).intensiveConstruction(PassFail.PASS)
                            .securityCompliance(PassFail.PASS).other(Map.of("usability", PassFail.PASS)).build()));
            assertFalse(a.passed(), a.toString());
            assertTrue(a.failed().contains("data_resource_conformity"), a.toString());
            a.outcomes().forEach(o -> assertTrue(o.outcomeKind().isPresent(), o.toString()));
        }
    }

    /** An example project file's investment project: its typed view and ledger agree with the library's JSON. */
    @Test
    void stateAndLedgerAreTyped() {
        JsonObject file = Fixtures.load(Fixtures.root().resolve("examples/investment/hospital_expansion.json"));
        JsonArray cmds = file.getAsJsonArray("commands");
        String id = "NY-ZXYY-MJL";
        try (Context ctx = Context.defaults(); Workspace ws = Workspace.create(ctx)) {
            ws.applyAll(cmds.toString());
            String doc = ws.projectDocument(id);
            // The document replays strictly (its plan entries come with it) ...
            Replayed<InvestmentProject> back = InvestmentProject.replay(ctx, doc, ReplayOptions.strict());
            try (InvestmentProject p = back.project()) {
                assertEquals(List.of(), back.report().differences());
                assertEquals(doc, p.document(), "the rebuilt project gives the same document");
                ProjectView v = p.view();
                assertEquals(MachineId.INV, v.machine());
                assertEquals(id, v.projectId());
                assertEquals(p.state(), v.state());
                assertEquals(InvState.of(v.state()).wire(), v.state());
                assertEquals(Json.array(p.exportLog()).size(), v.logLen());
                assertEquals(v.json().getAsJsonArray("obligations").size(), v.obligations().size());
                InvLedger l = p.ledger();
                JsonObject raw = v.json().getAsJsonObject("ledger");
                for (String name : Codec.names(InvLedger.class)) {
                    assertTrue(name.equals("json") || raw.has(name), "the ledger JSON has no " + name);
                }
                assertEquals(new BigDecimal(raw.get("paid_total").getAsString()), l.paidTotal());
                assertEquals(raw.getAsJsonArray("contracts").size(), l.contracts().size());
                assertFalse(l.contracts().isEmpty());
                l.contracts().forEach(k -> assertNotNull(k.lot(), k.toString()));
                assertNotNull(l.registration().nature());
                assertEquals(Level.MUNICIPAL, l.registration().level());
                for (String k : List.of("computed_route", "chosen_route")) {
                    Route typed = k.equals("computed_route") ? l.computedRoute() : l.chosenRoute();
                    assertEquals(raw.get(k).isJsonNull() ? null : Route.of(raw.get(k).getAsString()), typed, k);
                }
            }
            // ... the bare log does not: re-judged without them, strict replay refuses it.
            try (InvestmentProject p = InvestmentProject.replay(ctx, doc, ReplayOptions.strict()).project()) {
                String log = p.exportLog();
                InputException e = assertThrows(InputException.class,
                        () -> InvestmentProject.replay(ctx, log, ReplayOptions.strict()));
                assertEquals("replay_difference", e.reason(), e.toString());
            }
            InputException unknown = assertThrows(InputException.class, () -> ws.projectDocument("NO-SUCH"));
            assertEquals("project_id", unknown.path());
        }
    }
}
