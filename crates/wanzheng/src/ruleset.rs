//! Dated rule parameters (issue 10): the numbers the two regulations' texts fix, by version.
//!
//! Regulations get amended. An approval system must judge a 2024 act under the 2024 rules and a
//! 2028 act under whatever is in force then. The figures below come from the texts (not from an
//! office's configuration, [`crate::Config`]); each [`RuleSet`] is one version of them with the
//! day it takes effect, and a [`RuleBook`] holds the versions in force over time. The version in
//! force on an act's date judges the act.
//!
//! The library ships the law as it stands, [`RuleSet::builtin`] (version `2023`). An amendment is
//! loaded as data ([`RuleBook::with_amendment_json`], [`crate::Context::load_ruleset`]), e.g.
//!
//! ```json
//! {"version": "2027-amendment", "effective_from": "2027-07-01",
//!  "source": "宛政〔2027〕N号", "values": {"simplified_fsr_max": "20000000.00"}}
//! ```
//!
//! Values not named keep the previous version's. Every [`crate::Transition`] and every decision
//! result names the version it used (`ruleset`); a log entry judged under an amended version
//! carries a `config_id` that covers the configuration **and** that version (entries judged
//! under the built-in version keep the configuration's own id, so existing logs and their hashes
//! are unchanged).
//!
//! The regulations' own effective dates (INV-60: 2023-06-01; DIG-32: 2023-04-23) are in every
//! version for reference and are not amendable. The annual-plan calendar (INV-29) is also an
//! office setting ([`crate::Config`] `plan_deadlines`): the office's calendar prevails when it
//! differs from the text as issued, else the version in force on the act's date applies.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{InputError, InputReason};
use crate::log::Hash32;
use crate::money::Yuan;

/// The id of the built-in version: the law as issued in 2023.
pub const BUILTIN_VERSION: &str = "2023";

/// [`BUILTIN_VERSION`] as a value (serde default of `ruleset` fields read from older JSON).
pub fn builtin_version() -> Cow<'static, str> {
    Cow::Borrowed(BUILTIN_VERSION)
}

/// The parameters of the texts, by version. Every field is the text's figure in the built-in
/// version; fields are in wire-name (code-point) order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleValues {
    /// DIG-13.1: the first day of the demand collection of year P, as `MM-DD` of P−1
    /// (「每年10月中旬」: 中旬 = days 11–20).
    pub dig_demand_from: String,
    /// DIG-13.1: the last day of that collection (`MM-DD` of P−1, inclusive).
    pub dig_demand_to: String,
    /// DIG-32: the day 宛政办〔2023〕12号 took effect. Law, not amendable (an amendment has its own
    /// `effective_from`); shown so that a ruleset names every date and figure the texts fix.
    #[serde(deserialize_with = "crate::date::strict")]
    pub dig_effective_from: NaiveDate,
    /// INV-15.3 (AMB-3): the upper bound of direct FSR approval (「5000万元」, inclusive).
    pub direct_fsr_max: Yuan,
    /// INV-44.2: working days after an emergency change order to file it (「5个工作日内」).
    pub emergency_filing_working_days: u32,
    /// INV-23.3 (估算控制概算): the share, in percent, by which an estimate may exceed the FSR
    /// estimate before the FSR must be re-reported (「超过…10%」: 100·E > (100+p)·F).
    pub estimate_excess_percent: u32,
    /// INV-48 (AMB-13): the share of the original estimate, in percent, that the certified work
    /// must reach before an overrun adjustment (「完成…百分之七十及以上」: 100·W ≥ p·A0).
    pub implementation_gate_percent: u32,
    /// INV-60: the day 宛政〔2023〕7号 took effect. Law, not amendable.
    #[serde(deserialize_with = "crate::date::strict")]
    pub inv_effective_from: NaiveDate,
    /// INV-29 (AMB-9): the annual-plan calendar of the text (submissions 10月底前, draft to the
    /// meeting 12月底前, issue in January). An office's own `plan_deadlines` configuration, when
    /// it differs from the text as issued, prevails (RULES.md §7).
    pub plan_deadlines: crate::config::PlanDeadlines,
    /// INV-48.3 (AMB-12): the overrun, in percent of A, below which a self-funded adjustment
    /// goes to the industry authority (「未超10%以上」: 100·(N−A) < p·A).
    pub self_funded_overrun_percent: u32,
    /// INV-15.1: the upper bound of the FSR-only route (「1000万元以下」, inclusive, AMB-2).
    pub simplified_fsr_max: Yuan,
}

