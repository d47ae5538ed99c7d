package org.wanzheng;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The ledger of an investment project as typed values ({@link InvestmentProject#ledger()}): the
 * registration, the route, the figures the rules compare (RULES.md §1.7: A0, A, B, certified
 * completed, paid), the contracts and payment requests, and the key dates. Names are the
 * library's ({@code paidTotal} is {@code paid_total}); amounts {@code BigDecimal}, dates
 * {@code LocalDate}, null when not yet set. {@code json} is the whole ledger JSON, for the fields
 * the view does not type. No rule is judged in Java.
 */
public record InvLedger(
        Registration registration,
        Route computedRoute,
        Route chosenRoute,
        boolean emergencyRecognized,
        BigDecimal fsrEstimate,
        BigDecimal approvedFsrEstimate,
        BigDecimal compiledEstimate,
        BigDecimal estimate,
        BigDecimal originalEstimate,
        BigDecimal budget,
        BigDecimal certifiedCompleted,
        BigDecimal paidTotal,
        BigDecimal contingency,
        BigDecimal contingencyDrawn,
        int adjustmentsApproved,
        boolean fundingSuspended,
        List<Contract> contracts,
        List<Payment> payments,
        LocalDate approvedOn,
        LocalDate startedOn,
        LocalDate completedOn,
        LocalDate acceptedOn,
        BigDecimal settlement,
        JsonObject json) {

    /** The registration ({@code register_project} / {@code import_legacy}). */
    public record Registration(String name, String sector, Nature nature, FundingMode mode, boolean usesLoan,
            BigDecimal total, Level level, UnitKind unitKind, String industryAuthorityOrg, boolean classified,
            String projectCode) {}

    /** A contract ({@code award_contract}) with what changes and payments did to it. */
    public record Contract(String contractId, String tenderId, Lot lot, String contractor, BigDecimal price,
            boolean inBudgetScope, List<String> items, BigDecimal paid, BigDecimal changeExtra, BigDecimal unreviewed,
            BigDecimal settled) {}

    /** A payment request and what became of it ({@code status}: requested, approved, disbursed). */
    public record Payment(String requestId, String contractId, String itemId, BigDecimal amount, boolean inBudgetScope,
            String status, LocalDate approvedOn, BigDecimal disbursed, LocalDate disbursedOn, Integer disbursedSeq) {}
}
