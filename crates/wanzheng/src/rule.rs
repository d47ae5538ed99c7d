//! Rule identifiers and their citations.
//!
//! Every rule of the two regulations has an ID fixed by RULES.md §1.1:
//! `INV-<article>[.<n>]` for 宛政〔2023〕7号 and `DIG-<article>[.<n>]` for
//! 宛政办〔2023〕12号. [`RuleId`] is a copyable handle into the compiled-in
//! catalogue (`catalogue.rs`, generated from RULES.md by
//! `scripts/gen_catalogue.py`), so carrying one costs two bytes.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::catalogue::CATALOGUE;

/// One of the two regulations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regulation {
    /// 南阳市政府投资项目管理实施办法, 宛政〔2023〕7号 (rule IDs `INV-*`).
    Investment,
    /// 南阳市数字政府和新型智慧城市项目建设管理暂行办法, 宛政办〔2023〕12号 (rule IDs `DIG-*`).
    Digital,
}

impl Regulation {
    /// The rule-ID prefix: `INV` or `DIG`.
    pub const fn prefix(self) -> &'static str {
        match self {
            Regulation::Investment => "INV",
            Regulation::Digital => "DIG",
        }
    }

    /// The document number, e.g. `宛政〔2023〕7号`.
    pub const fn doc_number(self) -> &'static str {
        match self {
            Regulation::Investment => "宛政〔2023〕7号",
            Regulation::Digital => "宛政办〔2023〕12号",
        }
    }

    /// The document number in English, e.g. `Wanzheng [2023] No. 7`.
    pub const fn doc_number_en(self) -> &'static str {
        match self {
            Regulation::Investment => "Wanzheng [2023] No. 7",
            Regulation::Digital => "Wanzhengban [2023] No. 12",
        }
    }

    /// The full Chinese title.
    pub const fn title(self) -> &'static str {
        match self {
            Regulation::Investment => "南阳市政府投资项目管理实施办法",
            Regulation::Digital => "南阳市数字政府和新型智慧城市项目建设管理暂行办法",
        }
    }

    /// The English title.
    pub const fn title_en(self) -> &'static str {
        match self {
            Regulation::Investment => "Nanyang Government Investment Project Management Implementation Measures",
            Regulation::Digital => {
                "Nanyang Interim Measures for Digital Government and New Smart City Project Construction Management"
            }
        }
    }
}

/// The kind of a rule (RULES.md §1.1): what happens when it is not met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// `R`: hard guard; not met → `violation`.
    Rule,
    /// `D`: default (原则上); not met → `default_breach` unless an exception covers it.
    Default,
    /// `D/R`: one ID with a default part and a hard part (DIG-13.7).
    DefaultAndRule,
    /// `I/S`: informative part and scope part (INV-59).
    InformativeAndScope,
    /// `M`: a permission (可以); a violation only when used outside its conditions.
    May,
    /// `S`: scope; selects machine, route or regime; out of scope is rejected in both modes.
    Scope,
    /// `C`: configuration: the text requires something without a figure (RULES.md §7).
    Config,
    /// `I`: informative; nothing checkable.
    Informative,
}

impl RuleKind {
    /// The short code used in RULES.md (`R`, `D`, `D/R`, …).
    pub const fn code(self) -> &'static str {
        match self {
            RuleKind::Rule => "R",
            RuleKind::Default => "D",
            RuleKind::DefaultAndRule => "D/R",
            RuleKind::InformativeAndScope => "I/S",
            RuleKind::May => "M",
            RuleKind::Scope => "S",
            RuleKind::Config => "C",
            RuleKind::Informative => "I",
        }
    }

    /// Whether a `RuleException` may be recorded against a rule of this kind (RULES.md §1.8).
    pub const fn has_default_part(self) -> bool {
        matches!(self, RuleKind::Default | RuleKind::DefaultAndRule)
    }
}

/// One catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The rule ID, e.g. `INV-48.3`.
    pub id: &'static str,
    /// Which regulation.
    pub regulation: Regulation,
    /// The article number (第X条).
    pub article: u8,
    /// The item or rule number within the article; 0 for a bare article.
    pub item: u8,
    /// The kind of rule.
    pub kind: RuleKind,
    /// The Chinese phrase the rule rests on.
    pub phrase: &'static str,
    /// One-line English summary of the rule.
    pub summary: &'static str,
}

