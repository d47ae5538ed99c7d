package org.wanzheng;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The typed requests and results of the RULES.md §4 decision functions, called through
 * {@link Context} ({@code ctx.changeRoute(request)}, …). Names mirror the library's JSON fields
 * (a component {@code newTotal} is the field {@code new_total}); amounts are {@code BigDecimal}
 * (sent as their exact text), dates {@code LocalDate}; enumerations are their snake_case strings
 * ({@code "route1_industry"}, {@code "special_fund"}: docs/reference.md lists them). A null request
 * component is left out (the library's default, where it has one). Every result names the rules
 * applied, in order, and its outcomes. No rule is judged in Java.
 */
public final class Decisions {
    private Decisions() {}

    // ---- §4.2 estimate_excess_check

    /** {@code estimate_excess_check} request (§4.2). {@code changes}: material changes ({@code scale}, …). */
    public record ExcessCheckRequest(List<String> changes, BigDecimal compiledEstimate, BigDecimal estimate,
            BigDecimal fsrEstimate, String route) {}

    /** {@code estimate_excess_check} result. */
    public record ExcessCheck(boolean reportRequired, List<String> reasons, List<String> rules, List<Outcome> outcomes,
            String ruleset) {}

    // ---- §4.3 estimate_overrun_route

    /** An estimate before and after. */
    public record EstimateDelta(BigDecimal before, BigDecimal after) {}

    /** {@code estimate_overrun_route} request (§4.3). */
    public record OverrunRouteRequest(Boolean accConsented, Integer adjustmentsSoFar, String cause,
            BigDecimal certifiedCompleted, EstimateDelta delta, BigDecimal estimate, BigDecimal newTotal,
            BigDecimal originalEstimate, Boolean selfFunding, String situation, BigDecimal unauthorised) {}

    /** {@code estimate_overrun_route} result. */
    public record OverrunRoute(String route, boolean adjustment, String approver, boolean evaluationRequired,
            boolean govConsentRequired, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.4 change_route

    /** A contract's price before and after a change. */
    public record ContractPrices(String contractId, BigDecimal price, BigDecimal priceAfter) {}

    /** The change of a {@code change_route} request. */
    public record ChangeSpec(BigDecimal budget, BigDecimal budgetAfter, List<ContractPrices> contracts,
            LocalDate emergencyOrderDate, EstimateDelta estimateDelta, Boolean major, List<String> material,
            String situation) {}

    /** The project's ledger for a {@code change_route} request. */
    public record ChangeLedger(Integer adjustmentsSoFar, BigDecimal certifiedCompleted, BigDecimal estimate,
            BigDecimal originalEstimate, EstimateDelta pendingDelta, Boolean selfFunding,
            EstimateDelta unauthorisedDelta) {}

    /** {@code change_route} request (§4.4). */
    public record ChangeRouteRequest(ChangeSpec change, ChangeLedger ledger) {}

    /** {@code change_route} result. */
    public record ChangeRoute(boolean permitted, String approver, BigDecimal newTotal, boolean reportOriginalApprover,
            boolean govConsentBeforeExtraFunds, BigDecimal extraFunds, String overrunRoute,
            String implementationAfter, LocalDate postHocDeadline, boolean provisional, List<String> materials,
            List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.5 payment_check

    /** The project's ledger for a {@code payment_check} request. */
    public record PaymentLedger(BigDecimal budget, BigDecimal contractCeiling, BigDecimal estimate,
            String fundingSuspended, Boolean inPlan, BigDecimal paidBudgetScope, BigDecimal paidContract,
            BigDecimal paidTotal, BigDecimal planAmountLeft, @Name("unconsented_43") BigDecimal unconsented43,
            BigDecimal unreviewed) {}

    /** The payment asked for. */
    public record PaymentFacts(BigDecimal amount, Boolean inBudgetScope, Boolean inScope, String lotClass,
            BigDecimal progressCap, BigDecimal wageShare, BigDecimal wagesDue) {}

    /** {@code payment_check} request (§4.5). */
    public record PaymentCheckRequest(PaymentLedger ledger, PaymentFacts request) {}

    /** {@code payment_check} result: no outcome means the payment may be made. */
    public record PaymentCheck(List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.6 plan_calendar

    /** {@code plan_calendar} request (§4.6). */
    public record PlanCalendarRequest(List<String> copiesTo, LocalDate draftSubmittedOn, LocalDate issuedOn,
            LocalDate submittedOn, Integer year) {}

    /** {@code plan_calendar} result. */
    public record PlanCalendar(LocalDate submitBy, LocalDate meetingBy, LocalDate issueFrom, LocalDate issueTo,
            LocalDate digDemandFrom, LocalDate digDemandTo, boolean provisional, List<String> rules,
            List<Outcome> outcomes, String ruleset) {}

    // ---- §4.7 emergency_change_deadline

    /** {@code emergency_change_deadline} request (§4.7). */
    public record EmergencyDeadlineRequest(LocalDate filedOn, LocalDate orderDate) {}

    /** A deadline ({@code emergency_change_deadline}); provisional in a year without a holiday notice. */
    public record Deadline(LocalDate date, List<String> rules, List<Outcome> outcomes, boolean provisional,
            String ruleset) {}

    // ---- §4.8 funding_mode_check

    /** {@code funding_mode_check} request (§4.8). */
    public record FundingModeRequest(@Name("basis_3_2") Boolean basis32, String mode, String nature,
            Boolean usesLoan) {}

    /** {@code funding_mode_check} result. */
    public record FundingModeCheck(List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.9 subjective_overrun_deduction

    /** {@code subjective_overrun_deduction} request (§4.9). */
    public record DeductionRequest(BigDecimal base, BigDecimal estimate, BigDecimal gap, BigDecimal newTotal,
            String unitKind) {}

    /** {@code subjective_overrun_deduction} result. */
    public record Deduction(BigDecimal deduction, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.10 digital-government functions

    /** {@code dig_demand_change_allowed} request. */
    public record DemandChangeRequest(Boolean bureauConsent, Boolean demoPassed) {}

    /** {@code dig_demand_change_allowed} result. */
    public record DemandChangeDecision(boolean allowed, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_emergency_add_ok} request. */
    public record EmergencyAddRequest(Boolean consentLeaderBigdata, Boolean consentViceMayor, Boolean suddenEvent,
            Boolean urgentDeployment) {}

    /** {@code dig_emergency_add_ok} result. */
    public record EmergencyAddDecision(boolean ok, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_emergency_ok} request. */
    public record EmergencyRequest(Boolean consentLeaderBigdata, Boolean consentViceMayor,
            Boolean deadlineAndAssessment, Boolean suddenEvent, Boolean urgentDeployment) {}

    /** {@code dig_emergency_ok} result. */
    public record EmergencyDecision(boolean ok, @Name("category_18") boolean category18,
            @Name("addable_13_7") boolean addable137, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** The checks of an initial acceptance, each {@code pass} or {@code fail}; {@code other}: further checks by name. */
    public record InitialChecks(String contentConsistency, String dataResourceConformity, String intensiveConstruction,
            String securityCompliance, Map<String, String> other) {}

    /** {@code dig_initial_acceptance} request. */
    public record InitialAcceptanceRequest(InitialChecks checks) {}

    /** {@code dig_initial_acceptance} result. */
    public record InitialAcceptanceDecision(boolean passed, List<String> failed, String nextState, List<String> rules,
            List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_approval_path} request. */
    public record ApprovalPathRequest(String funding) {}

    /** {@code dig_approval_path} result. */
    public record ApprovalPath(String funding, String fsrApprover, boolean centerConsentFirst, String drc,
            String organiser, boolean fundUserMayBuild, boolean specialFund, boolean invParts,
            boolean dedicatedAccount, boolean soeInvestmentPlan, List<String> rules, List<Outcome> outcomes,
            String ruleset) {}

    /** {@code dig_regime} request. */
    public record RegimeRequest(LocalDate constructionStart, LocalDate fundsInPlace) {}

    /** {@code dig_regime} result. */
    public record RegimeDecision(String regime, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_dedicated_account_required} request. */
    public record DedicatedAccountRequest(BigDecimal amount, BigDecimal priorFiscal, String source,
            BigDecimal threshold) {}

    /** {@code dig_dedicated_account_required} result. */
    public record DedicatedAccountDecision(boolean required, BigDecimal threshold, List<String> rules,
            List<Outcome> outcomes, String ruleset) {}

    /** {@code inv_applies} request. */
    public record InvAppliesRequest(LocalDate date) {}

    /** {@code inv_applies} result. */
    public record InvAppliesDecision(boolean applies, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_inv_parts} request. */
    public record InvPartsRequest(String funding) {}

    /** {@code dig_inv_parts} result. */
    public record InvPartsDecision(boolean invParts, List<String> rules, List<Outcome> outcomes, String ruleset) {}
}
