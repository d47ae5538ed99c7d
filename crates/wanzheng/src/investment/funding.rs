//! Funding mode against project nature (INV-3, INV-5; RULES.md §4.8 `funding_mode_check`).

use serde::{Deserialize, Serialize};

use crate::config::Context;
use crate::error::Error;
use crate::investment::events::{FundingMode, Nature};
use crate::outcome::{Judge, Outcome};
use crate::rule::RuleId;
use crate::rules::*;

/// The request of `funding_mode_check`. Fields in canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingModeRequest {
    /// A recorded INV-3.2 basis for an operating project (AMB-34).
    #[serde(default)]
    pub basis_3_2: bool,
    /// The funding mode.
    pub mode: FundingMode,
    /// The project nature.
    pub nature: Nature,
    /// The project uses loans.
    #[serde(default)]
    pub uses_loan: bool,
}

/// The result of `funding_mode_check`: the trace and the outcomes (RULES.md §1.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FundingModeCheck {
    /// The rule trace.
    pub rules: Vec<RuleId>,
    /// Outcomes: violations 5.2, warnings 5.2 (quasi-operating) and 3.2 (no basis).
    pub outcomes: Vec<Outcome>,
}

impl FundingModeCheck {
    /// Whether no violation was found (warnings allowed).
    pub fn is_permitted(&self) -> bool {
        !self.outcomes.iter().any(|o| o.kind == crate::OutcomeKind::Violation)
    }
}

/// Writes the §4.8 checks into a judge (used by `register_project` and the pure function).
///
/// Order (RULES.md §4.8): (1) loan_interest_subsidy without a loan → violation 5.2 `no_loan`, any
/// nature; (2) quasi_operating → warning 5.2 `quasi_operating`, nothing else (AMB-17);
/// (3) non_operating: direct_investment or loan_interest_subsidy, else violation 5.2
/// `mode_nature_mismatch`; (4) operating: capital_injection, investment_subsidy or
/// loan_interest_subsidy, else violation 5.2 `mode_nature_mismatch`; no basis_3_2 → warning 3.2
/// `no_basis` (AMB-34). INV-3.1 (nature recorded) is traced. Mode `own_funds` (RULES.md §3.5
/// B17) skips steps (3)–(4): the unit's own money has no 5.2 mode to match.
pub(crate) fn judge_funding_mode(j: &mut Judge<'_>, nature: Nature, mode: FundingMode, uses_loan: bool, basis: bool) {
    use FundingMode::*;
    j.require(INV_5_2, mode != LoanInterestSubsidy || uses_loan, "no_loan");
    j.trace(INV_3_1);
    if mode == OwnFunds && nature != Nature::QuasiOperating {
        return;
    }
    match nature {
        // INTERPRETATION: AMB-17 — a quasi-operating project takes any mode with a warning.
        Nature::QuasiOperating => {
            j.warn(INV_5_2, false, "quasi_operating");
        }
        Nature::NonOperating => {
            j.require(INV_5_2, matches!(mode, DirectInvestment | LoanInterestSubsidy), "mode_nature_mismatch");
        }
        Nature::Operating => {
            j.require(
                INV_5_2,
                matches!(mode, CapitalInjection | InvestmentSubsidy | LoanInterestSubsidy),
                "mode_nature_mismatch",
            );
            // INTERPRETATION: AMB-34 — 也可适当 is permissive: a missing basis is a warning.
            j.warn(INV_3_2, basis, "no_basis");
        }
    }
}

/// RULES.md §4.8 `funding_mode_check(nature, mode, uses_loan, basis_3_2)` (INV-3, 5.2).
///
/// # Example
/// ```
/// use wanzheng::investment::events::{FundingMode, Nature};
/// use wanzheng::investment::funding::funding_mode_check;
/// let r = funding_mode_check(Nature::Operating, FundingMode::DirectInvestment, false, false);
/// assert!(!r.is_permitted());
/// assert!(funding_mode_check(Nature::NonOperating, FundingMode::DirectInvestment, false, false).outcomes.is_empty());
/// ```
pub fn funding_mode_check(nature: Nature, mode: FundingMode, uses_loan: bool, basis_3_2: bool) -> FundingModeCheck {
    let mut j = Judge::pure();
    judge_funding_mode(&mut j, nature, mode, uses_loan, basis_3_2);
    let (rules, outcomes) = j.into_parts();
    FundingModeCheck { rules, outcomes }
}

/// `funding_mode_check` behind the JSON entry point.
///
/// # Errors
/// None beyond request parsing.
pub fn funding_mode_request(req: FundingModeRequest, _ctx: &Context) -> Result<FundingModeCheck, Error> {
    Ok(funding_mode_check(req.nature, req.mode, req.uses_loan, req.basis_3_2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::OutcomeKind;
    use FundingMode::*;
    use Nature::*;

    fn kinds(r: &FundingModeCheck) -> Vec<(OutcomeKind, RuleId, &str)> {
        r.outcomes.iter().map(|o| (o.kind, o.rule, &*o.detail)).collect()
    }

    /// Source: INV-5.2 — mode ⇄ nature compatibility, the worked rows of RULES.md §4.8.
    #[test]
    fn worked_rows() {
        assert!(funding_mode_check(NonOperating, DirectInvestment, false, false).outcomes.is_empty());
        let r = funding_mode_check(QuasiOperating, DirectInvestment, false, false);
        assert_eq!(kinds(&r), [(OutcomeKind::Warning, INV_5_2, "quasi_operating")]);
        assert!(r.is_permitted());
        let r = funding_mode_check(Operating, DirectInvestment, false, true);
        assert_eq!(kinds(&r), [(OutcomeKind::Violation, INV_5_2, "mode_nature_mismatch")]);
        let r = funding_mode_check(NonOperating, LoanInterestSubsidy, false, false);
        assert_eq!(kinds(&r), [(OutcomeKind::Violation, INV_5_2, "no_loan")]);
        assert!(funding_mode_check(NonOperating, LoanInterestSubsidy, true, false).outcomes.is_empty());
    }

    /// Source: INV-3.2 — an operating project without a recorded basis gets a warning only.
    #[test]
    fn operating_basis() {
        let r = funding_mode_check(Operating, CapitalInjection, false, false);
        assert_eq!(kinds(&r), [(OutcomeKind::Warning, INV_3_2, "no_basis")]);
        assert!(funding_mode_check(Operating, InvestmentSubsidy, false, true).outcomes.is_empty());
    }

    /// Source: INV-5.4 — mode `own_funds` skips the mode ⇄ nature steps (3)–(4) of §4.8 (RULES.md
    /// §3.5 B17); the quasi-operating warning (2) stays.
    #[test]
    fn own_funds_skips_mode_steps() {
        for n in [NonOperating, Operating] {
            let r = funding_mode_check(n, OwnFunds, false, false);
            assert!(r.outcomes.is_empty(), "{n:?}: {:?}", r.outcomes);
            assert!(r.rules.contains(&INV_3_1));
        }
        let r = funding_mode_check(QuasiOperating, OwnFunds, false, false);
        assert_eq!(kinds(&r), [(OutcomeKind::Warning, INV_5_2, "quasi_operating")]);
    }

    /// Source: INV-3.1 — the nature is recorded (traced) in every check.
    #[test]
    fn nature_traced() {
        for n in [NonOperating, QuasiOperating, Operating] {
            assert!(funding_mode_check(n, DirectInvestment, false, false).rules.contains(&INV_3_1));
        }
    }
}
