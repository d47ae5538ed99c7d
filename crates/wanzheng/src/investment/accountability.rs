//! Accountability cases `accountability/<case_id>` (INV-50; RULES.md §3.1.5, §3.1.6 (e)) and the
//! deduction of INV-50.2 (`subjective_overrun_deduction`, §4.9).
//!
//! ```text
//!  open_accountability (or reject_change of a post-hoc change with N > A, AMB-48)
//!        │
//!        ▼
//!   acc_opened ─determine_responsibility─▶ acc_responsibility_determined ─implement_handling─▶ acc_handling_implemented
//!                                                                                                   │ gov_consent_accountability
//!                                                                                                   ▼
//!                                         acc_funded ◀──fund_overrun (every unit funded)── acc_gov_consented
//! ```
//!
//! A case survives stop, withdrawal and closing of its project.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::error::{Error, InputError, InputReason};
use crate::event::event_enum;
use crate::investment::InvestmentProject;
use crate::investment::events::UnitKind;
use crate::log::{Command, MachineId};
use crate::machine::kernel::{Call, Next, Step};
use crate::machine::machine;
use crate::machine::{ActorSpec, FromSpec, Row};
use crate::money::Yuan;
use crate::outcome::{Judge, Outcome};
use crate::rule::RuleId;
use crate::rules::*;
use crate::wire::wire_enum;

wire_enum! {
    /// States of an accountability case (RULES.md §3.1.5).
    pub enum AccState {
        /// Opened (INV-50).
        AccOpened = "acc_opened",
        /// Responsibility determined (INV-50.1).
        AccResponsibilityDetermined = "acc_responsibility_determined",
        /// Handling implemented (INV-50.1).
        AccHandlingImplemented = "acc_handling_implemented",
        /// Municipal government consented (INV-50.1).
        AccGovConsented = "acc_gov_consented",
        /// Every unit funded its share (terminal, INV-50.2).
        AccFunded = "acc_funded",
    }
}

/// The subjective cause of the overrun (INV-50).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccCause {
    /// 擅自增加建设内容.
    UnauthorisedContent,
    /// 擅自扩大建设规模.
    UnauthorisedScale,
    /// 擅自提高建设标准.
    UnauthorisedStandard,
    /// 擅自改变设计方案.
    UnauthorisedDesignChange,
    /// 管理不善.
    PoorManagement,
    /// 故意漏项.
    DeliberateOmission,
    /// 报小建大.
    DeclareSmallBuildBig,
}

impl AccCause {
    /// Every cause, in the order of INV-50.
    pub const ALL: &'static [AccCause] = &[
        AccCause::UnauthorisedContent,
        AccCause::UnauthorisedScale,
        AccCause::UnauthorisedStandard,
        AccCause::UnauthorisedDesignChange,
        AccCause::PoorManagement,
        AccCause::DeliberateOmission,
        AccCause::DeclareSmallBuildBig,
    ];

    /// The wire identifier.
    pub const fn as_str(self) -> &'static str {
        match self {
            AccCause::UnauthorisedContent => "unauthorised_content",
            AccCause::UnauthorisedScale => "unauthorised_scale",
            AccCause::UnauthorisedStandard => "unauthorised_standard",
            AccCause::UnauthorisedDesignChange => "unauthorised_design_change",
            AccCause::PoorManagement => "poor_management",
            AccCause::DeliberateOmission => "deliberate_omission",
            AccCause::DeclareSmallBuildBig => "declare_small_build_big",
        }
    }
}

/// How a unit funds its share (INV-50.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundKind {
    /// Finance cuts the unit's next-year budget or special funds (admin or public units).
    Deduction,
    /// The unit raises the money itself (platform companies).
    SelfFunding,
}

/// `open_accountability` (industry_authority): ∅ → acc_opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenAccountability {
    /// The adjustment that will regularise the overrun (AMB-19), if planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustment_id: Option<String>,
    /// The case id (the stream instance).
    pub case_id: String,
    /// The subjective cause.
    pub cause: AccCause,
    /// N: the total the overrun reaches.
    pub new_total: Yuan,
    /// The decision to open the case.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// One responsible unit (INV-50.1, 50.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponsibleUnit {
    /// The next-year budget or special funds the deduction applies to (admin or public units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Yuan>,
    /// The unit's name.
    pub unit: String,
    /// Its kind.
    pub unit_kind: UnitKind,
}

