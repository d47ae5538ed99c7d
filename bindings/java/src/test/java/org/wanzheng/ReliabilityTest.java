package org.wanzheng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.ptr.PointerByReference;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 12 through JNA: one project shared by threads, the one amount grammar, the replay report. */
class ReliabilityTest {
    private static final LocalDate D = LocalDate.of(2023, 7, 4);

    /** Concurrent calls on one handle are serialised by the library: never POISONED_HANDLE. */
    @Test
    void oneProjectSharedByThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Context ctx = Context.defaults();
                InvestmentProject p = InvestmentProject.create(ctx, WanzhengTest.register("J1", "1.00", D))) {
            String refused = WanzhengTest.withdraw("J1", "drc", D).toJson();
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int refusals = 0;
                    for (int i = 0; i < 50; i++) {
                        RuleViolationException e = assertThrows(RuleViolationException.class, () -> p.apply(refused));
                        assertEquals("INV-8", e.ruleId());
                        assertEquals("reserve", p.state());
                        refusals++;
                    }
                    return refusals;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(50, f.get());
            }
            p.apply(WanzhengTest.withdraw("J1", "project_unit", D));
            assertEquals("withdrawn", p.state());
        } finally {
            pool.shutdown();
        }
    }

    /** A BigDecimal is read by its exact text, like a string (and like Python's Decimal). */
    /**
     * One workspace shared by threads: dry runs and screens on one thread while another applies
     * the example's commands — every call answers (the library's lock serialises them), and the
     * end state equals a single-threaded run.
     */
    @Test
    void oneWorkspaceSharedByThreads() throws Exception {
        com.google.gson.JsonArray cmds = ProjectApiTest.commands("investment/village_road.json");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (Context ctx = Context.defaults(); Workspace ws = Workspace.create(ctx); Workspace alone = Workspace.create(ctx)) {
            ws.apply(cmds.get(0).toString());
            alone.apply(cmds.get(0).toString());
            String probe = cmds.get(cmds.size() - 1).toString();
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    int answers = 0;
                    for (int i = 0; i < 40; i++) {
                        WhatIf w = ws.whatIf(probe);
                        assertEquals(w.accepted(), w.transition() != null);
                        assertEquals(false, ws.permittedEvents(LocalDate.of(2023, 9, 5)).streams().isEmpty());
                        answers++;
                    }
                    return answers;
                }));
            }
            for (int i = 1; i < cmds.size(); i++) {
                ws.apply(cmds.get(i).toString());
                alone.apply(cmds.get(i).toString());
            }
            for (Future<Integer> f : readers) {
                assertEquals(40, f.get());
            }
            LocalDate end = LocalDate.of(2026, 12, 31);
            assertEquals(alone.permittedEvents(end).json(), ws.permittedEvents(end).json());
            assertEquals(alone.report(end), ws.report(end));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void bigDecimalAmountsFollowTheOneGrammar() {
        try (Context ctx = Context.defaults()) {
            for (String text : List.of("1E+7", "1.0000", "12.300")) {
                InputException e = assertThrows(InputException.class,
                        () -> ctx.approvalRoute(RouteRequest.total(new BigDecimal(text))));
                assertEquals("amount", e.reason());
                assertThrows(InputException.class, () -> ctx.approvalRoute(RouteRequest.total(text)));
            }
            assertEquals("simplified_fsr_only",
                    ctx.approvalRoute(RouteRequest.total(new BigDecimal("10000000"))).route());
        }
    }

    /** An untouched exported log replays with an empty report. */
    @Test
    void anUntouchedLogReplaysWithAnEmptyReport() {
        try (Context ctx = Context.defaults();
                InvestmentProject p = InvestmentProject.create(ctx, WanzhengTest.register("J2", "1.00", D))) {
            p.apply(WanzhengTest.withdraw("J2", "project_unit", D));
            String log = p.exportLog();
            PointerByReference out = new PointerByReference();
            PointerByReference report = new PointerByReference();
            Ffi.check(Lib.get().wz_inv_project_replay(ctx.pointer(), log, out, report));
            Lib.get().wz_inv_project_free(out.getValue());
            assertEquals("{\"differences\":[]}", Ffi.take(report));
            try (InvestmentProject q = InvestmentProject.replay(ctx, log)) {
                assertEquals(p.stateJson(), q.stateJson());
            }
            String tampered = log.replace("\"1.00\"", "\"2.00\"");
            assertNotEquals(log, tampered);
            InputException e = assertThrows(InputException.class, () -> InvestmentProject.replay(ctx, tampered));
            assertEquals("broken_chain", e.reason());
        }
    }
}
