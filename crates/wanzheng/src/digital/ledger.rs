//! The digital project's ledger: the `Facts` derived from its log (RULES.md §1.7).
//!
//! Guards read nothing else: this ledger, the cycle views the workspace hands in
//! ([`crate::digital::CycleInputs`]), the calendar and the configuration. Every field is
//! written only by the commit half of an accepted event.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::digital::events::{
    AssessmentType, Builder, ConstructionMode, DrcFilingKind, FiledWith, FundSource, Funding, OmOwner,
    SecurityReviewResult,
};
use crate::digital::funding::Regime;
use crate::investment::route::Level;
use crate::money::Yuan;

/// What `register_dig_project` fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigRegistration {
    /// Project name.
    pub name: String,
    /// The demand unit (需求单位).
    pub demand_unit_org: String,
    /// municipal or county.
    pub level: Level,
    /// The county of a county project.
    pub county: Option<String>,
    /// Basic supporting project (DIG-13.6).
    pub basic_supporting: bool,
    /// Funding.
    pub funding: Funding,
    /// 项目统一代码 (AMB-40).
    pub project_code: Option<String>,
    /// legacy or new (DIG-31).
    pub regime: Regime,
}

/// The emergency addition of DIG-13.7, with its consents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyRecord {
    /// 紧急部署.
    pub urgent_deployment: bool,
    /// 突发事件.
    pub sudden_event: bool,
    /// Consent of leader_bigdata.
    pub consent_leader_bigdata: Option<DocRef>,
    /// Consent of executive_vice_mayor.
    pub consent_vice_mayor: Option<DocRef>,
    /// Whether DIG-13.7's R part held (category and both consents).
    pub ok: bool,
}

/// The case-by-case decision of DIG-18, with its consents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyModeRecord {
    /// 有明确的时间节点和考核要求.
    pub deadline_and_assessment: bool,
    /// The mode decided.
    pub construction_mode: ConstructionMode,
    /// Consent of leader_bigdata.
    pub consent_leader_bigdata: Option<DocRef>,
    /// Consent of executive_vice_mayor.
    pub consent_vice_mayor: Option<DocRef>,
    /// Whether §4.10 `dig_emergency_ok` held.
    pub ok: bool,
}

/// A `record_dig_funding` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingRecord {
    /// The source.
    pub source: FundSource,
    /// The amount.
    pub amount: Yuan,
    /// The dedicated account, when given.
    pub account_ref: Option<DocRef>,
    /// The date recorded.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
}

/// An `open_dedicated_account` entry (DIG-26.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DedicatedAccount {
    /// The account.
    pub account_ref: DocRef,
    /// The sources it receives.
    pub sources: Vec<FundSource>,
    /// Its supervision rules (配套监管办法).
    pub rules_ref: DocRef,
}

/// The initial acceptance as passed (DIG-16.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitialAcceptanceRecord {
    /// Every check passed (false only when passed in record mode despite a failed check).
    pub clean: bool,
    /// When.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
}

/// A trial-run issue (DIG-16.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueRecord {
    /// Still open.
    pub open: bool,
    /// The entry that reported it.
    pub reported_seq: u32,
    /// The entry that closed it.
    pub rectified_seq: Option<u32>,
}

/// The delivery (DIG-16.5, 16.6, 19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRecord {
    /// Asset owner (DIG-16.6: the soe).
    pub asset_owner: Actor,
    /// O&M owner (DIG-19.1, 19.3).
    pub om_owner: OmOwner,
    /// Operating nature.
    pub operating_nature: bool,
    /// When.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
}