/// A rule ID of RULES.md, e.g. `INV-48.3` (宛政〔2023〕7号 第四十八条 item (三)).
///
/// Display prints the ID; [`RuleId::citation`] gives 「宛政〔2023〕7号 第四十八条」.
/// Serialises as the ID string.
///
/// # Example
/// ```
/// use wanzheng::RuleId;
/// let id: RuleId = "INV-48.3".parse().unwrap();
/// assert_eq!(id.to_string(), "INV-48.3");
/// assert_eq!(id.article_zh(), "第四十八条");
/// assert_eq!(id.citation(), "宛政〔2023〕7号 第四十八条");
/// assert!("INV-99.9".parse::<RuleId>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(u16);

impl RuleId {
    /// The first rule of the catalogue (a filler for fixed-size buffers).
    pub(crate) const FIRST: RuleId = RuleId(0);

    /// The catalogue index.
    pub(crate) const fn index(self) -> u16 {
        self.0
    }

    /// The catalogue entry at `index` (used by the generated constants).
    pub(crate) const fn from_index(index: u16) -> Self {
        RuleId(index)
    }

    /// Looks an ID up in the catalogue; `None` when RULES.md has no such ID.
    pub fn lookup(id: &str) -> Option<RuleId> {
        static INDEX: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
        let index = INDEX.get_or_init(|| CATALOGUE.iter().enumerate().map(|(i, r)| (r.id, i as u16)).collect());
        index.get(id.trim()).map(|&i| RuleId(i))
    }

    /// Every rule ID of the catalogue.
    pub fn all() -> impl Iterator<Item = RuleId> {
        (0..CATALOGUE.len() as u16).map(RuleId)
    }

    /// The catalogue entry.
    pub fn info(self) -> &'static RuleInfo {
        &CATALOGUE[self.0 as usize]
    }

    /// The ID string, e.g. `INV-35.3`.
    pub fn as_str(self) -> &'static str {
        self.info().id
    }

    /// The regulation the rule belongs to.
    pub fn regulation(self) -> Regulation {
        self.info().regulation
    }

    /// The kind of rule.
    pub fn kind(self) -> RuleKind {
        self.info().kind
    }

    /// The article number.
    pub fn article(self) -> u8 {
        self.info().article
    }

    /// The article in Chinese, e.g. `第三十五条`.
    pub fn article_zh(self) -> String {
        article_zh(self.article())
    }

    /// The article in English, e.g. `Art. 35`.
    pub fn article_en(self) -> String {
        format!("Art. {}", self.article())
    }

    /// Chinese citation, e.g. `宛政〔2023〕7号 第三十五条`.
    pub fn citation(self) -> String {
        format!("{} {}", self.regulation().doc_number(), self.article_zh())
    }

    /// English citation, e.g. `Wanzheng [2023] No. 7, Art. 35`.
    pub fn citation_en(self) -> String {
        format!("{}, Art. {}", self.regulation().doc_number_en(), self.article())
    }

    /// The whole article the rule rests on, in the regulation's own words (starting `第X条`).
    pub fn article_text(self) -> &'static str {
        // Every article of the catalogue is in the text (a test of `law` checks each rule).
        crate::law::article_text(self.regulation(), self.article()).unwrap_or("")
    }

    /// The rule explained: the catalogue entry, its citations and the article's text.
    pub fn explanation(self) -> Explanation {
        let info = self.info();
        Explanation {
            rule_id: self,
            regulation: info.regulation.doc_number(),
            title: info.regulation.title(),
            article: self.article_zh(),
            article_number: info.article,
            kind: info.kind.code(),
            phrase: info.phrase,
            summary: info.summary,
            citation_zh: self.citation(),
            citation_en: self.citation_en(),
            article_text: self.article_text(),
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an unknown rule ID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule id {0:?} (not in RULES.md)")]
pub struct UnknownRuleId(pub String);

impl std::str::FromStr for RuleId {
    type Err = UnknownRuleId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::lookup(s).ok_or_else(|| UnknownRuleId(s.to_string()))
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        RuleId::lookup(&s).ok_or_else(|| serde::de::Error::custom(UnknownRuleId(s.into_owned())))
    }
}

impl schemars::JsonSchema for RuleId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(INV|DIG)-[0-9]+(\\.[0-9]+)?$",
            "description": "A rule ID of RULES.md, e.g. INV-48.3"
        })
    }
}

const CN_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Chinese numeral for 1..=99, as used in article numbers (十五, 二十, 四十八).
pub fn cn_number(n: u8) -> String {
    let n = n as usize;
    match n {
        0..=9 => CN_DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n.is_multiple_of(10) { "" } else { CN_DIGITS[n % 10] }),
        _ => format!("{}十{}", CN_DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { CN_DIGITS[n % 10] }),
    }
}