/// `determine_responsibility` (industry_authority): acc_opened → acc_responsibility_determined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DetermineResponsibility {
    /// The handling opinions for the units and persons (处理意见).
    #[serde(default)]
    pub handling: Vec<DocRef>,
    /// The responsible units.
    pub units: Vec<ResponsibleUnit>,
}

/// `implement_handling` (industry_authority): acc_responsibility_determined → acc_handling_implemented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImplementHandling {
    /// Evidence of the handling carried out.
    #[serde(default)]
    pub refs: Vec<DocRef>,
}

/// `gov_consent_accountability` (municipal_government): acc_handling_implemented → acc_gov_consented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GovConsentAccountability {
    /// The consent.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `fund_overrun` (finance for a deduction, project_unit for self-funding): acc_gov_consented →
/// same, or acc_funded when every unit is funded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundOverrun {
    /// The amount.
    pub amount: Yuan,
    /// Deduction or self-funding.
    pub kind: FundKind,
    /// The budget decision or funding evidence.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The unit (as named in `determine_responsibility`).
    pub unit: String,
}

event_enum! {
    /// Events of the accountability sub-machine (RULES.md §3.1.6 (e)).
    pub enum AccountabilityEvent, kind AccountabilityEventKind, machine MachineId::Accountability {
        /// ∅ → acc_opened.
        OpenAccountability(OpenAccountability) = "open_accountability",
        /// acc_opened → acc_responsibility_determined.
        DetermineResponsibility(DetermineResponsibility) = "determine_responsibility",
        /// acc_responsibility_determined → acc_handling_implemented.
        ImplementHandling(ImplementHandling) = "implement_handling",
        /// acc_handling_implemented → acc_gov_consented.
        GovConsentAccountability(GovConsentAccountability) = "gov_consent_accountability",
        /// acc_gov_consented → same or acc_funded.
        FundOverrun(FundOverrun) = "fund_overrun",
    }
}

use AccState::*;

const IA: &[Actor] = &[Actor::IndustryAuthority];

/// The accountability transition table, in the order of RULES.md §3.1.6 (e).
pub static TABLE: &[Row<AccState>] = &[
    Row {
        event: "open_accountability",
        actor: ActorSpec::Any(IA),
        from: FromSpec::Create,
        to: &[AccOpened],
        rules: &[INV_50],
    },
    Row {
        event: "determine_responsibility",
        actor: ActorSpec::Any(IA),
        from: FromSpec::States(&[AccOpened]),
        to: &[AccResponsibilityDetermined],
        rules: &[INV_50_1],
    },
    Row {
        event: "implement_handling",
        actor: ActorSpec::Any(IA),
        from: FromSpec::States(&[AccResponsibilityDetermined]),
        to: &[AccHandlingImplemented],
        rules: &[INV_50_1],
    },
    Row {
        event: "gov_consent_accountability",
        actor: ActorSpec::Any(&[Actor::MunicipalGovernment]),
        from: FromSpec::States(&[AccHandlingImplemented]),
        to: &[AccGovConsented],
        rules: &[INV_50_1],
    },
    Row {
        event: "fund_overrun",
        actor: ActorSpec::Any(&[Actor::Finance, Actor::ProjectUnit]),
        from: FromSpec::States(&[AccGovConsented]),
        to: &[AccGovConsented, AccFunded],
        rules: &[INV_50_2],
    },
];

machine! {
    /// The accountability machine (type `AccountabilityCase`).
    pub struct AccountabilityMachine {
        state: AccState, id: Accountability, name: "AccountabilityCase",
        terminal: [AccFunded], table: TABLE,
    }
}

/// A responsible unit in a case, with its funding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRecord {
    /// The unit.
    pub unit: String,
    /// Its kind.
    pub unit_kind: UnitKind,
    /// The deduction base.
    pub base: Option<Yuan>,
    /// How and how much it funded, once it did.
    pub funded: Option<(FundKind, Yuan)>,
}

