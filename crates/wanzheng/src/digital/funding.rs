//! Funds and scope in time (宛政办〔2023〕12号 第二十四条 to 第二十八条, 第三十一条, 第三十二条): the
//! regime (DIG-31, 32), the INV parts switch (DIG-17, AMB-25), funding records, dedicated accounts
//! (DIG-24.2, 26.2) and final accounts (DIG-27.1), with their §4.10 decision functions (`dig_regime`,
//! `dig_dedicated_account_required`, `dig_inv_parts`); the other §4.10 functions stand beside their
//! chapters ([`crate::digital::demand`], [`crate::digital::approval`], [`crate::digital::acceptance`]).
//!
//! Every function takes a typed request and returns a typed result carrying `rules` (the trace)
//! and `outcomes`; all are registered in [`crate::decide::FUNCTIONS`] under their §4.10 names, and
//! every worked example of §4.10 is a row of `tests/fixtures/digital/<function>.json`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::actor::DocRef;
use crate::config::{Config, Context};
use crate::digital::events::{
    FileFinalAccounts, FiledWith, FundSource, Funding, OpenDedicatedAccount, RecordDigFunding,
};
use crate::digital::ledger::{DedicatedAccount, FundingRecord};
use crate::digital::lifecycle::DigState;
use crate::digital::project::DigitalProject;
use crate::digital::roles;
use crate::error::{Error, InputError, InputReason};
use crate::machine::kernel::{Call, Next};
use crate::money::Yuan;
use crate::outcome::{Judge, Outcome};
use crate::rule::RuleId;
use crate::rules::*;

/// 2023-04-23: issuance and effective date of 宛政办〔2023〕12号 (DIG-32; DIG-31's 本办法实施前 is before it).
pub const EFFECTIVE: NaiveDate = match NaiveDate::from_ymd_opt(2023, 4, 23) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// DIG-32: the regulation applies to acts on or after 2023-04-23.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// assert!(!wanzheng::digital::dig_applies(NaiveDate::from_ymd_opt(2023, 4, 22).unwrap()));
/// assert!(wanzheng::digital::dig_applies(NaiveDate::from_ymd_opt(2023, 4, 23).unwrap()));
/// ```
pub fn dig_applies(date: NaiveDate) -> bool {
    date >= EFFECTIVE
}

/// Which mechanism governs a project (DIG-31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// 按照原有机制办理: under construction with funds in place before 2023-04-23.
    Legacy,
    /// This regulation.
    New,
}

/// DIG-31: `legacy` iff construction started and funds were in place, both before 2023-04-23
/// (本办法实施前; 2023-04-23 itself is OUT) [interp, AMB-30: any secured tranche counts].
pub fn regime_of(construction_start: Option<NaiveDate>, funds_in_place: Option<NaiveDate>) -> Regime {
    match (construction_start, funds_in_place) {
        (Some(s), Some(f)) if s < EFFECTIVE && f < EFFECTIVE => Regime::Legacy,
        _ => Regime::New,
    }
}

/// DIG-26.2 (AMB-28, RULES.md §3.4): a dedicated account is required for special bonds, and for
/// fiscal money (special fund, higher-level, other fiscal) when the project's cumulative fiscal
/// money — `prior_fiscal` recorded before plus this `amount` — reaches the configured threshold
/// (inclusive); the soe's own and market money never.
pub fn account_required(source: FundSource, prior_fiscal: Yuan, amount: Yuan, threshold: Option<Yuan>) -> bool {
    match source {
        FundSource::SpecialBond => true,
        FundSource::SpecialFund | FundSource::HigherLevel | FundSource::OtherFiscal => {
            threshold.is_some_and(|t| prior_fiscal.saturating_add(amount) >= t)
        }
        FundSource::SoeSelf | FundSource::Market => false,
    }
}

/// The fiscal sources whose cumulative sum 大额 is judged on (DIG-26.2 「其他大额财政资金」; special
/// bonds need the account whatever the amount).
pub fn is_fiscal(source: FundSource) -> bool {
    matches!(source, FundSource::SpecialFund | FundSource::HigherLevel | FundSource::OtherFiscal)
}

/// AMB-25: whether a project of this funding runs the INV parts (special fund or higher-level funds,
/// with `dig_budget_projects_apply_inv`).
pub fn inv_parts(funding: Funding, config: &Config) -> bool {
    matches!(funding, Funding::SpecialFund | Funding::HigherLevel) && config.dig_budget_projects_apply_inv
}