/// `第X条` for an article number.
pub fn article_zh(article: u8) -> String {
    format!("第{}条", cn_number(article))
}

/// What `explain` returns: the catalogue entry, its citations and the article's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The rule ID.
    pub rule_id: RuleId,
    /// The regulation's document number, e.g. `宛政〔2023〕7号`.
    pub regulation: &'static str,
    /// The regulation's Chinese title.
    pub title: &'static str,
    /// The article in Chinese, e.g. `第四十八条`.
    pub article: String,
    /// The article number.
    pub article_number: u8,
    /// The kind code (`R`, `D`, …).
    pub kind: &'static str,
    /// The Chinese phrase of the text.
    pub phrase: &'static str,
    /// The English summary.
    pub summary: &'static str,
    /// Chinese citation.
    pub citation_zh: String,
    /// English citation.
    pub citation_en: String,
    /// The whole article (第X条) in the regulation's published words ([`crate::law`]).
    pub article_text: &'static str,
}

/// Explains a rule ID: its regulation, article, kind, phrase and summary, and the article's
/// own words (`article_text`).
///
/// # Errors
/// [`UnknownRuleId`] when RULES.md has no such ID.
///
/// # Example
/// ```
/// let e = wanzheng::explain("INV-48.3").unwrap();
/// assert_eq!(e.article, "第四十八条");
/// assert_eq!(e.kind, "R");
/// assert!(e.article_text.contains("超投资概算幅度未超 10% 以上项目"));
/// assert!(wanzheng::explain("INV-48.9").is_err());
/// ```
pub fn explain(id: &str) -> Result<Explanation, UnknownRuleId> {
    let rule: RuleId = id.parse()?;
    Ok(rule.explanation())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(cn_number(7), "七");
        assert_eq!(cn_number(10), "十");
        assert_eq!(cn_number(15), "十五");
        assert_eq!(cn_number(20), "二十");
        assert_eq!(cn_number(48), "四十八");
        assert_eq!(cn_number(60), "六十");
    }

    #[test]
    fn every_id_round_trips() {
        for id in RuleId::all() {
            assert_eq!(RuleId::lookup(id.as_str()), Some(id));
            let json = serde_json::to_string(&id).unwrap();
            let back: RuleId = serde_json::from_str(&json).unwrap();
            assert_eq!(back, id);
        }
    }

    #[test]
    fn constants_match_ids() {
        assert_eq!(INV_35_3.as_str(), "INV-35.3");
        assert_eq!(INV_14_4.as_str(), "INV-14.4");
        assert_eq!(INV_52_3.as_str(), "INV-52.3");
        assert_eq!(DIG_13_7.kind(), RuleKind::DefaultAndRule);
        assert_eq!(INV_49_2.kind(), RuleKind::Default);
        assert_eq!(DIG_31.kind(), RuleKind::Scope);
        assert_eq!(DIG_14_4.citation(), "宛政办〔2023〕12号 第十四条");
        assert_eq!(INV_60.citation_en(), "Wanzheng [2023] No. 7, Art. 60");
    }

    #[test]
    fn the_default_rules_of_1_5_are_kind_d() {
        for id in [
            "INV-5.4", "INV-7.2", "INV-12.2", "INV-20.5", "INV-23.2", "INV-25.2", "INV-29.4", "INV-37.2", "INV-46.1",
            "INV-49.2", "INV-50.2", "DIG-2.2", "DIG-3.2", "DIG-13.7", "DIG-20",
        ] {
            let r: RuleId = id.parse().unwrap();
            assert!(r.kind().has_default_part(), "{id}");
        }
        assert!(!INV_35_3.kind().has_default_part());
    }

    /// Source: INV-48.3 — `explain` shows the article's own words beside the rule: the whole of
    /// 第四十八条, item (三) with its 10% included; a DIG rule gets its article of 宛政办〔2023〕12号.
    #[test]
    fn explanation_carries_the_article_text() {
        let e = explain("INV-48.3").unwrap();
        assert!(e.article_text.starts_with("第四十八条因变更原因造成超投资概算的"), "{}", e.article_text);
        assert!(e.article_text.contains("（三）超投资概算幅度未超 10% 以上项目"), "{}", e.article_text);
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["article_text"], e.article_text);
        let d = explain("DIG-14.4").unwrap();
        assert!(d.article_text.starts_with("第十四条"), "{}", d.article_text);
        assert_eq!(d.article_text, crate::law::article_text(Regulation::Digital, 14).unwrap());
        assert_eq!(INV_48_3.explanation(), e);
    }
}