/// One accountability case in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRecord {
    /// The id.
    pub case_id: String,
    /// The state.
    pub state: AccState,
    /// The cause.
    pub cause: AccCause,
    /// N.
    pub new_total: Yuan,
    /// A when the overrun was found (AMB-18).
    pub estimate: Yuan,
    /// The adjustment meant to regularise it (AMB-19).
    pub adjustment_id: Option<String>,
    /// The responsible units.
    pub units: Vec<UnitRecord>,
    /// The seq that opened it.
    pub opened_seq: u32,
    /// The day it was opened.
    #[serde(deserialize_with = "crate::date::strict")]
    pub opened_on: NaiveDate,
    /// The municipal consent (seq, day).
    pub consented: Option<(u32, NaiveDate)>,
}

impl CaseRecord {
    /// Σ funded so far.
    pub fn funded_total(&self) -> Yuan {
        Yuan::sum(self.units.iter().filter_map(|u| u.funded.map(|(_, a)| a))).unwrap_or(Yuan::ZERO)
    }

    /// The gap still to fund: (N − A) − Σ funded.
    pub fn gap(&self) -> Yuan {
        self.new_total.saturating_sub(self.estimate).saturating_sub(self.funded_total())
    }
}

// ---------------------------------------------------------------------------------------------
// §4.9 subjective_overrun_deduction
// ---------------------------------------------------------------------------------------------

/// Request of `subjective_overrun_deduction` (RULES.md §4.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeductionRequest {
    /// The unit's next-year budget or special funds (required for admin or public units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Yuan>,
    /// A: the approved estimate when the overrun was found.
    pub estimate: Yuan,
    /// (N − A) − Σ already funded in the case.
    pub gap: Yuan,
    /// N.
    pub new_total: Yuan,
    /// The unit's kind.
    pub unit_kind: UnitKind,
}

/// Result of `subjective_overrun_deduction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Deduction {
    /// The amount finance deducts (0.00 for platform companies, which self-fund, and other units).
    pub deduction: Yuan,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// Always empty: the function computes, the `fund_overrun` event judges.
    pub outcomes: Vec<Outcome>,
}

/// INV-50.2 同比例扣减: `min(trunc_fen(base·(N−A)/A), gap)` for an admin or public unit; 0 otherwise.
///
/// INTERPRETATION: AMB-18 — base × (N−A)/A with A current when found, capped at the gap,
/// truncated to the fen (the only rounding of RULES.md, §1.3). Computed in integer fen:
/// `base_fen·(N−A)_fen / A_fen` is exactly the amount in fen, so integer division truncates.
///
/// # Errors
/// [`InputError`]: A = 0, N < A, gap > N − A, or an admin or public unit without a base.
pub fn deduction_amount(a: Yuan, n: Yuan, base: Option<Yuan>, gap: Yuan, kind: UnitKind) -> Result<Yuan, InputError> {
    if a.is_zero() {
        return Err(InputError::new("estimate", InputReason::InvalidValue, "A must be positive"));
    }
    let Some(over) = n.checked_sub(a) else {
        return Err(InputError::new("new_total", InputReason::InvalidValue, "N must not be below A"));
    };
    if gap > over {
        return Err(InputError::new("gap", InputReason::InvalidValue, "the gap cannot exceed N − A"));
    }
    match kind {
        UnitKind::AdminOrPublicUnit => {
            let base = base.ok_or_else(|| {
                InputError::new("base", InputReason::Empty, "an admin or public unit needs its budget base")
            })?;
            let fen = base.fen() * over.fen() / a.fen();
            let share = u64::try_from(fen).ok().and_then(|f| Yuan::from_fen(f).ok()).unwrap_or(over);
            Ok(share.min(gap))
        }
        UnitKind::PlatformCompany | UnitKind::Other => Ok(Yuan::ZERO),
    }
}