/// Adds the AMB-25 warning (DIG-32 `amb25_pending_ruling`) until `amb25_ruling_ref` is configured.
pub fn warn_amb25(j: &mut Judge<'_>, config: &Config) {
    j.warn(DIG_32, config.amb25_ruling_ref.is_some(), "amb25_pending_ruling");
}

// ---------------------------------------------------------------------------------------------
// §4.10 decision functions
// ---------------------------------------------------------------------------------------------

/// Request of [`dig_regime`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegimeRequest {
    /// When construction started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub construction_start: Option<NaiveDate>,
    /// When the construction money was in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub funds_in_place: Option<NaiveDate>,
}

/// Result of [`dig_regime`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RegimeDecision {
    /// `legacy` (original mechanism) or `new`.
    pub regime: Regime,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// None.
    pub outcomes: Vec<Outcome>,
}

/// §4.10 `dig_regime(construction_start, funds_in_place)` = `legacy` iff both < 2023-04-23 (DIG-31).
///
/// # Errors
/// None besides the request's own shape.
pub fn dig_regime(req: RegimeRequest, _ctx: &Context) -> Result<RegimeDecision, Error> {
    Ok(RegimeDecision {
        regime: regime_of(req.construction_start, req.funds_in_place),
        rules: vec![DIG_31],
        outcomes: Vec::new(),
    })
}

/// Request of [`dig_dedicated_account_required`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DedicatedAccountRequest {
    /// The amount.
    pub amount: Yuan,
    /// The project's fiscal money recorded before this amount (RULES.md §3.4: 大额 is cumulative);
    /// default 0.00.
    #[serde(default)]
    pub prior_fiscal: Yuan,
    /// The source.
    pub source: FundSource,
    /// The threshold; absent → the configured `large_fund_threshold`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Yuan>,
}

/// Result of [`dig_dedicated_account_required`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DedicatedAccountDecision {
    /// A dedicated account is required.
    pub required: bool,
    /// The threshold applied, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Yuan>,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// None.
    pub outcomes: Vec<Outcome>,
}

/// §4.10 `dig_dedicated_account_required(source, amount, threshold, prior_fiscal)` = special_bond ∨
/// (fiscal source ∧ threshold set ∧ prior_fiscal + amount ≥ threshold) (DIG-26.2, AMB-28:
/// threshold IN; RULES.md §3.4: cumulative).
///
/// # Errors
/// None besides the request's own shape.
pub fn dig_dedicated_account_required(
    req: DedicatedAccountRequest,
    ctx: &Context,
) -> Result<DedicatedAccountDecision, Error> {
    let threshold = req.threshold.or(ctx.config().large_fund_threshold);
    Ok(DedicatedAccountDecision {
        required: account_required(req.source, req.prior_fiscal, req.amount, threshold),
        threshold,
        rules: vec![DIG_26_2],
        outcomes: Vec::new(),
    })
}

/// Request of [`dig_inv_parts`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvPartsRequest {
    /// The project's funding.
    pub funding: Funding,
}

/// Result of [`dig_inv_parts`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InvPartsDecision {
    /// The INV payment, change, adjustment and accountability parts apply.
    pub inv_parts: bool,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// Warning DIG-32 `amb25_pending_ruling` when they apply and no ruling is configured.
    pub outcomes: Vec<Outcome>,
}

/// §4.10 `dig_inv_parts(funding, config)` = funding ∈ {special_fund, higher_level} ∧
/// `dig_budget_projects_apply_inv` (AMB-25).
///
/// # Errors
/// None besides the request's own shape.
pub fn dig_inv_parts(req: InvPartsRequest, ctx: &Context) -> Result<InvPartsDecision, Error> {
    let mut j = Judge::pure();
    j.trace(DIG_17_1);
    let parts = inv_parts(req.funding, ctx.config());
    if parts {
        warn_amb25(&mut j, ctx.config());
    }
    let (rules, outcomes) = j.into_parts();
    Ok(InvPartsDecision { inv_parts: parts, rules, outcomes })
}

// ---------------------------------------------------------------------------------------------
// Funding acts of the project machine
// ---------------------------------------------------------------------------------------------

