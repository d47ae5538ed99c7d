//! Configuration (RULES.md §7).
//!
//! One [`Config`] value governs every judgment; its canonical JSON hashed with
//! SHA-256 is the `config_id` stored on each log entry. The defaults reproduce
//! RULES.md's readings; `None` means "the check is off and no finding is
//! raised". Effective dates (INV-60, DIG-31, DIG-32) are law, not configuration.
//! The working-day calendar is injected beside the configuration
//! ([`Context`]); it is data, not a setting.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::calendar::WorkingDayCalendar;
use crate::error::{InputError, InputReason};
use crate::json::{SCHEMA_VERSION, check_schema_version};
use crate::log::Hash32;
use crate::money::Yuan;
use crate::ruleset::{RuleBook, RuleSet};

/// The approvals whose time limits INV-7.4 configures (as `refuse_approval.review`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// 项目建议书.
    Proposal,
    /// 可行性研究报告.
    Fsr,
    /// 初步设计.
    Design,
    /// 投资概算.
    Estimate,
    /// 预算评审.
    Budget,
}

/// Who approves the preliminary design of a sector (INV-13.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DesignApprover {
    /// 市发展改革部门.
    Drc,
    /// 相关行业主管部门.
    IndustryAuthority,
}

impl DesignApprover {
    /// The acting actor.
    pub fn actor(self) -> Actor {
        match self {
            DesignApprover::Drc => Actor::Drc,
            DesignApprover::IndustryAuthority => Actor::IndustryAuthority,
        }
    }
}

/// The annual-plan calendar (INV-29, AMB-9): month-day deadlines and the issue month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanDeadlines {
    /// Submission to drc by this month-day of year P−1 (`MM-DD`, default `10-31`).
    pub submit: String,
    /// Draft to the executive meeting by this month-day of year P−1 (default `12-31`).
    pub meeting: String,
    /// The plan is issued in this month of year P (default 1, January).
    pub issue_month: u32,
}

impl Default for PlanDeadlines {
    fn default() -> Self {
        PlanDeadlines { submit: "10-31".into(), meeting: "12-31".into(), issue_month: 1 }
    }
}

impl PlanDeadlines {
    /// Parses an `MM-DD` into (month, day).
    ///
    /// # Errors
    /// [`InputError`] when the text is not a valid month-day.
    pub fn month_day(s: &str, path: &str) -> Result<(u32, u32), InputError> {
        let bad = || {
            InputError::new(
                path,
                InputReason::InvalidValue,
                format!("{} is not an MM-DD month-day", crate::error::echo(s)),
            )
        };
        let (m, d) = s.split_once('-').ok_or_else(bad)?;
        if m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let m: u32 = m.parse().map_err(|_| bad())?;
        let d: u32 = d.parse().map_err(|_| bad())?;
        // 2024 is a leap year, so 02-29 is a valid month-day.
        chrono::NaiveDate::from_ymd_opt(2024, m, d).ok_or_else(bad)?;
        Ok((m, d))
    }
}

/// Which DIG projects need a network security review (DIG-11, AMB-29).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SecurityReviewScope {
    /// Every project (default).
    #[default]
    All,
    /// Only projects whose `funding` is in the list (e.g. `["special_fund"]`), by funding kind.
    Kinds(Vec<String>),
}

