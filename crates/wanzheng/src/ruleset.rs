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
//! The regulations' own effective dates (INV-60: 2023-06-01; DIG-32: 2023-04-23) open the first
//! version and are not amendable. The annual-plan calendar (INV-29, DIG-13.1) stays in
//! [`crate::Config`] (`plan_deadlines`), where an office already sets it as data.

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

/// The parameters an amendment may change. Every field is the text's figure in the built-in
/// version; fields are in wire-name order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleValues {
    /// INV-44.2: working days after an emergency change order to file it (「5个工作日内」).
    pub emergency_filing_working_days: u32,
    /// INV-15.3 (AMB-3): the upper bound of direct FSR approval (「5000万元」, inclusive).
    pub direct_fsr_max: Yuan,
    /// INV-15.1: the upper bound of the FSR-only route (「1000万元以下」, inclusive, AMB-2).
    pub simplified_fsr_max: Yuan,
}

impl RuleValues {
    /// The figures of the texts as issued (宛政〔2023〕7号).
    pub fn builtin() -> RuleValues {
        RuleValues {
            emergency_filing_working_days: 5,
            direct_fsr_max: Yuan::of_fen(5_000_000_000),
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
    direct_fsr_max: Option<Yuan>,
    emergency_filing_working_days: Option<u32>,
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
        let p = a.values;
        let mut values = newest.values.clone();
        if let Some(d) = p.emergency_filing_working_days {
            if d == 0 || d > 365 {
                return Err(bad(
                    "ruleset.values.emergency_filing_working_days",
                    InputReason::InvalidValue,
                    format!("{d} is not a number of working days from 1 to 365"),
                ));
            }
            values.emergency_filing_working_days = d;
        }
        values.simplified_fsr_max = p.simplified_fsr_max.unwrap_or(values.simplified_fsr_max);
        values.direct_fsr_max = p.direct_fsr_max.unwrap_or(values.direct_fsr_max);
        if values.simplified_fsr_max > values.direct_fsr_max {
            return Err(bad(
                "ruleset.values.simplified_fsr_max",
                InputReason::InvalidValue,
                "the FSR-only band cannot exceed the direct-FSR band".into(),
            ));
        }
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