impl DigitalProject {
    pub(crate) fn record_dig_funding(&mut self, p: &RecordDigFunding, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::optional_ref(p.account_ref.as_ref(), "facts.account_ref")?;
        let threshold = self.ctx.config().large_fund_threshold;
        let year = c.cmd.date.year();
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_26_1);
            // DIG-26.2: special bonds and large fiscal money go through a dedicated account opened before.
            // RULES.md §3.4: 大额 is the project's cumulative fiscal money, this record included.
            let prior_fiscal = if is_fiscal(p.source) {
                self.ledger
                    .funding_records
                    .iter()
                    .filter(|r| is_fiscal(r.source))
                    .fold(Yuan::ZERO, |sum, r| sum.saturating_add(r.amount))
            } else {
                Yuan::ZERO
            };
            if account_required(p.source, prior_fiscal, p.amount, threshold) {
                let ok = self
                    .ledger
                    .account_for(p.source)
                    .is_some_and(|a| p.account_ref.as_ref().is_none_or(|r| r.reference == a.account_ref.reference));
                j.require(DIG_26_2, ok, "no_dedicated_account");
            } else {
                j.trace(DIG_26_2);
            }
            // DIG-24.2: money the soe raises is executed only within the approved annual investment plan.
            if p.source.is_soe_raised() {
                j.require(DIG_24_2, self.cycles.soe_plan_approved(year), "plan_not_approved");
            }
            j.verdict()?
        };
        self.ledger.funding_records.push(FundingRecord {
            source: p.source,
            amount: p.amount,
            account_ref: p.account_ref.clone(),
            date: c.cmd.date,
        });
        Ok(Next::stay(verdict))
    }

    pub(crate) fn open_dedicated_account(
        &mut self,
        p: &OpenDedicatedAccount,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.account_ref, "facts.account_ref")?;
        roles::require_ref(&p.rules_ref, "facts.rules_ref")?;
        InputError::when(
            p.sources.is_empty(),
            "facts.sources",
            InputReason::Empty,
            "an account receives at least one source",
        )?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_26_2);
            j.verdict()?
        };
        self.ledger.dedicated_accounts.push(DedicatedAccount {
            account_ref: p.account_ref.clone(),
            sources: p.sources.clone(),
            rules_ref: p.rules_ref.clone(),
        });
        Ok(Next::stay(verdict))
    }

    pub(crate) fn file_final_accounts(&mut self, p: &FileFinalAccounts, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        let f = &p.filed_with;
        for (r, path) in [(&f.bigdata_bureau, "bigdata_bureau"), (&f.drc, "drc"), (&f.finance, "finance")] {
            roles::optional_ref(r.as_ref(), &format!("facts.filed_with.{path}"))?;
        }
        let merged = merge_filed(&self.ledger.final_accounts, f);
        let completes = filed_with_all(&merged) && !filed_with_all(&self.ledger.final_accounts);
        let due = self.obligations.find_open(FILING_DUTY, "").map(|o| o.due);
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-27.1 (RULES.md §3.4): filings accumulate — each filing with any of the three bodies is
            // accepted; the duty opened at `deliver` is met when the bureau, finance and the drc all have
            // it, a deadline act: after `dig_filing_days` the completing filing is accepted with `late`.
            // INTERPRETATION: DIG-27.1 — 「按程序…报备」 sets no day; 180 days after delivery is the
            // configured reading (§3.4 [interp]).
            j.finding(DIG_27_1, !completes || due.is_none_or(|d| c.cmd.date <= d), "late");
            j.verdict()?
        };
        self.ledger.final_accounts = merged;
        if completes {
            self.obligations.close(FILING_DUTY, "", c.seq, c.cmd.date);
        }
        Ok(Next::stay(verdict))
    }
}

/// The duty of DIG-27.1 (RULES.md §3.4): the final accounts on file with all three bodies.
pub(crate) const FILING_DUTY: &str = "final_accounts_filing";

/// Whether the final accounts are on file with the bureau, finance and the drc (DIG-27.1).
pub(crate) fn filed_with_all(f: &FiledWith) -> bool {
    f.bigdata_bureau.is_some() && f.finance.is_some() && f.drc.is_some()
}