impl RuleValues {
    /// The figures of the texts as issued (宛政〔2023〕7号, 宛政办〔2023〕12号).
    pub fn builtin() -> RuleValues {
        RuleValues {
            dig_demand_from: "10-11".into(),
            dig_demand_to: "10-20".into(),
            dig_effective_from: crate::digital::EFFECTIVE,
            direct_fsr_max: Yuan::of_fen(5_000_000_000),
            emergency_filing_working_days: 5,
            estimate_excess_percent: 10,
            implementation_gate_percent: 70,
            inv_effective_from: crate::investment::EFFECTIVE,
            plan_deadlines: crate::config::PlanDeadlines::default(),
            self_funded_overrun_percent: 10,
            simplified_fsr_max: Yuan::of_fen(1_000_000_000),
        }
    }
}

/// One version of the rule parameters: an id, the day it takes effect and its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RuleSet {
    /// The version id named by transitions and decisions (`2023` for the built-in version).
    pub version: Cow<'static, str>,
    /// The first day acts are judged under this version.
    pub effective_from: NaiveDate,
    /// The document that made it (an amendment's number), if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The parameters.
    pub values: RuleValues,
    /// SHA-256 of the canonical JSON of this version (version, effective_from, source, values).
    #[serde(skip)]
    #[schemars(skip)]
    id: Hash32,
}

/// An amendment as loaded: values not named keep the previous version's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Amendment {
    #[serde(deserialize_with = "crate::date::strict")]
    effective_from: NaiveDate,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    values: PartialValues,
    version: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialValues {
    dig_demand_from: Option<String>,
    dig_demand_to: Option<String>,
    #[serde(default, deserialize_with = "crate::date::strict_opt")]
    dig_effective_from: Option<NaiveDate>,
    direct_fsr_max: Option<Yuan>,
    emergency_filing_working_days: Option<u32>,
    estimate_excess_percent: Option<u32>,
    implementation_gate_percent: Option<u32>,
    #[serde(default, deserialize_with = "crate::date::strict_opt")]
    inv_effective_from: Option<NaiveDate>,
    plan_deadlines: Option<crate::config::PlanDeadlines>,
    self_funded_overrun_percent: Option<u32>,
    simplified_fsr_max: Option<Yuan>,
}

impl RuleSet {
    /// The built-in version: the law as issued, in force from 2023-04-23 (DIG-32, the earlier of
    /// the two regulations; INV acts before 2023-06-01 stay out of scope by INV-60).
    pub fn builtin() -> &'static Arc<RuleSet> {
        static BUILTIN: std::sync::OnceLock<Arc<RuleSet>> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            Arc::new(RuleSet::new(
                Cow::Borrowed(BUILTIN_VERSION),
                crate::digital::EFFECTIVE,
                Some("宛政〔2023〕7号; 宛政办〔2023〕12号".into()),
                RuleValues::builtin(),
            ))
        })
    }

    fn new(
        version: Cow<'static, str>,
        effective_from: NaiveDate,
        source: Option<String>,
        values: RuleValues,
    ) -> RuleSet {
        let mut s = RuleSet { version, effective_from, source, values, id: Hash32::ZERO };
        s.id = Hash32::of_json(&s);
        s
    }

    /// Whether this is the built-in version.
    pub fn is_builtin(&self) -> bool {
        self.version == BUILTIN_VERSION
    }

    /// SHA-256 of this version's canonical JSON.
    pub fn id(&self) -> Hash32 {
        self.id
    }

    /// INV-15.1: whether `total` is within the FSR-only band.
    pub fn within_simplified_band(&self, total: Yuan) -> bool {
        total <= self.values.simplified_fsr_max
    }

    /// INV-15.3: whether `total` is within the direct-FSR band.
    pub fn within_direct_band(&self, total: Yuan) -> bool {
        total <= self.values.direct_fsr_max
    }

    /// INV-23.3 (估算控制概算): whether `x` exceeds the FSR estimate `f` by more than
    /// `estimate_excess_percent` (built-in: 10·x > 11·f; 22,000,000.01 over 20,000,000.00).
    pub fn exceeds_fsr_estimate(&self, x: Yuan, f: Yuan) -> bool {
        x.times_fen(100) > f.times_fen(100 + self.values.estimate_excess_percent)
    }

    /// INV-48 (AMB-13): whether the certified work `w` reaches `implementation_gate_percent` of the
    /// original estimate `a0` (built-in: 100·W ≥ 70·A0, 70 % included).
    pub fn reaches_implementation_gate(&self, w: Yuan, a0: Yuan) -> bool {
        w.times_fen(100) >= a0.times_fen(self.values.implementation_gate_percent)
    }

    /// INV-48.3 (AMB-12): whether N stays within `self_funded_overrun_percent` of A
    /// (built-in: 100·(N−A) < 10·A, or `≤` with `inclusive` — `inv48_3_inclusive`).
    pub fn within_self_funded_margin(&self, n: Yuan, a: Yuan, inclusive: bool) -> bool {
        let lhs = (n.fen() - a.fen()) * 100;
        let rhs = a.fen() * i128::from(self.values.self_funded_overrun_percent);
        if inclusive { lhs <= rhs } else { lhs < rhs }
    }
}

