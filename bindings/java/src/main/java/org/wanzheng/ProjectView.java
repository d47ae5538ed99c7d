package org.wanzheng;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * The state of a project as typed values ({@link Project#view()}): its machine, project id,
 * lifecycle state, log length and head hash, and every obligation (open or closed) — with the
 * library's whole state JSON in {@code json} for what the view does not type ({@code ledger},
 * {@code exceptions}; an investment project's ledger is typed by
 * {@link InvestmentProject#ledger()}).
 */
public record ProjectView(MachineId machine, String projectId, String state, int logLen, String head,
        List<Obligation> obligations, JsonObject json) {}