fn merge_filed(old: &FiledWith, new: &FiledWith) -> FiledWith {
    let pick = |a: &Option<DocRef>, b: &Option<DocRef>| b.clone().or_else(|| a.clone());
    FiledWith {
        bigdata_bureau: pick(&old.bigdata_bureau, &new.bigdata_bureau),
        drc: pick(&old.drc, &new.drc),
        finance: pick(&old.finance, &new.finance),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yuan;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Source: DIG-31 — legacy iff construction started and funds were in place before 2023-04-23: 04-22 IN, 04-23 OUT.
    #[test]
    fn regime_boundary() {
        assert_eq!(regime_of(Some(d("2023-03-01")), Some(d("2023-04-22"))), Regime::Legacy);
        assert_eq!(regime_of(Some(d("2023-03-01")), Some(d("2023-04-23"))), Regime::New);
        assert_eq!(regime_of(Some(d("2023-04-23")), Some(d("2023-03-01"))), Regime::New);
        assert_eq!(regime_of(None, Some(d("2023-03-01"))), Regime::New);
        assert_eq!(regime_of(Some(d("2023-03-01")), None), Regime::New);
    }

    /// Source: DIG-32 — effective on issuance: 2023-04-23 IN, 2023-04-22 OUT.
    #[test]
    fn effective_boundary() {
        assert!(!dig_applies(d("2023-04-22")));
        assert!(dig_applies(d("2023-04-23")));
    }

    /// Source: DIG-26.2 — special bonds always; fiscal money at or above the threshold (IN); never the soe's own or market money.
    #[test]
    fn dedicated_account_boundary() {
        let t = Some(yuan!("30000000.00"));
        let z = Yuan::ZERO;
        assert!(account_required(FundSource::SpecialBond, z, yuan!("1.00"), None));
        assert!(account_required(FundSource::SpecialFund, z, yuan!("30000000.00"), t));
        assert!(!account_required(FundSource::SpecialFund, z, yuan!("29999999.99"), t));
        assert!(!account_required(FundSource::SpecialFund, z, yuan!("30000000.00"), None));
        assert!(account_required(FundSource::OtherFiscal, z, yuan!("30000000.01"), t));
        assert!(!account_required(FundSource::SoeSelf, z, yuan!("900000000.00"), t));
        assert!(!account_required(FundSource::Market, z, yuan!("900000000.00"), t));
    }

    /// Source: DIG-26.2 — RULES.md §3.4: 大额 is cumulative: prior fiscal money plus this record, 29,999,999.99 below the
    /// threshold, 30,000,000.00 at it (IN); the soe's own money never counts.
    #[test]
    fn dedicated_account_cumulative() {
        let ctx = Context::new(
            Config { large_fund_threshold: Some(yuan!("30000000.00")), ..Config::default() },
            crate::WorkingDayCalendar::embedded(),
        );
        let req = |source, prior: &str, amount: &str| {
            dig_dedicated_account_required(
                DedicatedAccountRequest { amount: yuan!(amount), prior_fiscal: yuan!(prior), source, threshold: None },
                &ctx,
            )
            .unwrap()
            .required
        };
        assert!(!req(FundSource::SpecialFund, "20000000.00", "9999999.99"));
        assert!(req(FundSource::SpecialFund, "20000000.00", "10000000.00"));
        assert!(req(FundSource::HigherLevel, "29999999.99", "0.01"));
        assert!(!req(FundSource::SoeSelf, "20000000.00", "10000000.00"));
    }

    /// Source: DIG-17.1 — INV parts only for special_fund and higher_level, and only with the switch on.
    #[test]
    fn inv_parts_switch() {
        let on = Context::default();
        let cfg = Config { dig_budget_projects_apply_inv: false, ..Config::default() };
        let off = Context::new(cfg, crate::WorkingDayCalendar::embedded());
        for f in [Funding::SpecialFund, Funding::HigherLevel] {
            assert!(dig_inv_parts(InvPartsRequest { funding: f }, &on).unwrap().inv_parts);
            assert!(!dig_inv_parts(InvPartsRequest { funding: f }, &off).unwrap().inv_parts);
        }
        for f in [Funding::HigherLevelSpecial, Funding::SoeSelf, Funding::SpecialBond, Funding::Market] {
            assert!(!dig_inv_parts(InvPartsRequest { funding: f }, &on).unwrap().inv_parts);
        }
    }
}

#[cfg(test)]
mod act_tests {
    use crate::actor::{Actor, DocKind};
    use crate::digital::events::*;
    use crate::digital::lifecycle::DigState;
    use crate::digital::testkit::*;
    use crate::error::Error;
    use crate::rules::*;

    fn filing(bureau: bool, finance: bool, drc: bool, date: &str) -> crate::log::Command {
        let f = |b: bool, s: &str| b.then(|| r(DocKind::FinalAccounts, s));
        cmd(
            FileFinalAccounts {
                filed_with: FiledWith {
                    bigdata_bureau: f(bureau, "报备-局"),
                    drc: f(drc, "报备-发改"),
                    finance: f(finance, "报备-财政"),
                },
            },
            Actor::Soe,
            date,
        )
    }

    fn filing_findings(p: &crate::digital::project::DigitalProject, as_of: &str) -> Vec<String> {
        p.findings(d(as_of)).into_iter().filter(|f| f.code == "F-DIG-27.1").map(|f| f.detail.to_string()).collect()
    }

    /// Source: DIG-27.1 — RULES.md §3.4: filings accumulate — each filing with any of the three bodies is accepted
    /// without an outcome; filings before delivery count, so no duty is opened at `deliver`.
    #[test]
    fn final_accounts_accumulate() {
        let mut p = at(Funding::SoeSelf, DigState::FinalAccepted);
        let t = p.apply(filing(true, true, false, "2024-12-02")).unwrap();
        assert!(t.outcomes.is_empty());
        assert_eq!(t.rules, vec![DIG_27_1]);
        let t = p.apply(filing(false, false, true, "2024-12-03")).unwrap();
        assert!(t.outcomes.is_empty());
        drive(&mut p, Funding::SoeSelf, DigState::InOperation);
        assert!(p.obligations(d("2025-12-31")).iter().all(|o| o.obligation.rule != DIG_27_1));
        assert!(filing_findings(&p, "2026-12-31").is_empty());
        assert!(p.apply(filing(true, true, true, "2025-01-10")).unwrap().outcomes.is_empty());
    }

    /// Source: DIG-27.1 — RULES.md §3.4: the duty opened at `deliver` (2024-12-10) is due `dig_filing_days` (180) days
    /// later, 2025-06-08: all three on file that day is on time; overdue from 2025-06-09 → F-DIG-27.1
    /// `filing_incomplete`; the completing filing after the due day is accepted with finding `late`.
    #[test]
    fn filing_deadline_boundary() {
        let mut p = at(Funding::SoeSelf, DigState::InOperation);
        p.apply(filing(true, false, false, "2025-01-10")).unwrap();
        let open: Vec<_> =
            p.obligations(d("2025-06-08")).into_iter().filter(|o| o.obligation.rule == DIG_27_1).collect();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].obligation.due, d("2025-06-08"));
        assert!(filing_findings(&p, "2025-06-08").is_empty());
        assert_eq!(filing_findings(&p, "2025-06-09"), vec!["filing_incomplete".to_string()]);
        let mut on_time = p.clone();
        assert!(on_time.apply(filing(false, true, true, "2025-06-08")).unwrap().outcomes.is_empty());
        assert!(filing_findings(&on_time, "2026-12-31").is_empty());
        let t = p.apply(filing(false, true, true, "2025-06-09")).unwrap();
        assert_eq!(t.outcomes, vec![crate::Outcome::new(crate::OutcomeKind::Finding, DIG_27_1, "late")]);
        assert_eq!(filing_findings(&p, "2026-12-31"), vec!["late".to_string()]);
        // The period is configurable.
        let ctx = ctx_with(|c| c.dig_filing_days = 30);
        let mut q = registered_with(Funding::SoeSelf, ctx);
        drive(&mut q, Funding::SoeSelf, DigState::InOperation);
        assert_eq!(
            q.obligations(d("2025-01-09")).iter().find(|o| o.obligation.rule == DIG_27_1).unwrap().obligation.due,
            d("2025-01-09")
        );
    }

    /// Source: DIG-24.1 — the special fund pays for construction: a special-fund project records it through finance (DIG-9) without an soe plan.
    #[test]
    fn special_fund_money() {
        let mut p = registered(Funding::SpecialFund);
        let mut inputs = approved_inputs(&[PID]);
        inputs.years.get_mut(&2024).unwrap().soe_plan_approved = false;
        p.set_cycle_inputs(inputs);
        let c = cmd(
            RecordDigFunding { account_ref: None, amount: crate::yuan!("8000000.00"), source: FundSource::SpecialFund },
            Actor::Finance,
            "2024-03-05",
        );
        let t = p.apply(c).unwrap();
        assert!(t.outcomes.is_empty());
        assert_eq!(t.rules, vec![DIG_26_1, DIG_26_2]);
    }

    /// Source: DIG-8 — the drc's part in a self-funded project is the filing (`file_with_drc` by the soe, from fsr_approved).
    #[test]
    fn filing_only_after_fsr_approval() {
        let mut p = registered(Funding::SoeSelf);
        drive(&mut p, Funding::SoeSelf, DigState::FsrCenterCleared);
        let f = cmd(
            FileWithDrc { kind: DrcFilingKind::Filing, reference: r(DocKind::Filing, "备案1") },
            Actor::Soe,
            "2024-02-25",
        );
        assert!(matches!(p.apply(f.clone()), Err(Error::Transition(_))));
        drive(&mut p, Funding::SoeSelf, DigState::FsrApproved);
        let mut by_unit = f.clone();
        by_unit.date = crate::digital::testkit::d("2024-03-02");
        by_unit.actor = Actor::Drc;
        assert!(matches!(p.apply(by_unit), Err(Error::Rule(ref v)) if v.rule_id() == Some(DIG_14_5)));
    }
}