/// The configuration of RULES.md §7. Unknown keys are refused; every key has its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Always 1 for this library; a newer version is refused.
    pub schema_version: u32,
    /// INV-7.4: approval kind → working days after the submission; absent → not checked.
    pub approval_time_limits: BTreeMap<ReviewKind, u32>,
    /// INV-31.1, 54.2: working days after `approve_payment` to disburse; none → off.
    pub disbursement_sla: Option<u32>,
    /// INV-37.3, AMB-44: months after acceptance for the final accounts (default 3).
    pub final_accounts_due: Option<u32>,
    /// INV-37.4: months after acceptance for asset registration; none → off.
    pub asset_registration_due: Option<u32>,
    /// INV-37.3 (RULES.md §3.4): months after acceptance (a stopped or withdrawn project: after
    /// the final accounts) to return the fiscal surplus to the treasury (default 3); none → no due date.
    pub surplus_return_months: Option<u32>,
    /// INV-52.2 (RULES.md §3.4): working days after a platform approval or an issued annual plan to
    /// disclose it (default 20, 《政府信息公开条例》第二十六条); none → no due date.
    pub disclosure_due_days: Option<u32>,
    /// INV-45.4: working days after `reach_milestone` for the control check; none → off.
    pub estimate_check_due: Option<u32>,
    /// INV-55.6: months after approval and plan issue to start; none → off.
    pub start_deadline: Option<u32>,
    /// INV-29, AMB-9: plan calendar.
    pub plan_deadlines: PlanDeadlines,
    /// INV-13.2: sector → design approver; sectors not listed use `default_design_approver`.
    pub design_approver: BTreeMap<String, DesignApprover>,
    /// INV-13.2: the design approver of sectors not in `design_approver` (default drc).
    pub default_design_approver: DesignApprover,
    /// INV-22: total ≥ threshold sets `large_investment`; none → the approver sets the flag.
    pub large_investment_threshold: Option<Yuan>,
    /// INV-48.3, AMB-12: `≤` instead of `<` at +10 %.
    pub inv48_3_inclusive: bool,
    /// INV-48, AMB-13: apply the 70 % gate to route 1 too.
    pub gate_70_on_48_1: bool,
    /// INV-48, AMB-13: allow implementation below 70 % after municipal consent.
    pub allow_below_70_with_municipal_consent: bool,
    /// INV-13.3, 59: county projects run the `inv` machine with county bodies in the municipal roles.
    pub county_adopts_inv: bool,
    /// AMB-25: budget-funded DIG projects also run the INV parts (default true).
    pub dig_budget_projects_apply_inv: bool,
    /// AMB-25: the written ruling; when set, no `amb25_pending_ruling` warning.
    pub amb25_ruling_ref: Option<DocRef>,
    /// DIG-11, AMB-29: which projects need a security review.
    pub security_review_scope: SecurityReviewScope,
    /// DIG-21, AMB-28: months between MLPS/crypto assessments (default 12).
    pub assessment_period: u32,
    /// DIG-26.2, AMB-28: fiscal amounts at or above it need a dedicated account; none → special bonds only.
    pub large_fund_threshold: Option<Yuan>,
    /// DIG-16, AMB-32: minimum trial-run days; none → off.
    pub trial_run_min: Option<u32>,
    /// INV-33, RULES.md §3.5 A4 (必须招标的工程项目规定 第五条): survey and design contracts whose
    /// estimated price reaches it must be tendered, so they wait for the approval that fixes the
    /// tender scheme (default 1,000,000.00, inclusive). Left out of the canonical JSON at its
    /// default, so configurations that do not set it keep their `config_id`.
    #[serde(skip_serializing_if = "is_default_services_tender_threshold")]
    pub services_tender_threshold: Yuan,
    /// DIG-27.1 (RULES.md §3.4): days after `deliver` by which the final accounts are on file with
    /// the bureau, finance and the drc (default 180). Left out of the canonical JSON at its
    /// default, so configurations that do not set it keep their `config_id`.
    #[serde(skip_serializing_if = "is_default_dig_filing_days")]
    pub dig_filing_days: u32,
    /// DIG-21 (RULES.md §3.4): days after a failed MLPS or cryptography assessment by which a
    /// passing one of the same type is due (default 90). Left out of the canonical JSON at its
    /// default.
    #[serde(skip_serializing_if = "is_default_rectification_days")]
    pub rectification_days: u32,
    /// INV-35.3 (RULES.md §3.5 D1; 财建〔2004〕369号 第十二条 「原则上不低于合同金额的10%，不高于30%」):
    /// the advance share, in percent of the contract price, that caps a contract's advances when it
    /// states none; an agreed share above it → W INV-35.3 `advance_above_30_percent` at the award
    /// (default 30). Left out of the canonical JSON at its default.
    #[serde(skip_serializing_if = "is_default_advance_max_percent")]
    pub advance_max_percent: u32,
}

/// RULES.md §3.5 D1: 30 %.
const DEFAULT_ADVANCE_MAX_PERCENT: u32 = 30;