impl PartialValues {
    /// `values` with the amendment's figures applied and checked.
    fn apply_to(self, mut values: RuleValues) -> Result<RuleValues, InputError> {
        let path = |k: &str| format!("ruleset.values.{k}");
        // A full version read back from a document names them unchanged; only a change is refused.
        for (k, given, law) in [
            ("dig_effective_from", self.dig_effective_from, values.dig_effective_from),
            ("inv_effective_from", self.inv_effective_from, values.inv_effective_from),
        ] {
            if given.is_some_and(|d| d != law) {
                return Err(bad(
                    &path(k),
                    InputReason::InvalidValue,
                    "the day a regulation took effect (INV-60, DIG-32) is law and not amendable; an amendment \
                     takes effect on its own effective_from"
                        .into(),
                ));
            }
        }
        if let Some(d) = self.emergency_filing_working_days {
            if d == 0 || d > 365 {
                return Err(bad(
                    &path("emergency_filing_working_days"),
                    InputReason::InvalidValue,
                    format!("{d} is not a number of working days from 1 to 365"),
                ));
            }
            values.emergency_filing_working_days = d;
        }
        for (k, given, slot) in [
            ("estimate_excess_percent", self.estimate_excess_percent, &mut values.estimate_excess_percent),
            ("implementation_gate_percent", self.implementation_gate_percent, &mut values.implementation_gate_percent),
            ("self_funded_overrun_percent", self.self_funded_overrun_percent, &mut values.self_funded_overrun_percent),
        ] {
            if let Some(p) = given {
                if p > 100 {
                    return Err(bad(
                        &path(k),
                        InputReason::InvalidValue,
                        format!("{p} is not a percentage from 0 to 100"),
                    ));
                }
                *slot = p;
            }
        }
        for (k, given, slot) in [
            ("dig_demand_from", self.dig_demand_from, &mut values.dig_demand_from),
            ("dig_demand_to", self.dig_demand_to, &mut values.dig_demand_to),
        ] {
            if let Some(md) = given {
                crate::config::PlanDeadlines::month_day(&md, &path(k))?;
                *slot = md;
            }
        }
        if crate::config::PlanDeadlines::month_day(&values.dig_demand_from, "")?
            > crate::config::PlanDeadlines::month_day(&values.dig_demand_to, "")?
        {
            return Err(bad(
                &path("dig_demand_to"),
                InputReason::InvalidValue,
                "the collection window ends before it begins".into(),
            ));
        }
        if let Some(pd) = self.plan_deadlines {
            crate::config::PlanDeadlines::month_day(&pd.submit, &path("plan_deadlines.submit"))?;
            crate::config::PlanDeadlines::month_day(&pd.meeting, &path("plan_deadlines.meeting"))?;
            if !(1..=12).contains(&pd.issue_month) {
                return Err(bad(
                    &path("plan_deadlines.issue_month"),
                    InputReason::InvalidValue,
                    format!("{} is not a month from 1 to 12", pd.issue_month),
                ));
            }
            values.plan_deadlines = pd;
        }
        values.simplified_fsr_max = self.simplified_fsr_max.unwrap_or(values.simplified_fsr_max);
        values.direct_fsr_max = self.direct_fsr_max.unwrap_or(values.direct_fsr_max);
        if values.simplified_fsr_max > values.direct_fsr_max {
            return Err(bad(
                &path("simplified_fsr_max"),
                InputReason::InvalidValue,
                "the FSR-only band cannot exceed the direct-FSR band".into(),
            ));
        }
        Ok(values)
    }
}

/// The versions in force over time, oldest first; the first is always the built-in version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleBook {
    sets: Vec<Arc<RuleSet>>,
}

impl Default for RuleBook {
    fn default() -> Self {
        RuleBook { sets: vec![Arc::clone(RuleSet::builtin())] }
    }
}

fn bad(path: &str, reason: InputReason, message: String) -> InputError {
    InputError::new(path, reason, message)
}

