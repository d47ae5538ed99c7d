package org.wanzheng;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The typed requests and results of the RULES.md §4 decision functions, called through
 * {@link Context} ({@code ctx.changeRoute(request)}, …). Names mirror the library's JSON fields
 * (a component {@code newTotal} is the field {@code new_total}); amounts are {@code BigDecimal}
 * (sent as their exact text), dates {@code LocalDate}; the library's vocabulary is Java enums
 * generated from its JSON Schema ({@link Route}, {@link Situation}, {@link Funding}, {@link Actor},
 * …: {@link Wire}); enumerations of a result only ({@code "route1_industry"}, {@code "legacy"}) are
 * their snake_case strings. A null request component is left out (the library's default, where it
 * has one). Every request has a {@code builder()} with named setters (unset components are null),
 * as well as its canonical constructor. Every result names the rules applied, in order, and its
 * outcomes. No rule is judged in Java.
 */
public final class Decisions {
    private Decisions() {}

    // ---- §4.2 estimate_excess_check

    /** {@code estimate_excess_check} request (§4.2). {@code changes}: material changes ({@code scale}, …). */
    public record ExcessCheckRequest(List<MaterialChange> changes, BigDecimal compiledEstimate, BigDecimal estimate,
            BigDecimal fsrEstimate, Route route) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link ExcessCheckRequest}. */
        public static final class Builder {
            private List<MaterialChange> changes;
            private BigDecimal compiledEstimate;
            private BigDecimal estimate;
            private BigDecimal fsrEstimate;
            private Route route;

            private Builder() {}

            /** Sets {@code changes}. */
            public Builder changes(List<MaterialChange> changes) {
                this.changes = changes;
                return this;
            }

            /** Sets {@code compiledEstimate}. */
            public Builder compiledEstimate(BigDecimal compiledEstimate) {
                this.compiledEstimate = compiledEstimate;
                return this;
            }

            /** Sets {@code estimate}. */
            public Builder estimate(BigDecimal estimate) {
                this.estimate = estimate;
                return this;
            }

            /** Sets {@code fsrEstimate}. */
            public Builder fsrEstimate(BigDecimal fsrEstimate) {
                this.fsrEstimate = fsrEstimate;
                return this;
            }

            /** Sets {@code route}. */
            public Builder route(Route route) {
                this.route = route;
                return this;
            }

            /** The request. */
            public ExcessCheckRequest build() {
                return new ExcessCheckRequest(changes, compiledEstimate, estimate, fsrEstimate, route);
            }
        }
    }

    /** {@code estimate_excess_check} result. */
    public record ExcessCheck(boolean reportRequired, List<String> reasons, List<String> rules, List<Outcome> outcomes,
            String ruleset) {}

    // ---- §4.3 estimate_overrun_route

    /** An estimate before and after. */
    public record EstimateDelta(BigDecimal before, BigDecimal after) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link EstimateDelta}. */
        public static final class Builder {
            private BigDecimal before;
            private BigDecimal after;

            private Builder() {}

            /** Sets {@code before}. */
            public Builder before(BigDecimal before) {
                this.before = before;
                return this;
            }

            /** Sets {@code after}. */
            public Builder after(BigDecimal after) {
                this.after = after;
                return this;
            }

            /** The request. */
            public EstimateDelta build() {
                return new EstimateDelta(before, after);
            }
        }
    }

    /** {@code estimate_overrun_route} request (§4.3). */
    public record OverrunRouteRequest(Boolean accConsented, Integer adjustmentsSoFar, OverrunCause cause,
            BigDecimal certifiedCompleted, EstimateDelta delta, BigDecimal estimate, BigDecimal newTotal,
            BigDecimal originalEstimate, Boolean selfFunding, Situation situation, BigDecimal unauthorised) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link OverrunRouteRequest}. */
        public static final class Builder {
            private Boolean accConsented;
            private Integer adjustmentsSoFar;
            private OverrunCause cause;
            private BigDecimal certifiedCompleted;
            private EstimateDelta delta;
            private BigDecimal estimate;
            private BigDecimal newTotal;
            private BigDecimal originalEstimate;
            private Boolean selfFunding;
            private Situation situation;
            private BigDecimal unauthorised;

            private Builder() {}

            /** Sets {@code accConsented}. */
            public Builder accConsented(Boolean accConsented) {
                this.accConsented = accConsented;
                return this;
            }

            /** Sets {@code adjustmentsSoFar}. */
            public Builder adjustmentsSoFar(Integer adjustmentsSoFar) {
                this.adjustmentsSoFar = adjustmentsSoFar;
                return this;
            }

            /** Sets {@code cause}. */
            public Builder cause(OverrunCause cause) {
                this.cause = cause;
                return this;
            }

            /** Sets {@code certifiedCompleted}. */
            public Builder certifiedCompleted(BigDecimal certifiedCompleted) {
                this.certifiedCompleted = certifiedCompleted;
                return this;
            }

            /** Sets {@code delta}. */
            public Builder delta(EstimateDelta delta) {
                this.delta = delta;
                return this;
            }

            /** Sets {@code estimate}. */
            public Builder estimate(BigDecimal estimate) {
                this.estimate = estimate;
                return this;
            }

            /** Sets {@code newTotal}. */
            public Builder newTotal(BigDecimal newTotal) {
                this.newTotal = newTotal;
                return this;
            }

            /** Sets {@code originalEstimate}. */
            public Builder originalEstimate(BigDecimal originalEstimate) {
                this.originalEstimate = originalEstimate;
                return this;
            }

            /** Sets {@code selfFunding}. */
            public Builder selfFunding(Boolean selfFunding) {
                this.selfFunding = selfFunding;
                return this;
            }

            /** Sets {@code situation}. */
            public Builder situation(Situation situation) {
                this.situation = situation;
                return this;
            }

            /** Sets {@code unauthorised}. */
            public Builder unauthorised(BigDecimal unauthorised) {
                this.unauthorised = unauthorised;
                return this;
            }

            /** The request. */
            public OverrunRouteRequest build() {
                return new OverrunRouteRequest(accConsented, adjustmentsSoFar, cause, certifiedCompleted, delta, estimate, newTotal, originalEstimate, selfFunding, situation, unauthorised);
            }
        }
    }

    /** {@code estimate_overrun_route} result. */
    public record OverrunRoute(String route, boolean adjustment, Actor approver, boolean evaluationRequired,
            boolean govConsentRequired, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.4 change_route

    /** A contract's price before and after a change. */
    public record ContractPrices(String contractId, BigDecimal price, BigDecimal priceAfter) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link ContractPrices}. */
        public static final class Builder {
            private String contractId;
            private BigDecimal price;
            private BigDecimal priceAfter;

            private Builder() {}

            /** Sets {@code contractId}. */
            public Builder contractId(String contractId) {
                this.contractId = contractId;
                return this;
            }

            /** Sets {@code price}. */
            public Builder price(BigDecimal price) {
                this.price = price;
                return this;
            }

            /** Sets {@code priceAfter}. */
            public Builder priceAfter(BigDecimal priceAfter) {
                this.priceAfter = priceAfter;
                return this;
            }

            /** The request. */
            public ContractPrices build() {
                return new ContractPrices(contractId, price, priceAfter);
            }
        }
    }

    /** The change of a {@code change_route} request. */
    public record ChangeSpec(BigDecimal budget, BigDecimal budgetAfter, List<ContractPrices> contracts,
            LocalDate emergencyOrderDate, EstimateDelta estimateDelta, Boolean major, List<MaterialChange> material,
            Situation situation) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link ChangeSpec}. */
        public static final class Builder {
            private BigDecimal budget;
            private BigDecimal budgetAfter;
            private List<ContractPrices> contracts;
            private LocalDate emergencyOrderDate;
            private EstimateDelta estimateDelta;
            private Boolean major;
            private List<MaterialChange> material;
            private Situation situation;

            private Builder() {}

            /** Sets {@code budget}. */
            public Builder budget(BigDecimal budget) {
                this.budget = budget;
                return this;
            }

            /** Sets {@code budgetAfter}. */
            public Builder budgetAfter(BigDecimal budgetAfter) {
                this.budgetAfter = budgetAfter;
                return this;
            }

            /** Sets {@code contracts}. */
            public Builder contracts(List<ContractPrices> contracts) {
                this.contracts = contracts;
                return this;
            }

            /** Sets {@code emergencyOrderDate}. */
            public Builder emergencyOrderDate(LocalDate emergencyOrderDate) {
                this.emergencyOrderDate = emergencyOrderDate;
                return this;
            }

            /** Sets {@code estimateDelta}. */
            public Builder estimateDelta(EstimateDelta estimateDelta) {
                this.estimateDelta = estimateDelta;
                return this;
            }

            /** Sets {@code major}. */
            public Builder major(Boolean major) {
                this.major = major;
                return this;
            }

            /** Sets {@code material}. */
            public Builder material(List<MaterialChange> material) {
                this.material = material;
                return this;
            }

            /** Sets {@code situation}. */
            public Builder situation(Situation situation) {
                this.situation = situation;
                return this;
            }

            /** The request. */
            public ChangeSpec build() {
                return new ChangeSpec(budget, budgetAfter, contracts, emergencyOrderDate, estimateDelta, major, material, situation);
            }
        }
    }

    /** The project's ledger for a {@code change_route} request. */
    public record ChangeLedger(Integer adjustmentsSoFar, BigDecimal certifiedCompleted, BigDecimal estimate,
            BigDecimal originalEstimate, EstimateDelta pendingDelta, Boolean selfFunding,
            EstimateDelta unauthorisedDelta) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link ChangeLedger}. */
        public static final class Builder {
            private Integer adjustmentsSoFar;
            private BigDecimal certifiedCompleted;
            private BigDecimal estimate;
            private BigDecimal originalEstimate;
            private EstimateDelta pendingDelta;
            private Boolean selfFunding;
            private EstimateDelta unauthorisedDelta;

            private Builder() {}

            /** Sets {@code adjustmentsSoFar}. */
            public Builder adjustmentsSoFar(Integer adjustmentsSoFar) {
                this.adjustmentsSoFar = adjustmentsSoFar;
                return this;
            }

            /** Sets {@code certifiedCompleted}. */
            public Builder certifiedCompleted(BigDecimal certifiedCompleted) {
                this.certifiedCompleted = certifiedCompleted;
                return this;
            }

            /** Sets {@code estimate}. */
            public Builder estimate(BigDecimal estimate) {
                this.estimate = estimate;
                return this;
            }

            /** Sets {@code originalEstimate}. */
            public Builder originalEstimate(BigDecimal originalEstimate) {
                this.originalEstimate = originalEstimate;
                return this;
            }

            /** Sets {@code pendingDelta}. */
            public Builder pendingDelta(EstimateDelta pendingDelta) {
                this.pendingDelta = pendingDelta;
                return this;
            }

            /** Sets {@code selfFunding}. */
            public Builder selfFunding(Boolean selfFunding) {
                this.selfFunding = selfFunding;
                return this;
            }

            /** Sets {@code unauthorisedDelta}. */
            public Builder unauthorisedDelta(EstimateDelta unauthorisedDelta) {
                this.unauthorisedDelta = unauthorisedDelta;
                return this;
            }

            /** The request. */
            public ChangeLedger build() {
                return new ChangeLedger(adjustmentsSoFar, certifiedCompleted, estimate, originalEstimate, pendingDelta, selfFunding, unauthorisedDelta);
            }
        }
    }

    /** {@code change_route} request (§4.4). */
    public record ChangeRouteRequest(ChangeSpec change, ChangeLedger ledger) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link ChangeRouteRequest}. */
        public static final class Builder {
            private ChangeSpec change;
            private ChangeLedger ledger;

            private Builder() {}

            /** Sets {@code change}. */
            public Builder change(ChangeSpec change) {
                this.change = change;
                return this;
            }

            /** Sets {@code ledger}. */
            public Builder ledger(ChangeLedger ledger) {
                this.ledger = ledger;
                return this;
            }

            /** The request. */
            public ChangeRouteRequest build() {
                return new ChangeRouteRequest(change, ledger);
            }
        }
    }

    /** {@code change_route} result. */
    public record ChangeRoute(boolean permitted, Actor approver, BigDecimal newTotal, boolean reportOriginalApprover,
            boolean govConsentBeforeExtraFunds, BigDecimal extraFunds, String overrunRoute,
            String implementationAfter, LocalDate postHocDeadline, boolean provisional, List<String> materials,
            List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.5 payment_check

    /** The project's ledger for a {@code payment_check} request. */
    public record PaymentLedger(BigDecimal budget, BigDecimal contractCeiling, BigDecimal estimate,
            String fundingSuspended, Boolean inPlan, BigDecimal paidBudgetScope, BigDecimal paidContract,
            BigDecimal paidTotal, BigDecimal planAmountLeft, @Name("unconsented_43") BigDecimal unconsented43,
            BigDecimal unreviewed) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link PaymentLedger}. */
        public static final class Builder {
            private BigDecimal budget;
            private BigDecimal contractCeiling;
            private BigDecimal estimate;
            private String fundingSuspended;
            private Boolean inPlan;
            private BigDecimal paidBudgetScope;
            private BigDecimal paidContract;
            private BigDecimal paidTotal;
            private BigDecimal planAmountLeft;
            private BigDecimal unconsented43;
            private BigDecimal unreviewed;

            private Builder() {}

            /** Sets {@code budget}. */
            public Builder budget(BigDecimal budget) {
                this.budget = budget;
                return this;
            }

            /** Sets {@code contractCeiling}. */
            public Builder contractCeiling(BigDecimal contractCeiling) {
                this.contractCeiling = contractCeiling;
                return this;
            }

            /** Sets {@code estimate}. */
            public Builder estimate(BigDecimal estimate) {
                this.estimate = estimate;
                return this;
            }

            /** Sets {@code fundingSuspended}. */
            public Builder fundingSuspended(String fundingSuspended) {
                this.fundingSuspended = fundingSuspended;
                return this;
            }

            /** Sets {@code inPlan}. */
            public Builder inPlan(Boolean inPlan) {
                this.inPlan = inPlan;
                return this;
            }

            /** Sets {@code paidBudgetScope}. */
            public Builder paidBudgetScope(BigDecimal paidBudgetScope) {
                this.paidBudgetScope = paidBudgetScope;
                return this;
            }

            /** Sets {@code paidContract}. */
            public Builder paidContract(BigDecimal paidContract) {
                this.paidContract = paidContract;
                return this;
            }

            /** Sets {@code paidTotal}. */
            public Builder paidTotal(BigDecimal paidTotal) {
                this.paidTotal = paidTotal;
                return this;
            }

            /** Sets {@code planAmountLeft}. */
            public Builder planAmountLeft(BigDecimal planAmountLeft) {
                this.planAmountLeft = planAmountLeft;
                return this;
            }

            /** Sets {@code unconsented43}. */
            public Builder unconsented43(BigDecimal unconsented43) {
                this.unconsented43 = unconsented43;
                return this;
            }

            /** Sets {@code unreviewed}. */
            public Builder unreviewed(BigDecimal unreviewed) {
                this.unreviewed = unreviewed;
                return this;
            }

            /** The request. */
            public PaymentLedger build() {
                return new PaymentLedger(budget, contractCeiling, estimate, fundingSuspended, inPlan, paidBudgetScope, paidContract, paidTotal, planAmountLeft, unconsented43, unreviewed);
            }
        }
    }

    /** The payment asked for. */
    public record PaymentFacts(BigDecimal amount, Boolean inBudgetScope, Boolean inScope, String lotClass,
            BigDecimal progressCap, BigDecimal wageShare, BigDecimal wagesDue) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link PaymentFacts}. */
        public static final class Builder {
            private BigDecimal amount;
            private Boolean inBudgetScope;
            private Boolean inScope;
            private String lotClass;
            private BigDecimal progressCap;
            private BigDecimal wageShare;
            private BigDecimal wagesDue;

            private Builder() {}

            /** Sets {@code amount}. */
            public Builder amount(BigDecimal amount) {
                this.amount = amount;
                return this;
            }

            /** Sets {@code inBudgetScope}. */
            public Builder inBudgetScope(Boolean inBudgetScope) {
                this.inBudgetScope = inBudgetScope;
                return this;
            }

            /** Sets {@code inScope}. */
            public Builder inScope(Boolean inScope) {
                this.inScope = inScope;
                return this;
            }

            /** Sets {@code lotClass}. */
            public Builder lotClass(String lotClass) {
                this.lotClass = lotClass;
                return this;
            }

            /** Sets {@code progressCap}. */
            public Builder progressCap(BigDecimal progressCap) {
                this.progressCap = progressCap;
                return this;
            }

            /** Sets {@code wageShare}. */
            public Builder wageShare(BigDecimal wageShare) {
                this.wageShare = wageShare;
                return this;
            }

            /** Sets {@code wagesDue}. */
            public Builder wagesDue(BigDecimal wagesDue) {
                this.wagesDue = wagesDue;
                return this;
            }

            /** The request. */
            public PaymentFacts build() {
                return new PaymentFacts(amount, inBudgetScope, inScope, lotClass, progressCap, wageShare, wagesDue);
            }
        }
    }

    /** {@code payment_check} request (§4.5). */
    public record PaymentCheckRequest(PaymentLedger ledger, PaymentFacts request) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link PaymentCheckRequest}. */
        public static final class Builder {
            private PaymentLedger ledger;
            private PaymentFacts request;

            private Builder() {}

            /** Sets {@code ledger}. */
            public Builder ledger(PaymentLedger ledger) {
                this.ledger = ledger;
                return this;
            }

            /** Sets {@code request}. */
            public Builder request(PaymentFacts request) {
                this.request = request;
                return this;
            }

            /** The request. */
            public PaymentCheckRequest build() {
                return new PaymentCheckRequest(ledger, request);
            }
        }
    }

    /** {@code payment_check} result: no outcome means the payment may be made. */
    public record PaymentCheck(List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.6 plan_calendar

    /** {@code plan_calendar} request (§4.6). */
    public record PlanCalendarRequest(List<String> copiesTo, LocalDate draftSubmittedOn, LocalDate issuedOn,
            LocalDate submittedOn, Integer year) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link PlanCalendarRequest}. */
        public static final class Builder {
            private List<String> copiesTo;
            private LocalDate draftSubmittedOn;
            private LocalDate issuedOn;
            private LocalDate submittedOn;
            private Integer year;

            private Builder() {}

            /** Sets {@code copiesTo}. */
            public Builder copiesTo(List<String> copiesTo) {
                this.copiesTo = copiesTo;
                return this;
            }

            /** Sets {@code draftSubmittedOn}. */
            public Builder draftSubmittedOn(LocalDate draftSubmittedOn) {
                this.draftSubmittedOn = draftSubmittedOn;
                return this;
            }

            /** Sets {@code issuedOn}. */
            public Builder issuedOn(LocalDate issuedOn) {
                this.issuedOn = issuedOn;
                return this;
            }

            /** Sets {@code submittedOn}. */
            public Builder submittedOn(LocalDate submittedOn) {
                this.submittedOn = submittedOn;
                return this;
            }

            /** Sets {@code year}. */
            public Builder year(Integer year) {
                this.year = year;
                return this;
            }

            /** The request. */
            public PlanCalendarRequest build() {
                return new PlanCalendarRequest(copiesTo, draftSubmittedOn, issuedOn, submittedOn, year);
            }
        }
    }

    /** {@code plan_calendar} result. */
    public record PlanCalendar(LocalDate submitBy, LocalDate meetingBy, LocalDate issueFrom, LocalDate issueTo,
            LocalDate digDemandFrom, LocalDate digDemandTo, boolean provisional, List<String> rules,
            List<Outcome> outcomes, String ruleset) {}

    // ---- §4.7 emergency_change_deadline

    /** {@code emergency_change_deadline} request (§4.7). */
    public record EmergencyDeadlineRequest(LocalDate filedOn, LocalDate orderDate) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link EmergencyDeadlineRequest}. */
        public static final class Builder {
            private LocalDate filedOn;
            private LocalDate orderDate;

            private Builder() {}

            /** Sets {@code filedOn}. */
            public Builder filedOn(LocalDate filedOn) {
                this.filedOn = filedOn;
                return this;
            }

            /** Sets {@code orderDate}. */
            public Builder orderDate(LocalDate orderDate) {
                this.orderDate = orderDate;
                return this;
            }

            /** The request. */
            public EmergencyDeadlineRequest build() {
                return new EmergencyDeadlineRequest(filedOn, orderDate);
            }
        }
    }

    /** A deadline ({@code emergency_change_deadline}); provisional in a year without a holiday notice. */
    public record Deadline(LocalDate date, List<String> rules, List<Outcome> outcomes, boolean provisional,
            String ruleset) {}

    // ---- §4.8 funding_mode_check

    /** {@code funding_mode_check} request (§4.8). */
    public record FundingModeRequest(@Name("basis_3_2") Boolean basis32, FundingMode mode, Nature nature,
            Boolean usesLoan) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link FundingModeRequest}. */
        public static final class Builder {
            private Boolean basis32;
            private FundingMode mode;
            private Nature nature;
            private Boolean usesLoan;

            private Builder() {}

            /** Sets {@code basis32}. */
            public Builder basis32(Boolean basis32) {
                this.basis32 = basis32;
                return this;
            }

            /** Sets {@code mode}. */
            public Builder mode(FundingMode mode) {
                this.mode = mode;
                return this;
            }

            /** Sets {@code nature}. */
            public Builder nature(Nature nature) {
                this.nature = nature;
                return this;
            }

            /** Sets {@code usesLoan}. */
            public Builder usesLoan(Boolean usesLoan) {
                this.usesLoan = usesLoan;
                return this;
            }

            /** The request. */
            public FundingModeRequest build() {
                return new FundingModeRequest(basis32, mode, nature, usesLoan);
            }
        }
    }

    /** {@code funding_mode_check} result. */
    public record FundingModeCheck(List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.9 subjective_overrun_deduction

    /** {@code subjective_overrun_deduction} request (§4.9). */
    public record DeductionRequest(BigDecimal base, BigDecimal estimate, BigDecimal gap, BigDecimal newTotal,
            UnitKind unitKind) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link DeductionRequest}. */
        public static final class Builder {
            private BigDecimal base;
            private BigDecimal estimate;
            private BigDecimal gap;
            private BigDecimal newTotal;
            private UnitKind unitKind;

            private Builder() {}

            /** Sets {@code base}. */
            public Builder base(BigDecimal base) {
                this.base = base;
                return this;
            }

            /** Sets {@code estimate}. */
            public Builder estimate(BigDecimal estimate) {
                this.estimate = estimate;
                return this;
            }

            /** Sets {@code gap}. */
            public Builder gap(BigDecimal gap) {
                this.gap = gap;
                return this;
            }

            /** Sets {@code newTotal}. */
            public Builder newTotal(BigDecimal newTotal) {
                this.newTotal = newTotal;
                return this;
            }

            /** Sets {@code unitKind}. */
            public Builder unitKind(UnitKind unitKind) {
                this.unitKind = unitKind;
                return this;
            }

            /** The request. */
            public DeductionRequest build() {
                return new DeductionRequest(base, estimate, gap, newTotal, unitKind);
            }
        }
    }

    /** {@code subjective_overrun_deduction} result. */
    public record Deduction(BigDecimal deduction, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    // ---- §4.10 digital-government functions

    /** {@code dig_demand_change_allowed} request. */
    public record DemandChangeRequest(Boolean bureauConsent, Boolean demoPassed) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link DemandChangeRequest}. */
        public static final class Builder {
            private Boolean bureauConsent;
            private Boolean demoPassed;

            private Builder() {}

            /** Sets {@code bureauConsent}. */
            public Builder bureauConsent(Boolean bureauConsent) {
                this.bureauConsent = bureauConsent;
                return this;
            }

            /** Sets {@code demoPassed}. */
            public Builder demoPassed(Boolean demoPassed) {
                this.demoPassed = demoPassed;
                return this;
            }

            /** The request. */
            public DemandChangeRequest build() {
                return new DemandChangeRequest(bureauConsent, demoPassed);
            }
        }
    }

    /** {@code dig_demand_change_allowed} result. */
    public record DemandChangeDecision(boolean allowed, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_emergency_add_ok} request. */
    public record EmergencyAddRequest(Boolean consentLeaderBigdata, Boolean consentViceMayor, Boolean suddenEvent,
            Boolean urgentDeployment) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link EmergencyAddRequest}. */
        public static final class Builder {
            private Boolean consentLeaderBigdata;
            private Boolean consentViceMayor;
            private Boolean suddenEvent;
            private Boolean urgentDeployment;

            private Builder() {}

            /** Sets {@code consentLeaderBigdata}. */
            public Builder consentLeaderBigdata(Boolean consentLeaderBigdata) {
                this.consentLeaderBigdata = consentLeaderBigdata;
                return this;
            }

            /** Sets {@code consentViceMayor}. */
            public Builder consentViceMayor(Boolean consentViceMayor) {
                this.consentViceMayor = consentViceMayor;
                return this;
            }

            /** Sets {@code suddenEvent}. */
            public Builder suddenEvent(Boolean suddenEvent) {
                this.suddenEvent = suddenEvent;
                return this;
            }

            /** Sets {@code urgentDeployment}. */
            public Builder urgentDeployment(Boolean urgentDeployment) {
                this.urgentDeployment = urgentDeployment;
                return this;
            }

            /** The request. */
            public EmergencyAddRequest build() {
                return new EmergencyAddRequest(consentLeaderBigdata, consentViceMayor, suddenEvent, urgentDeployment);
            }
        }
    }

    /** {@code dig_emergency_add_ok} result. */
    public record EmergencyAddDecision(boolean ok, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_emergency_ok} request. */
    public record EmergencyRequest(Boolean consentLeaderBigdata, Boolean consentViceMayor,
            Boolean deadlineAndAssessment, Boolean suddenEvent, Boolean urgentDeployment) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link EmergencyRequest}. */
        public static final class Builder {
            private Boolean consentLeaderBigdata;
            private Boolean consentViceMayor;
            private Boolean deadlineAndAssessment;
            private Boolean suddenEvent;
            private Boolean urgentDeployment;

            private Builder() {}

            /** Sets {@code consentLeaderBigdata}. */
            public Builder consentLeaderBigdata(Boolean consentLeaderBigdata) {
                this.consentLeaderBigdata = consentLeaderBigdata;
                return this;
            }

            /** Sets {@code consentViceMayor}. */
            public Builder consentViceMayor(Boolean consentViceMayor) {
                this.consentViceMayor = consentViceMayor;
                return this;
            }

            /** Sets {@code deadlineAndAssessment}. */
            public Builder deadlineAndAssessment(Boolean deadlineAndAssessment) {
                this.deadlineAndAssessment = deadlineAndAssessment;
                return this;
            }

            /** Sets {@code suddenEvent}. */
            public Builder suddenEvent(Boolean suddenEvent) {
                this.suddenEvent = suddenEvent;
                return this;
            }

            /** Sets {@code urgentDeployment}. */
            public Builder urgentDeployment(Boolean urgentDeployment) {
                this.urgentDeployment = urgentDeployment;
                return this;
            }

            /** The request. */
            public EmergencyRequest build() {
                return new EmergencyRequest(consentLeaderBigdata, consentViceMayor, deadlineAndAssessment, suddenEvent, urgentDeployment);
            }
        }
    }

    /** {@code dig_emergency_ok} result. */
    public record EmergencyDecision(boolean ok, @Name("category_18") boolean category18,
            @Name("addable_13_7") boolean addable137, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** The checks of an initial acceptance, each {@code pass} or {@code fail}; {@code other}: further checks by name. */
    public record InitialChecks(PassFail contentConsistency, PassFail dataResourceConformity,
            PassFail intensiveConstruction, PassFail securityCompliance, Map<String, PassFail> other) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link InitialChecks}. */
        public static final class Builder {
            private PassFail contentConsistency;
            private PassFail dataResourceConformity;
            private PassFail intensiveConstruction;
            private PassFail securityCompliance;
            private Map<String, PassFail> other;

            private Builder() {}

            /** Sets {@code contentConsistency}. */
            public Builder contentConsistency(PassFail contentConsistency) {
                this.contentConsistency = contentConsistency;
                return this;
            }

            /** Sets {@code dataResourceConformity}. */
            public Builder dataResourceConformity(PassFail dataResourceConformity) {
                this.dataResourceConformity = dataResourceConformity;
                return this;
            }

            /** Sets {@code intensiveConstruction}. */
            public Builder intensiveConstruction(PassFail intensiveConstruction) {
                this.intensiveConstruction = intensiveConstruction;
                return this;
            }

            /** Sets {@code securityCompliance}. */
            public Builder securityCompliance(PassFail securityCompliance) {
                this.securityCompliance = securityCompliance;
                return this;
            }

            /** Sets {@code other}. */
            public Builder other(Map<String, PassFail> other) {
                this.other = other;
                return this;
            }

            /** The request. */
            public InitialChecks build() {
                return new InitialChecks(contentConsistency, dataResourceConformity, intensiveConstruction, securityCompliance, other);
            }
        }
    }

    /** {@code dig_initial_acceptance} request. */
    public record InitialAcceptanceRequest(InitialChecks checks) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link InitialAcceptanceRequest}. */
        public static final class Builder {
            private InitialChecks checks;

            private Builder() {}

            /** Sets {@code checks}. */
            public Builder checks(InitialChecks checks) {
                this.checks = checks;
                return this;
            }

            /** The request. */
            public InitialAcceptanceRequest build() {
                return new InitialAcceptanceRequest(checks);
            }
        }
    }

    /** {@code dig_initial_acceptance} result. */
    public record InitialAcceptanceDecision(boolean passed, List<String> failed, String nextState, List<String> rules,
            List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_approval_path} request. */
    public record ApprovalPathRequest(Funding funding) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link ApprovalPathRequest}. */
        public static final class Builder {
            private Funding funding;

            private Builder() {}

            /** Sets {@code funding}. */
            public Builder funding(Funding funding) {
                this.funding = funding;
                return this;
            }

            /** The request. */
            public ApprovalPathRequest build() {
                return new ApprovalPathRequest(funding);
            }
        }
    }

    /** {@code dig_approval_path} result. */
    public record ApprovalPath(Funding funding, Actor fsrApprover, boolean centerConsentFirst, String drc,
            Actor organiser, boolean fundUserMayBuild, boolean specialFund, boolean invParts,
            boolean dedicatedAccount, boolean soeInvestmentPlan, List<String> rules, List<Outcome> outcomes,
            String ruleset) {}

    /** {@code dig_regime} request. */
    public record RegimeRequest(LocalDate constructionStart, LocalDate fundsInPlace) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link RegimeRequest}. */
        public static final class Builder {
            private LocalDate constructionStart;
            private LocalDate fundsInPlace;

            private Builder() {}

            /** Sets {@code constructionStart}. */
            public Builder constructionStart(LocalDate constructionStart) {
                this.constructionStart = constructionStart;
                return this;
            }

            /** Sets {@code fundsInPlace}. */
            public Builder fundsInPlace(LocalDate fundsInPlace) {
                this.fundsInPlace = fundsInPlace;
                return this;
            }

            /** The request. */
            public RegimeRequest build() {
                return new RegimeRequest(constructionStart, fundsInPlace);
            }
        }
    }

    /** {@code dig_regime} result. */
    public record RegimeDecision(String regime, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_dedicated_account_required} request. */
    public record DedicatedAccountRequest(BigDecimal amount, BigDecimal priorFiscal, String source,
            BigDecimal threshold) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link DedicatedAccountRequest}. */
        public static final class Builder {
            private BigDecimal amount;
            private BigDecimal priorFiscal;
            private String source;
            private BigDecimal threshold;

            private Builder() {}

            /** Sets {@code amount}. */
            public Builder amount(BigDecimal amount) {
                this.amount = amount;
                return this;
            }

            /** Sets {@code priorFiscal}. */
            public Builder priorFiscal(BigDecimal priorFiscal) {
                this.priorFiscal = priorFiscal;
                return this;
            }

            /** Sets {@code source}. */
            public Builder source(String source) {
                this.source = source;
                return this;
            }

            /** Sets {@code threshold}. */
            public Builder threshold(BigDecimal threshold) {
                this.threshold = threshold;
                return this;
            }

            /** The request. */
            public DedicatedAccountRequest build() {
                return new DedicatedAccountRequest(amount, priorFiscal, source, threshold);
            }
        }
    }

    /** {@code dig_dedicated_account_required} result. */
    public record DedicatedAccountDecision(boolean required, BigDecimal threshold, List<String> rules,
            List<Outcome> outcomes, String ruleset) {}

    /** {@code inv_applies} request. */
    public record InvAppliesRequest(LocalDate date) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link InvAppliesRequest}. */
        public static final class Builder {
            private LocalDate date;

            private Builder() {}

            /** Sets {@code date}. */
            public Builder date(LocalDate date) {
                this.date = date;
                return this;
            }

            /** The request. */
            public InvAppliesRequest build() {
                return new InvAppliesRequest(date);
            }
        }
    }

    /** {@code inv_applies} result. */
    public record InvAppliesDecision(boolean applies, List<String> rules, List<Outcome> outcomes, String ruleset) {}

    /** {@code dig_inv_parts} request. */
    public record InvPartsRequest(Funding funding) {
        /** A builder with named setters; unset components are null (left out of the request). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named setters for {@link InvPartsRequest}. */
        public static final class Builder {
            private Funding funding;

            private Builder() {}

            /** Sets {@code funding}. */
            public Builder funding(Funding funding) {
                this.funding = funding;
                return this;
            }

            /** The request. */
            public InvPartsRequest build() {
                return new InvPartsRequest(funding);
            }
        }
    }

    /** {@code dig_inv_parts} result. */
    public record InvPartsDecision(boolean invParts, List<String> rules, List<Outcome> outcomes, String ruleset) {}
}