fn is_default_advance_max_percent(p: &u32) -> bool {
    *p == DEFAULT_ADVANCE_MAX_PERCENT
}

/// RULES.md §3.5 A4: 1,000,000.00.
fn default_services_tender_threshold() -> Yuan {
    Yuan::from_fen(100_000_000).unwrap_or(Yuan::ZERO)
}

fn is_default_services_tender_threshold(y: &Yuan) -> bool {
    *y == default_services_tender_threshold()
}

/// RULES.md §3.4 DIG-27.1: 180 days.
const DEFAULT_DIG_FILING_DAYS: u32 = 180;
/// RULES.md §3.4 DIG-21: 90 days.
const DEFAULT_RECTIFICATION_DAYS: u32 = 90;

fn is_default_dig_filing_days(d: &u32) -> bool {
    *d == DEFAULT_DIG_FILING_DAYS
}

fn is_default_rectification_days(d: &u32) -> bool {
    *d == DEFAULT_RECTIFICATION_DAYS
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schema_version: SCHEMA_VERSION,
            approval_time_limits: BTreeMap::new(),
            disbursement_sla: None,
            final_accounts_due: Some(3),
            asset_registration_due: None,
            surplus_return_months: Some(3),
            disclosure_due_days: Some(20),
            estimate_check_due: None,
            start_deadline: None,
            plan_deadlines: PlanDeadlines::default(),
            design_approver: BTreeMap::new(),
            default_design_approver: DesignApprover::Drc,
            large_investment_threshold: None,
            inv48_3_inclusive: false,
            gate_70_on_48_1: false,
            allow_below_70_with_municipal_consent: false,
            county_adopts_inv: false,
            dig_budget_projects_apply_inv: true,
            amb25_ruling_ref: None,
            security_review_scope: SecurityReviewScope::All,
            assessment_period: 12,
            large_fund_threshold: None,
            trial_run_min: None,
            services_tender_threshold: default_services_tender_threshold(),
            dig_filing_days: DEFAULT_DIG_FILING_DAYS,
            rectification_days: DEFAULT_RECTIFICATION_DAYS,
            advance_max_percent: DEFAULT_ADVANCE_MAX_PERCENT,
        }
    }
}

impl Config {
    /// Parses a configuration from JSON; missing keys take their defaults.
    ///
    /// # Errors
    /// [`InputError`] for malformed JSON, unknown keys, bad values or a future `schema_version`.
    ///
    /// # Example
    /// ```
    /// let c = wanzheng::Config::from_json(r#"{"inv48_3_inclusive": true}"#).unwrap();
    /// assert!(c.inv48_3_inclusive);
    /// assert_eq!(c.final_accounts_due, Some(3));
    /// assert!(wanzheng::Config::from_json(r#"{"no_such_key": 1}"#).is_err());
    /// ```
    pub fn from_json(json: &str) -> Result<Config, InputError> {
        Config::from_value(crate::json::parse_value(json)?, "config")
    }

    /// As [`Config::from_json`] from a parsed JSON value; typed errors name their path under
    /// `path` (`config.plan_deadlines.submit`).
    ///
    /// # Errors
    /// As [`Config::from_json`].
    pub fn from_value(v: serde_json::Value, path: &str) -> Result<Config, InputError> {
        check_schema_version(&v, &crate::json::join(path, "schema_version"))?;
        let c: Config = crate::json::from_value(v, path)?;
        c.validate()?;
        Ok(c)
    }

    /// Checks values serde cannot: month-days, the issue month, a positive assessment period.
    ///
    /// # Errors
    /// [`InputError`] naming the key.
    pub fn validate(&self) -> Result<(), InputError> {
        PlanDeadlines::month_day(&self.plan_deadlines.submit, "plan_deadlines.submit")?;
        PlanDeadlines::month_day(&self.plan_deadlines.meeting, "plan_deadlines.meeting")?;
        if !(1..=12).contains(&self.plan_deadlines.issue_month) {
            return Err(InputError::new(
                "plan_deadlines.issue_month",
                InputReason::InvalidValue,
                "issue_month must be 1..=12",
            ));
        }
        if self.assessment_period == 0 {
            return Err(InputError::new(
                "assessment_period",
                InputReason::InvalidValue,
                "assessment_period must be at least one month",
            ));
        }
        Ok(())
    }