impl RuleBook {
    /// The version in force on `date` (the built-in version before every amendment).
    pub fn at(&self, date: NaiveDate) -> &Arc<RuleSet> {
        let i = self.sets.partition_point(|s| s.effective_from <= date);
        &self.sets[i.saturating_sub(1)]
    }

    /// The version named `version`.
    pub fn get(&self, version: &str) -> Option<&Arc<RuleSet>> {
        self.sets.iter().find(|s| s.version == version)
    }

    /// The newest version loaded.
    pub fn newest(&self) -> &Arc<RuleSet> {
        &self.sets[self.sets.len() - 1]
    }

    /// A book of one version: every date answers it (a decision pinned to its `as_of`).
    pub fn only(set: Arc<RuleSet>) -> RuleBook {
        RuleBook { sets: vec![set] }
    }

    /// Every version, oldest first.
    pub fn versions(&self) -> &[Arc<RuleSet>] {
        &self.sets
    }

    /// Whether only the built-in version is loaded.
    pub fn is_builtin_only(&self) -> bool {
        self.sets.len() == 1 && self.sets[0].is_builtin()
    }

    /// This book with one more version read from an amendment's JSON (see the module docs).
    ///
    /// # Errors
    /// [`InputError`] (path `ruleset…`) for malformed JSON, unknown keys, a bad amount, a version
    /// id already loaded, an `effective_from` not after the newest loaded version's, or a value
    /// refused (`emergency_filing_working_days` 0 or above 365, an FSR-only band above the direct band).
    ///
    /// # Example
    /// ```
    /// use wanzheng::ruleset::RuleBook;
    /// let book = RuleBook::default().with_amendment_json(
    ///     r#"{"version":"2027","effective_from":"2027-07-01","values":{"simplified_fsr_max":"20000000.00"}}"#,
    /// )?;
    /// let d = |s: &str| s.parse().unwrap();
    /// assert_eq!(book.at(d("2027-06-30")).version, "2023");
    /// assert_eq!(book.at(d("2027-07-01")).values.simplified_fsr_max, wanzheng::yuan!("20000000.00"));
    /// assert_eq!(book.at(d("2027-07-01")).values.direct_fsr_max, wanzheng::yuan!("50000000.00"));
    /// # Ok::<(), wanzheng::InputError>(())
    /// ```
    pub fn with_amendment_json(&self, json: &str) -> Result<RuleBook, InputError> {
        let v = crate::json::parse_value(json).map_err(|mut e| {
            e.path = prefixed(&e.path);
            e
        })?;
        let a: Amendment = crate::json::from_value(v, "").map_err(|mut e| {
            e.path = prefixed(&e.path);
            e
        })?;
        let newest = self.sets.last().map_or_else(|| Arc::clone(RuleSet::builtin()), Arc::clone);
        if a.version.is_empty() || a.version.chars().count() > 64 {
            return Err(bad("ruleset.version", InputReason::InvalidValue, "a version id of 1 to 64 characters".into()));
        }
        if self.get(&a.version).is_some() {
            return Err(bad(
                "ruleset.version",
                InputReason::InvalidValue,
                format!("version {} is already loaded", crate::error::echo(&a.version)),
            ));
        }
        if a.effective_from <= newest.effective_from {
            return Err(bad(
                "ruleset.effective_from",
                InputReason::InvalidValue,
                format!(
                    "an amendment takes effect after the newest loaded version ({} from {})",
                    newest.version, newest.effective_from
                ),
            ));
        }
        let values = a.values.apply_to(newest.values.clone())?;
        let mut sets = self.sets.clone();
        sets.push(Arc::new(RuleSet::new(Cow::Owned(a.version), a.effective_from, a.source, values)));
        Ok(RuleBook { sets })
    }
}