/// `subjective_overrun_deduction` (RULES.md §4.9, INV-50.2).
///
/// # Errors
/// [`crate::Error::Input`] as [`deduction_amount`].
///
/// # Example
/// ```
/// use wanzheng::investment::accountability::{subjective_overrun_deduction, DeductionRequest};
/// let req: DeductionRequest = serde_json::from_str(r#"{"estimate":"90000000.00","new_total":"91000000.00",
///   "gap":"1000000.00","base":"7000000.00","unit_kind":"admin_or_public_unit"}"#).unwrap();
/// assert_eq!(subjective_overrun_deduction(req, &Default::default())?.deduction.to_string(), "77777.77");
/// # Ok::<(), wanzheng::Error>(())
/// ```
pub fn subjective_overrun_deduction(req: DeductionRequest, _ctx: &crate::Context) -> Result<Deduction, Error> {
    let deduction = deduction_amount(req.estimate, req.new_total, req.base, req.gap, req.unit_kind)?;
    let mut j = Judge::pure();
    j.trace(INV_50_2);
    let (rules, outcomes) = j.into_parts();
    Ok(Deduction { deduction, rules, outcomes })
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

impl InvestmentProject {
    /// Dispatches an accountability event (RULES.md §3.1.6 (e)).
    // Kept out of `step_event` (rare events): inlined, its size kept the judged route's
    // `step_event` from being inlined into `step` (+0.36 % instructions, callgrind).
    #[inline(never)]
    pub(crate) fn on_accountability(
        &mut self,
        e: &AccountabilityEvent,
        cmd: &Command,
        seq: u32,
        force: bool,
    ) -> Result<Step, Error> {
        self.sub_step::<AccountabilityMachine>(cmd, seq, force, |this, c| match e {
            AccountabilityEvent::OpenAccountability(p) => this.open_accountability(p, c),
            AccountabilityEvent::DetermineResponsibility(p) => this.determine_responsibility(p, c),
            AccountabilityEvent::ImplementHandling(p) => this.implement_handling(p, c),
            AccountabilityEvent::GovConsentAccountability(p) => this.gov_consent_accountability(p, c),
            AccountabilityEvent::FundOverrun(p) => this.fund_overrun(p, c),
        })
    }

    fn open_accountability(&mut self, p: &OpenAccountability, c: &Call<'_>) -> Result<Next<AccState>, Error> {
        let cmd = c.cmd;
        if p.case_id != cmd.stream.instance {
            return Err(InputError::new(
                "facts.case_id",
                InputReason::WrongStream,
                "case_id must equal stream.instance",
            )
            .into());
        }
        let a = self.current_estimate().ok_or_else(|| {
            crate::TransitionError::new("accountability", c.from, "open_accountability", "no_estimate")
        })?;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::IndustryAuthority], INV_50_1, cmd);
            // INV-50: an accountability case concerns an overrun (超投资概算): N > A.
            // INTERPRETATION: a case without an overrun is refused (violation 50 `no_overrun`).
            j.require(INV_50, p.new_total > a, "no_overrun");
            j.verdict()?
        };
        self.open_case(&p.case_id, p.cause, p.new_total, a, p.adjustment_id.clone(), c.seq, cmd.date);
        Ok(Next::to(verdict, AccOpened))
    }

    /// The automatic INV-50 case of RULES.md §3.3.7, judged after every accepted entry (one place:
    /// `InvestmentProject::step`): when N > A (超: equality OUT) ∧ U > 0 ∧ an unauthorised change
    /// is not yet in a case, the case `accountability/<change_id>` of the earliest such change
    /// opens at this entry, recording N, and the entry carries the finding INV-50
    /// `unauthorised_overrun`. Infallible (runs after the handler's commit).
    ///
    /// INTERPRETATION: the cause follows the change's `material` — scale → `unauthorised_scale`,
    /// technical_scheme → `unauthorised_design_change`, otherwise `unauthorised_content` (§3.3.7
    /// [interp]); one case per entry (the earliest uncovered change, as AMB-48 did).
    pub(crate) fn open_unauthorised_case(&mut self, verdict: &mut crate::outcome::Verdict, seq: u32, date: NaiveDate) {
        if !self.ledger.unauthorised_delta.is_positive() {
            return;
        }
        let (Some(a), Some(n)) = (self.current_estimate(), self.n_figures(crate::YuanDelta::ZERO)) else {
            return;
        };
        if n.new_total <= a {
            return;
        }
        let earliest = self
            .ledger
            .changes
            .values()
            .filter(|c| c.unauthorised && !self.ledger.cases.contains_key(&c.change_id))
            .min_by_key(|c| c.opened_seq);
        let Some(ch) = earliest else { return };
        use crate::investment::events::MaterialChange;
        let cause = if ch.material.contains(&MaterialChange::Scale) {
            AccCause::UnauthorisedScale
        } else if ch.material.contains(&MaterialChange::TechnicalScheme) {
            AccCause::UnauthorisedDesignChange
        } else {
            AccCause::UnauthorisedContent
        };
        let id = ch.change_id.clone();
        if !verdict.rules.as_slice().contains(&INV_50) {
            verdict.rules.push(INV_50);
        }
        verdict.outcomes.push(Outcome::new(crate::OutcomeKind::Finding, INV_50, "unauthorised_overrun"));
        self.open_case(&id, cause, n.new_total, a, None, seq, date);
    }

    /// Opens a case (also the automatic INV-50 case, §3.3.7). Infallible.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn open_case(
        &mut self,
        case_id: &str,
        cause: AccCause,
        new_total: Yuan,
        estimate: Yuan,
        adjustment_id: Option<String>,
        seq: u32,
        date: NaiveDate,
    ) {
        self.ledger.cases.insert(
            case_id.to_string(),
            CaseRecord {
                case_id: case_id.to_string(),
                state: AccOpened,
                cause,
                new_total,
                estimate,
                adjustment_id,
                units: Vec::new(),
                opened_seq: seq,
                opened_on: date,
                consented: None,
            },
        );
    }

    fn determine_responsibility(&mut self, p: &DetermineResponsibility, c: &Call<'_>) -> Result<Next<AccState>, Error> {
        let cmd = c.cmd;
        if p.units.is_empty() {
            return Err(InputError::new("facts.units", InputReason::Empty, "name at least one responsible unit").into());
        }
        for (i, u) in p.units.iter().enumerate() {
            if u.unit.trim().is_empty() {
                return Err(InputError::new(
                    format!("facts.units[{i}].unit"),
                    InputReason::Empty,
                    "unit name is empty",
                )
                .into());
            }
            if p.units[..i].iter().any(|v| v.unit == u.unit) {
                return Err(InputError::new(
                    format!("facts.units[{i}].unit"),
                    InputReason::InvalidValue,
                    "a unit is named twice",
                )
                .into());
            }
            // INTERPRETATION: AMB-18 — the deduction base is fixed with the responsibility, so §4.9 can be judged.
            if u.unit_kind == UnitKind::AdminOrPublicUnit && u.base.is_none() {
                return Err(InputError::new(
                    format!("facts.units[{i}].base"),
                    InputReason::Empty,
                    "an admin or public unit needs the budget base of its deduction (INV-50.2)",
                )
                .into());
            }
        }
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::IndustryAuthority], INV_50_1, cmd);
            // INV-50.1: the responsible subjects and the handling opinions (处理意见).
            j.require(INV_50_1, p.handling.iter().any(DocRef::is_valid), "no_handling_opinion");
            j.verdict()?
        };
        if let Some(case) = self.ledger.cases.get_mut(cmd.stream.instance.as_str()) {
            case.units = p
                .units
                .iter()
                .map(|u| UnitRecord { unit: u.unit.clone(), unit_kind: u.unit_kind, base: u.base, funded: None })
                .collect();
        }
        Ok(Next::to(verdict, AccResponsibilityDetermined))
    }

    fn implement_handling(&mut self, p: &ImplementHandling, c: &Call<'_>) -> Result<Next<AccState>, Error> {
        let cmd = c.cmd;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::IndustryAuthority], INV_50_1, cmd);
            // INV-50.1: 待…处理意见落实后 — the handling carried out, with evidence.
            j.require(INV_50_1, p.refs.iter().any(DocRef::is_valid), "no_handling_evidence");
            j.verdict()?
        };
        Ok(Next::to(verdict, AccHandlingImplemented))
    }

    fn gov_consent_accountability(
        &mut self,
        _p: &GovConsentAccountability,
        c: &Call<'_>,
    ) -> Result<Next<AccState>, Error> {
        let cmd = c.cmd;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::MunicipalGovernment], INV_50_1, cmd);
            j.verdict()?
        };
        if let Some(case) = self.ledger.cases.get_mut(cmd.stream.instance.as_str()) {
            case.consented = Some((c.seq, cmd.date));
        }
        Ok(Next::to(verdict, AccGovConsented))
    }

    fn fund_overrun(&mut self, p: &FundOverrun, c: &Call<'_>) -> Result<Next<AccState>, Error> {
        let cmd = c.cmd;
        let case =
            self.ledger.cases.get(cmd.stream.instance.as_str()).ok_or_else(|| {
                crate::TransitionError::new("accountability", c.from, "fund_overrun", "unknown_instance")
            })?;
        let Some(unit) = case.units.iter().find(|u| u.unit == p.unit) else {
            return Err(InputError::new(
                "facts.unit",
                InputReason::UnknownId,
                format!("unit {:?} is not in the case", p.unit),
            )
            .into());
        };
        if unit.funded.is_some() {
            return Err(InputError::new(
                "facts.unit",
                InputReason::InvalidValue,
                "the unit has already funded its share",
            )
            .into());
        }
        let gap = case.gap();
        if p.amount > gap {
            return Err(InputError::new(
                "facts.amount",
                InputReason::InvalidValue,
                format!("the amount exceeds the remaining gap {gap}"),
            )
            .into());
        }
        let expected = deduction_amount(case.estimate, case.new_total, unit.base, gap, unit.unit_kind)?;
        let kind = unit.unit_kind;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            let actor = match p.kind {
                FundKind::Deduction => Actor::Finance,
                FundKind::SelfFunding => Actor::ProjectUnit,
            };
            self.judge_roles(&mut j, &[actor], INV_50_2, cmd);
            // INV-50.2 (D, §4.9): admin units by a deduction at the ratio; platform companies self-fund.
            let admin = kind == UnitKind::AdminOrPublicUnit;
            let ok = match p.kind {
                FundKind::Deduction => admin && p.amount == expected,
                FundKind::SelfFunding => !admin,
            };
            j.default_rule(
                INV_50_2,
                ok,
                match (admin, p.kind) {
                    (true, FundKind::Deduction) => "not_per_formula",
                    (true, FundKind::SelfFunding) => "no_deduction",
                    (false, _) => "no_self_funding",
                },
            );
            j.verdict()?
        };
        let mut all_funded = false;
        if let Some(case) = self.ledger.cases.get_mut(cmd.stream.instance.as_str()) {
            if let Some(u) = case.units.iter_mut().find(|u| u.unit == p.unit) {
                u.funded = Some((p.kind, p.amount));
            }
            all_funded = case.units.iter().all(|u| u.funded.is_some());
        }
        // The case is funded with its last unit's share; until then it stays consented.
        Ok(if all_funded { Next::to(verdict, AccFunded) } else { Next::stay(verdict) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yuan;

    /// Source: INV-50.2 — 同比例扣减, capped at the gap, truncated to the fen; platform companies self-fund.
    #[test]
    fn deduction_examples() {
        let a = yuan!("100000000.00");
        let n = yuan!("108000000.00");
        let gap = yuan!("8000000.00");
        let admin = UnitKind::AdminOrPublicUnit;
        assert_eq!(deduction_amount(a, n, Some(yuan!("50000000.00")), gap, admin).unwrap(), yuan!("4000000.00"));
        assert_eq!(deduction_amount(a, n, Some(yuan!("200000000.00")), gap, admin).unwrap(), gap);
        assert_eq!(deduction_amount(a, n, None, gap, UnitKind::PlatformCompany).unwrap(), Yuan::ZERO);
        let t = deduction_amount(
            yuan!("90000000.00"),
            yuan!("91000000.00"),
            Some(yuan!("7000000.00")),
            yuan!("1000000.00"),
            admin,
        )
        .unwrap();
        assert_eq!(t, yuan!("77777.77"));
        assert!(deduction_amount(a, n, Some(a), yuan!("8000000.01"), admin).is_err());
        assert!(deduction_amount(a, n, None, gap, admin).is_err());
        assert!(deduction_amount(Yuan::ZERO, n, Some(a), gap, admin).is_err());
        assert!(deduction_amount(n, a, Some(a), Yuan::ZERO, admin).is_err());
    }
}