    /// The canonical JSON (fields in declared order, maps sorted, no whitespace).
    pub fn canonical_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// SHA-256 of the canonical JSON: the `config_id` of log entries.
    pub fn id(&self) -> Hash32 {
        Hash32::of_json(self)
    }

    /// The design approver of a sector (INV-13.2).
    pub fn design_approver_for(&self, sector: &str) -> DesignApprover {
        self.design_approver.get(sector).copied().unwrap_or(self.default_design_approver)
    }
}

/// Configuration, its id and the calendar: what every machine judges with. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Context {
    config: Arc<Config>,
    config_id: Hash32,
    calendar: Arc<WorkingDayCalendar>,
    rules: Arc<RuleBook>,
}

impl Default for Context {
    fn default() -> Self {
        Context::new(Config::default(), WorkingDayCalendar::embedded())
    }
}

impl PartialEq for Context {
    fn eq(&self, o: &Context) -> bool {
        self.config_id == o.config_id
            && (Arc::ptr_eq(&self.calendar, &o.calendar) || self.calendar == o.calendar)
            && (Arc::ptr_eq(&self.rules, &o.rules) || self.rules == o.rules)
    }
}

impl Context {
    /// A context from a configuration and a calendar.
    pub fn new(config: Config, calendar: Arc<WorkingDayCalendar>) -> Context {
        let config_id = config.id();
        Context { config: Arc::new(config), config_id, calendar, rules: Arc::new(RuleBook::default()) }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The shared configuration.
    pub fn config_arc(&self) -> &Arc<Config> {
        &self.config
    }

    /// SHA-256 of the canonical configuration.
    pub fn config_id(&self) -> Hash32 {
        self.config_id
    }

    /// The working-day calendar.
    pub fn calendar(&self) -> &WorkingDayCalendar {
        &self.calendar
    }

    /// The shared calendar.
    pub fn calendar_arc(&self) -> &Arc<WorkingDayCalendar> {
        &self.calendar
    }

    /// The same configuration with another calendar.
    #[must_use]
    pub fn with_calendar(&self, calendar: Arc<WorkingDayCalendar>) -> Context {
        Context {
            config: Arc::clone(&self.config),
            config_id: self.config_id,
            calendar,
            rules: Arc::clone(&self.rules),
        }
    }

    /// The same configuration and calendar with the rule versions of `rules`.
    #[must_use]
    pub fn with_rulebook(&self, rules: Arc<RuleBook>) -> Context {
        Context { rules, ..self.clone() }
    }

    /// The shared rule versions.
    pub fn rulebook_arc(&self) -> &Arc<RuleBook> {
        &self.rules
    }

    /// The rule parameters in force over time (issue 10: dated rule versions).
    pub fn rulebook(&self) -> &RuleBook {
        &self.rules
    }

    /// The version of the rule parameters in force on `date`.
    pub fn ruleset_at(&self, date: chrono::NaiveDate) -> &Arc<RuleSet> {
        self.rules.at(date)
    }

    /// The `config_id` a log entry dated `date` carries: the configuration's own id while the
    /// built-in rule version is in force (so logs written before rule versions existed keep
    /// their hashes), else SHA-256 of the configuration id and the version's id — the id names
    /// the configuration **and** the rule version that judged the entry.
    pub fn config_id_at(&self, date: chrono::NaiveDate) -> Hash32 {
        let set = self.rules.at(date);
        if set.is_builtin() {
            return self.config_id;
        }
        Hash32::of_json(&(self.config_id.0, set.id().0))
    }

    /// The version a decision function without a date of its own uses (§4 functions such as
    /// `approval_route`): the version pinned by the request's `as_of` ([`Context::pinned_at`]),
    /// else the newest version loaded.
    pub fn decision_ruleset(&self) -> &Arc<RuleSet> {
        self.rules.newest()
    }

    /// This context with only the version in force on `date` (a decision request's `as_of`):
    /// every rule-parameter lookup of the result uses it.
    #[must_use]
    pub fn pinned_at(&self, date: chrono::NaiveDate) -> Context {
        let set = Arc::clone(self.rules.at(date));
        Context { rules: Arc::new(RuleBook::only(set)), ..self.clone() }
    }

    /// Loads an amendment of the rule parameters (JSON, see [`crate::ruleset`]): acts dated on
    /// or after its `effective_from` are judged under it from then on, earlier acts as before.
    ///
    /// # Errors
    /// [`InputError`] (path `ruleset…`); the context is unchanged.
    ///
    /// # Example
    /// ```
    /// let mut ctx = wanzheng::Context::default();
    /// ctx.load_ruleset(r#"{"version":"2027","effective_from":"2027-07-01","values":{"simplified_fsr_max":"20000000.00"}}"#)?;
    /// assert_eq!(ctx.ruleset_at("2027-07-01".parse().unwrap()).version, "2027");
    /// assert_eq!(ctx.ruleset_at("2027-06-30".parse().unwrap()).version, "2023");
    /// # Ok::<(), wanzheng::InputError>(())
    /// ```
    pub fn load_ruleset(&mut self, json: &str) -> Result<(), InputError> {
        self.rules = Arc::new(self.rules.with_amendment_json(json)?);
        Ok(())
    }

    /// Loads a JSON array of amendments in order (a project file's or project document's
    /// `rulesets`, found at `path`); `null` loads nothing.
    ///
    /// # Errors
    /// [`InputError`] naming `path[i]…`; the context is unchanged.
    pub fn load_rulesets_value(&mut self, sets: &serde_json::Value, path: &str) -> Result<(), InputError> {
        let items = match sets {
            serde_json::Value::Null => return Ok(()),
            serde_json::Value::Array(items) => items,
            _ => return Err(InputError::new(path, InputReason::Schema, format!("{path} is an array of amendments"))),
        };
        let mut rules = RuleBook::clone(&self.rules);
        for (i, set) in items.iter().enumerate() {
            rules = rules.with_amendment_json(&set.to_string()).map_err(|mut e| {
                e.path = format!("{path}[{i}]{}", e.path.strip_prefix("ruleset").unwrap_or(&e.path));
                e
            })?;
        }
        self.rules = Arc::new(rules);
        Ok(())
    }

    /// Loads a State Council holiday notice (JSON in the format of [`crate::calendar`]) into
    /// this context's calendar, without a rebuild: its years become official, and machines
    /// built or replayed with the context from then on compute their working-day deadlines
    /// from it (provisional obligations of a replayed log come back official). The
    /// configuration and its `config_id` are unchanged; so is every stored log entry.
    ///
    /// # Errors
    /// [`InputError`] (path `calendar`) for a malformed notice or one that takes a statutory
    /// holiday away (`calendar_contradicts_statute`, naming the day); the context is unchanged.
    ///
    /// # Example
    /// ```
    /// use wanzheng::investment::change::{emergency_change_deadline, EmergencyDeadlineRequest};
    /// let mut ctx = wanzheng::Context::default();
    /// let req = || EmergencyDeadlineRequest { order_date: "2026-12-28".parse().unwrap(), filed_on: None };
    /// assert!(emergency_change_deadline(req(), &ctx)?.provisional);
    /// ctx.load_calendar_notice(include_str!("../../../tests/fixtures/calendar/notice_2027_illustrative.json"))?;
    /// let d = emergency_change_deadline(req(), &ctx)?;
    /// assert_eq!((d.date.to_string(), d.provisional), ("2027-01-05".to_string(), false));
    /// # Ok::<(), wanzheng::Error>(())
    /// ```
    pub fn load_calendar_notice(&mut self, json: &str) -> Result<(), InputError> {
        let mut calendar = WorkingDayCalendar::clone(&self.calendar);
        calendar.load_notice_json(json).map_err(|e| {
            let mut err = InputError::from(e);
            err.path = "calendar".into();
            err
        })?;
        self.calendar = Arc::new(calendar);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression of the `config` fuzz target (FUZZING.md, crash input `[9]`): a JSON array was
    /// read positionally as a configuration with `schema_version` 9, past the version check,
    /// and its own canonical JSON was then refused. A configuration, a command, a request, a
    /// log entry and a stream document are JSON objects; anything else is refused with reason
    /// `schema` at the document's path, and every configuration read reads back.
    #[test]
    fn documents_are_objects_not_positional_arrays() {
        let e = Config::from_json("[9]").unwrap_err();
        assert_eq!((e.reason, e.path.as_str()), (InputReason::Schema, "config"), "{e}");
        for text in ["[]", "[1]", "9", "\"x\"", "null", "true"] {
            assert_eq!(Config::from_json(text).unwrap_err().reason, InputReason::Schema, "{text}");
            let e = crate::Command::from_json(text).unwrap_err();
            assert_eq!(e.reason, InputReason::Schema, "command {text}");
            let ctx = Context::default();
            match crate::decide::decide_json("approval_route", text, &ctx) {
                Err(crate::Error::Input(e)) => assert_eq!(e.reason, InputReason::Schema, "request {text}"),
                other => panic!("request {text}: {other:?}"),
            }
            assert!(crate::InvestmentProject::from_json(text).is_err(), "stream {text}");
        }
        let e = crate::decide::decide_json("approval_route", r#"["10000000.00",{}]"#, &Context::default());
        assert!(matches!(e, Err(crate::Error::Input(ref i)) if i.reason == InputReason::Schema), "{e:?}");
        let c = Config::from_json(r#"{"schema_version":1,"assessment_period":6}"#).unwrap();
        assert_eq!(Config::from_json(&c.canonical_json()).unwrap().id(), c.id());
    }

    #[test]
    fn defaults_match_rules_md_section_7() {
        let c = Config::default();
        assert_eq!(c.final_accounts_due, Some(3));
        assert_eq!(c.assessment_period, 12);
        assert_eq!(c.surplus_return_months, Some(3));
        assert_eq!(c.disclosure_due_days, Some(20));
        assert!(c.dig_budget_projects_apply_inv);
        assert!(!c.inv48_3_inclusive && !c.gate_70_on_48_1 && !c.allow_below_70_with_municipal_consent);
        assert_eq!(c.plan_deadlines, PlanDeadlines::default());
        assert_eq!(c.design_approver_for("health"), DesignApprover::Drc);
        assert_eq!(c.large_fund_threshold, None);
        assert_eq!((c.dig_filing_days, c.rectification_days), (180, 90));
        assert_eq!(c.advance_max_percent, 30);
        assert!(!c.canonical_json().contains("advance_max_percent"));
    }

    /// Source: DIG-27.1, DIG-21 — the §3.4 keys stay out of the canonical JSON at their defaults (existing
    /// `config_id`s unchanged); any other value is in it and round-trips.
    #[test]
    fn dig_deadline_keys_keep_the_id_at_their_defaults() {
        let c = Config::default();
        assert!(!c.canonical_json().contains("dig_filing_days") && !c.canonical_json().contains("rectification_days"));
        let other = Config::from_json(r#"{"dig_filing_days":90,"rectification_days":30}"#).unwrap();
        assert_ne!(other.id(), c.id());
        assert_eq!(Config::from_json(&other.canonical_json()).unwrap(), other);
    }

    #[test]
    fn json_round_trip_and_id_is_stable() {
        let c = Config::default();
        let j = c.canonical_json();
        let back = Config::from_json(&j).unwrap();
        assert_eq!(back, c);
        assert_eq!(back.id(), c.id());
        let other = Config::from_json(r#"{"inv48_3_inclusive":true}"#).unwrap();
        assert_ne!(other.id(), c.id());
    }

    #[test]
    fn bad_config() {
        assert!(Config::from_json(r#"{"schema_version":2}"#).is_err());
        assert!(Config::from_json(r#"{"large_fund_threshold":30000000}"#).is_err());
        assert!(
            Config::from_json(r#"{"plan_deadlines":{"submit":"13-01","meeting":"12-31","issue_month":1}}"#).is_err()
        );
        assert!(Config::from_json("{").is_err());
    }
}