fn prefixed(path: &str) -> String {
    if path.is_empty() { "ruleset".into() } else { format!("ruleset.{path}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yuan;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const AMEND: &str = r#"{"version":"2027-amendment","effective_from":"2027-07-01","source":"hypothetical","values":{"simplified_fsr_max":"20000000.00"}}"#;

    /// Source: INV-15.1, INV-15.3, INV-44.2 — the built-in version carries the
    /// texts' figures.
    #[test]
    fn builtin_values_are_the_texts() {
        let b = RuleSet::builtin();
        assert_eq!(b.version, "2023");
        assert_eq!(b.values.simplified_fsr_max, yuan!("10000000.00"));
        assert_eq!(b.values.direct_fsr_max, yuan!("50000000.00"));
        assert_eq!(b.values.emergency_filing_working_days, 5);
        assert!(b.within_simplified_band(yuan!("10000000.00")) && !b.within_simplified_band(yuan!("10000000.01")));
        assert!(b.within_direct_band(yuan!("50000000.00")) && !b.within_direct_band(yuan!("50000000.01")));
    }

    /// The version in force on a date: the day before and the day an amendment takes effect.
    #[test]
    fn version_in_force_by_date() {
        let book = RuleBook::default().with_amendment_json(AMEND).unwrap();
        assert_eq!(book.at(d("2027-06-30")).version, "2023");
        assert_eq!(book.at(d("2027-07-01")).version, "2027-amendment");
        assert_eq!(book.at(d("2099-12-31")).version, "2027-amendment");
        assert_eq!(book.at(d("2020-01-01")).version, "2023");
        let a = book.at(d("2027-07-01"));
        assert_eq!(a.values.simplified_fsr_max, yuan!("20000000.00"));
        assert_eq!(a.values.direct_fsr_max, yuan!("50000000.00"), "values not named are inherited");
        assert_ne!(a.id(), RuleSet::builtin().id());
        assert!(!book.is_builtin_only() && RuleBook::default().is_builtin_only());
    }

    /// Source: INV-23.3, INV-48, INV-48.3 — the 10 % and 70 % of the texts, from the
    /// built-in version, at their exact boundaries (fen).
    #[test]
    fn builtin_percentages_at_their_boundaries() {
        let b = RuleSet::builtin();
        let v = &b.values;
        assert_eq!(
            (v.estimate_excess_percent, v.implementation_gate_percent, v.self_funded_overrun_percent),
            (10, 70, 10)
        );
        // INV-23.3: E above F by more than 10 %: 22,000,000.00 over 20,000,000.00 is not, .01 is.
        assert!(!b.exceeds_fsr_estimate(yuan!("22000000.00"), yuan!("20000000.00")));
        assert!(b.exceeds_fsr_estimate(yuan!("22000000.01"), yuan!("20000000.00")));
        // INV-48: 百分之七十及以上 — 70,000,000.00 of 100,000,000.00 reaches it, 69,999,999.99 not.
        assert!(b.reaches_implementation_gate(yuan!("70000000.00"), yuan!("100000000.00")));
        assert!(!b.reaches_implementation_gate(yuan!("69999999.99"), yuan!("100000000.00")));
        // INV-48.3 (AMB-12): 未超10%以上 — +9,999,999.99 within, exactly +10 % out (in with `inclusive`).
        let a = yuan!("100000000.00");
        assert!(b.within_self_funded_margin(yuan!("109999999.99"), a, false));
        assert!(!b.within_self_funded_margin(yuan!("110000000.00"), a, false));
        assert!(b.within_self_funded_margin(yuan!("110000000.00"), a, true));
        assert!(!b.within_self_funded_margin(yuan!("110000000.01"), a, true));
    }

    /// Source: INV-29, DIG-13.1, INV-60, DIG-32 — the calendar and the effective dates of the
    /// texts are in the built-in version; effective dates are law and refused in an amendment.
    #[test]
    fn calendar_and_effective_dates_in_the_builtin_version() {
        let v = &RuleSet::builtin().values;
        assert_eq!(v.plan_deadlines, crate::config::PlanDeadlines::default());
        assert_eq!((v.dig_demand_from.as_str(), v.dig_demand_to.as_str()), ("10-11", "10-20"));
        assert_eq!((v.inv_effective_from, v.dig_effective_from), (d("2023-06-01"), d("2023-04-23")));
        assert_eq!(v.inv_effective_from, crate::investment::EFFECTIVE);
        assert_eq!(v.dig_effective_from, crate::digital::EFFECTIVE);
        for k in ["inv_effective_from", "dig_effective_from"] {
            let json = format!(r#"{{"version":"x","effective_from":"2027-07-01","values":{{"{k}":"2027-07-01"}}}}"#);
            let e = RuleBook::default().with_amendment_json(&json).unwrap_err();
            assert_eq!(e.path, format!("ruleset.values.{k}"));
            assert!(e.message.contains("not amendable"), "{}", e.message);
        }
    }

    /// An amendment of the percentages and calendars: named values change, the rest inherit,
    /// out-of-range values are refused with their path.
    #[test]
    fn amendment_of_percentages_and_calendars() {
        let book = RuleBook::default()
            .with_amendment_json(
                r#"{"version":"p","effective_from":"2028-01-01","values":{"estimate_excess_percent":15,
                   "implementation_gate_percent":60,"plan_deadlines":{"submit":"11-15","meeting":"12-31","issue_month":2},
                   "dig_demand_from":"10-01","dig_demand_to":"10-31"}}"#,
            )
            .unwrap();
        let v = &book.at(d("2028-01-01")).values;
        assert_eq!(
            (v.estimate_excess_percent, v.implementation_gate_percent, v.self_funded_overrun_percent),
            (15, 60, 10)
        );
        assert_eq!((v.plan_deadlines.submit.as_str(), v.plan_deadlines.issue_month), ("11-15", 2));
        let (from, to) = crate::digital::demand_window(2029, book.at(d("2028-06-01"))).unwrap();
        assert_eq!((from, to), (d("2028-10-01"), d("2028-10-31")));
        let (from, _) = crate::digital::demand_window(2028, book.at(d("2027-10-11"))).unwrap();
        assert_eq!(from, d("2027-10-11"), "the 2023 window before the amendment");
        for (values, path) in [
            (r#"{"implementation_gate_percent":101}"#, "ruleset.values.implementation_gate_percent"),
            (r#"{"dig_demand_from":"10-32"}"#, "ruleset.values.dig_demand_from"),
            (r#"{"dig_demand_from":"10-21"}"#, "ruleset.values.dig_demand_to"),
            (
                r#"{"plan_deadlines":{"submit":"10-31","meeting":"12-31","issue_month":13}}"#,
                "ruleset.values.plan_deadlines.issue_month",
            ),
        ] {
            let json = format!(r#"{{"version":"x","effective_from":"2027-07-01","values":{values}}}"#);
            let e = RuleBook::default().with_amendment_json(&json).unwrap_err();
            assert_eq!(e.path, path, "{values}: {}", e.message);
        }
    }

    #[test]
    fn bad_amendments_are_refused_with_their_path() {
        let book = RuleBook::default();
        for (json, path) in [
            (r#"{"version":"2023","effective_from":"2027-07-01"}"#, "ruleset.version"),
            (r#"{"version":"x","effective_from":"2023-01-01"}"#, "ruleset.effective_from"),
            (
                r#"{"version":"x","effective_from":"2027-07-01","values":{"emergency_filing_working_days":0}}"#,
                "ruleset.values.emergency_filing_working_days",
            ),
            (
                r#"{"version":"x","effective_from":"2027-07-01","values":{"simplified_fsr_max":"60000000.00"}}"#,
                "ruleset.values.simplified_fsr_max",
            ),
            (
                r#"{"version":"x","effective_from":"2027-07-01","values":{"simplified_fsr_max":"1E+7"}}"#,
                "ruleset.values.simplified_fsr_max",
            ),
            (
                r#"{"version":"x","effective_from":"2027-07-01","values":{"inv_effective":"2024-01-01"}}"#,
                "ruleset.values",
            ),
            (r#"{"version":"x","version":"y","effective_from":"2027-07-01"}"#, "ruleset.version"),
        ] {
            let e = book.with_amendment_json(json).unwrap_err();
            assert!(e.path.starts_with(path), "{json}: {} ({})", e.path, e.message);
        }
        let twice = book.with_amendment_json(AMEND).unwrap();
        assert!(twice.with_amendment_json(AMEND).is_err());
    }
}

#[cfg(test)]
mod machine_tests {
    use crate::investment::testkit::*;
    use crate::yuan;

    const BAND_20M: &str = r#"{"version":"2027-amendment","effective_from":"2027-07-01","source":"hypothetical","values":{"simplified_fsr_max":"20000000.00","emergency_filing_working_days":10}}"#;

    fn kit() -> Kit {
        let mut ctx = Context::default();
        ctx.load_ruleset(BAND_20M).unwrap();
        Kit { p: InvestmentProject::new(ctx), date: d("2027-06-30"), mode: Mode::Enforce }
    }

    /// Source: INV-15.1 — a hypothetical amendment lifting the FSR-only band to 20,000,000.00
    /// from 2027-07-01: a project registered the day before is routed by the 2023 band
    /// (standard), one registered on the day by the amended band (FSR only); each transition
    /// and log entry names its version, and replay under the same versions reproduces both.
    #[test]
    fn acts_on_both_sides_of_an_amendment() {
        let mut before = kit();
        let t = before.ok(register("15000000.00"), Actor::ProjectUnit);
        assert_eq!(t.ruleset, "2023");
        assert_eq!(before.p.ledger().route(), Some(Route::Standard));
        let ctx = before.p.context().clone();
        assert_eq!(before.p.log().entries()[0].config_id(), ctx.config_id(), "built-in version: the config's own id");

        let mut after = kit();
        after.at("2027-07-01");
        let t = after.ok(register("15000000.00"), Actor::ProjectUnit);
        assert_eq!(t.ruleset, "2027-amendment");
        assert_eq!(after.p.ledger().route(), Some(Route::SimplifiedFsrOnly));
        assert_ne!(after.p.log().entries()[0].config_id(), ctx.config_id());

        // The amended band at approve_fsr: 20,000,000.00 in, 20,000,000.01 out.
        let ok = after.ok(fsr("20000000.00"), Actor::ProjectUnit);
        assert_eq!(ok.ruleset, "2027-amendment");
        let mut out = kit();
        out.at("2027-07-01");
        out.ok(register("15000000.00"), Actor::ProjectUnit);
        let e = out.err(fsr("20000000.01"), Actor::ProjectUnit);
        assert!(e.to_string().contains("INV-15.1"), "{e}");

        // Replay with the versions that judged the log reproduces it, and so does the project
        // document (it carries the amendments); replayed under the built-in version alone, the
        // same log is re-judged by the 2023 band.
        for k in [&before, &after] {
            let (p, report) = InvestmentProject::replay(k.p.context().clone(), k.p.log()).unwrap();
            assert!(report.differences.is_empty());
            assert_eq!(p.ledger().route(), k.p.ledger().route());
            let back = InvestmentProject::from_json(&k.p.to_json()).unwrap();
            assert_eq!(back, k.p);
        }
        assert!(!before.p.to_json().contains("rulesets") || !before.p.context().rulebook().is_builtin_only());
        let (p, _) = InvestmentProject::replay(Context::default(), after.p.log()).unwrap();
        assert_eq!(p.ledger().route(), Some(Route::Standard));
        assert_eq!(yuan!("20000000.00"), after.p.context().ruleset_at(d("2027-07-01")).values.simplified_fsr_max);
    }

    /// Source: INV-44.2 — the filing deadline counts the working days of the version in force on
    /// the order day (5 as issued; 10 in the hypothetical amendment).
    #[test]
    fn emergency_deadline_by_version() {
        use crate::investment::change::{EmergencyDeadlineRequest, emergency_change_deadline};
        let ctx = kit().p.context().clone();
        let at =
            |s: &str| emergency_change_deadline(EmergencyDeadlineRequest { order_date: d(s), filed_on: None }, &ctx);
        let before = at("2027-06-30").unwrap();
        let after = at("2027-07-01").unwrap();
        assert_eq!((before.date, before.ruleset.as_ref()), (d("2027-07-07"), "2023"));
        assert_eq!((after.date, after.ruleset.as_ref()), (d("2027-07-15"), "2027-amendment"));
        // The JSON entry point: `as_of` pins a version; without it the function's own date decides.
        let v =
            crate::decide::decide_json("emergency_change_deadline", r#"{"order_date":"2027-07-01"}"#, &ctx).unwrap();
        assert!(v.contains(r#""ruleset":"2027-amendment""#), "{v}");
        let r = crate::decide::decide_json("approval_route", r#"{"total":"15000000.00","as_of":"2027-06-30"}"#, &ctx)
            .unwrap();
        assert!(r.contains(r#""route":"standard""#) && r.contains(r#""ruleset":"2023""#), "{r}");
        let r = crate::decide::decide_json("approval_route", r#"{"total":"15000000.00"}"#, &ctx).unwrap();
        assert!(r.contains(r#""route":"simplified_fsr_only""#) && r.contains(r#""ruleset":"2027-amendment""#), "{r}");
        let bad = crate::decide::decide_json("approval_route", r#"{"total":"1.00","as_of":"2027-7-1"}"#, &ctx);
        assert_eq!(bad.unwrap_err().to_json_value()["path"], "as_of");
        let plain = crate::decide::decide_json("inv_applies", r#"{"date":"2027-07-01"}"#, &Context::default()).unwrap();
        assert!(plain.contains(r#""ruleset":"2023""#), "{plain}");
    }
}

#[cfg(test)]
mod file_tests {
    /// Source: INV-15.1 — a project file carries its amendments (`rulesets`): a project
    /// registered on 2027-07-01 at 15,000,000.00 is routed FSR-only under the file's amendment,
    /// and a bad amendment is refused with its path.
    #[test]
    fn a_project_file_carries_its_rulesets() {
        let amendment = include_str!("../../../tests/fixtures/rulesets/band_20m_2027.json");
        let file = |sets: &str| {
            format!(
                r#"{{"name":"t","rulesets":{sets},"commands":[{{"stream":{{"machine":"inv","project_id":"P1","instance":"P1"}},
                "actor":"project_unit","date":"2027-07-01","project_code":"2307-411300-04-01-000001","event":"register_project",
                "facts":{{"project_id":"P1","project_code":"2307-411300-04-01-000001","name":"Road","total":"15000000.00",
                "sector":"transport","industry_authority_org":"交通局","nature":"non_operating","mode":"direct_investment",
                "unit_kind":"admin_or_public_unit"}}}}]}}"#
            )
        };
        let f = crate::ProjectFile::run(&file(&format!("[{amendment}]"))).unwrap();
        let (_, p) = f.workspace.investments().next().expect("one project");
        assert_eq!(p.ledger().route(), Some(crate::investment::route::Route::SimplifiedFsrOnly), "{:?}", f.steps);
        let f = crate::ProjectFile::run(&file("[]")).unwrap();
        let (_, p) = f.workspace.investments().next().expect("one project");
        assert_eq!(p.ledger().route(), Some(crate::investment::route::Route::Standard));
        let e = crate::ProjectFile::run(&file(r#"[{"version":"x","effective_from":"2020-01-01"}]"#)).unwrap_err();
        assert_eq!(e.path, "rulesets[0].effective_from");
    }
}

#[cfg(test)]
mod decision_tests {
    use serde_json::{Value, json};

    const AMEND: &str = r#"{"version":"2028","effective_from":"2028-01-01","source":"hypothetical",
        "values":{"estimate_excess_percent":15,"implementation_gate_percent":60,
        "plan_deadlines":{"submit":"11-15","meeting":"12-31","issue_month":1}}}"#;

    fn decide(ctx: &crate::Context, f: &str, req: Value) -> Value {
        let out = crate::decide::decide_json(f, &req.to_string(), ctx).unwrap();
        serde_json::from_str(&out).unwrap()
    }

    /// Source: INV-23.3, INV-48, INV-29.1 — decisions judged by the version in force on their
    /// `as_of`: the amended 15 %, 60 % and 11-15 apply from 2028-01-01, the texts' 10 %, 70 % and
    /// 10-31 the day before, and each result names its version.
    #[test]
    fn percentages_and_plan_calendar_by_version() {
        let mut ctx = crate::Context::default();
        ctx.load_ruleset(AMEND).unwrap();
        let excess = |as_of: &str| {
            decide(
                &ctx,
                "estimate_excess_check",
                json!({"fsr_estimate":"20000000.00","compiled_estimate":"22000000.01","as_of":as_of}),
            )
        };
        let (old, new) = (excess("2027-12-31"), excess("2028-01-01"));
        assert_eq!((&old["report_required"], &old["ruleset"]), (&json!(true), &json!("2023")));
        assert_eq!((&new["report_required"], &new["ruleset"]), (&json!(false), &json!("2028")));
        let route = |as_of: &str| {
            decide(
                &ctx,
                "estimate_overrun_route",
                json!({"estimate":"100000000.00","new_total":"105000000.00","certified_completed":"65000000.00",
                       "cause":"change","situation":"41.2","self_funding":true,"as_of":as_of}),
            )
        };
        assert_eq!(route("2027-12-31")["route"], json!("deferred_below_70"));
        assert_eq!(route("2028-01-01")["route"], json!("route3_self_funded"));
        let cal =
            |as_of: &str| decide(&ctx, "plan_calendar", json!({"year":2029,"submitted_on":"2028-11-10","as_of":as_of}));
        let (old, new) = (cal("2027-12-31"), cal("2028-01-01"));
        assert_eq!((&old["submit_by"], &new["submit_by"]), (&json!("2028-10-31"), &json!("2028-11-15")));
        let late = |v: &Value| v["outcomes"].as_array().unwrap().iter().any(|o| o["detail"] == "late");
        assert!(late(&old) && !late(&new));
    }

    /// Source: INV-29 — an office's own plan calendar (differing from the text) prevails over an
    /// amended one; a configuration equal to the text follows the amendment.
    #[test]
    fn an_offices_own_plan_calendar_prevails() {
        let config =
            crate::Config::from_json(r#"{"plan_deadlines":{"submit":"09-30","meeting":"12-31","issue_month":1}}"#)
                .unwrap();
        let mut ctx = crate::Context::new(config, crate::Context::default().calendar_arc().clone());
        ctx.load_ruleset(AMEND).unwrap();
        let v = decide(&ctx, "plan_calendar", json!({"year":2029,"as_of":"2028-01-01"}));
        assert_eq!(v["submit_by"], json!("2028-09-30"));
    }
}