/// The facts of one digital project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigLedger {
    /// Registration.
    pub registration: Option<DigRegistration>,
    /// The plan year P (cycle of the demand plan, or the year of the emergency addition).
    pub plan_year: Option<i32>,
    /// The submitted demand plan.
    pub demand_plan: Option<DocRef>,
    /// The demand plan stated everything DIG-13.4 requires.
    pub demand_plan_complete: bool,
    /// Modifications of the demand plan (DIG-13.5).
    pub demand_modifications: u32,
    /// The task book (DIG-13.3).
    pub task_book: Option<DocRef>,
    /// The construction mode of the task book (DIG-5).
    pub construction_mode: Option<ConstructionMode>,
    /// The emergency addition (DIG-13.7).
    pub emergency: Option<EmergencyRecord>,
    /// The case-by-case decision (DIG-18).
    pub emergency_mode: Option<EmergencyModeRecord>,
    /// The proposed list (DIG-14.1).
    pub proposed_list: Option<DocRef>,
    /// The written demand confirmation (DIG-14.2).
    pub demand_confirmation: Option<DocRef>,
    /// The compiled FSR (DIG-14.3).
    pub fsr: Option<DocRef>,
    /// Its total.
    pub fsr_total: Option<Yuan>,
    /// The big data center consented to the current FSR (DIG-14.4).
    pub center_consent: bool,
    /// The approved FSR total: A = A0 for the INV parts (AMB-25).
    pub approved_total: Option<Yuan>,
    /// The approval document.
    pub approval: Option<DocRef>,
    /// Filed with the drc (DIG-14.5).
    pub drc_filing: Option<DrcFilingKind>,
    /// Money recorded (DIG-26).
    pub funding_records: Vec<FundingRecord>,
    /// Dedicated accounts (DIG-26.2).
    pub dedicated_accounts: Vec<DedicatedAccount>,
    /// When the center was entrusted with supervision (DIG-15.2).
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub entrusted_on: Option<NaiveDate>,
    /// When construction started.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub construction_started: Option<NaiveDate>,
    /// Who builds.
    pub builder: Option<Builder>,
    /// The network security review (DIG-11).
    pub security_review: Option<SecurityReviewResult>,
    /// When construction was (last) completed.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub completed_on: Option<NaiveDate>,
    /// Failed initial acceptances (AMB-32).
    pub initial_acceptance_failures: u32,
    /// The passed initial acceptance (DIG-16.1).
    pub initial_acceptance: Option<InitialAcceptanceRecord>,
    /// When the trial run started (DIG-16.2).
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub trial_started: Option<NaiveDate>,
    /// Trial-run issues (DIG-16.3).
    pub issues: BTreeMap<String, IssueRecord>,
    /// Completion acceptance date (DIG-16.4).
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub final_acceptance: Option<NaiveDate>,
    /// The demand department's signature (DIG-16.5).
    pub sign_off: Option<DocRef>,
    /// The delivery (DIG-16.5, 16.6, 19).
    pub delivery: Option<DeliveryRecord>,
    /// Last MLPS / crypto assessment (DIG-21).
    pub last_assessment: BTreeMap<AssessmentType, NaiveDate>,
    /// Where the final accounts were filed (DIG-27.1: all three).
    pub final_accounts: FiledWith,
    /// Who suspended (INV-55, resume).
    pub suspended_by: Option<Actor>,
    /// The INV-55.x rule the suspension cites (hands the INV parts their host's suspension).
    pub suspension_rule: Option<crate::rule::RuleId>,
}

impl DigLedger {
    /// Number of open trial-run issues (DIG-16.3).
    pub fn open_issues(&self) -> usize {
        self.issues.values().filter(|i| i.open).count()
    }

    /// The project's funding (`None` before registration).
    pub fn funding(&self) -> Option<Funding> {
        self.registration.as_ref().map(|r| r.funding)
    }

    /// Whether a dedicated account receiving `source` is open (DIG-26.2).
    pub fn account_for(&self, source: FundSource) -> Option<&DedicatedAccount> {
        self.dedicated_accounts.iter().find(|a| a.sources.contains(&source))
    }

    /// Whether the project was added as an emergency (DIG-13.7).
    pub fn is_emergency(&self) -> bool {
        self.emergency.is_some()
    }
}
