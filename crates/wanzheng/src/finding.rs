//! Compliance findings (RULES.md §5).
//!
//! `findings(as_of)` of a machine collects: every stored `finding` and
//! `default_breach` outcome of its log (record-mode violations included), the
//! deadline acts never done by `as_of`, and the specific detections of §5
//! (F-INV-53.x, F-INV-57 …). Codes are `F-<rule id>`; acts cite them as
//! `F-<rule id>#<seq>`.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::log::LogEntry;
use crate::outcome::{Outcome, OutcomeKind};
use crate::rule::RuleId;

/// Where a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    /// A `finding` or `default_breach` stored on a log entry.
    Stored,
    /// A deadline act never done by the as-of date.
    Overdue,
    /// A specific detection over the log (RULES.md §5 table).
    Detected,
    /// `record_manual_finding`.
    Manual,
}

/// One compliance finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// `F-<rule id>`.
    pub code: String,
    /// The rule.
    pub rule: RuleId,
    /// The outcome kind it came from (`finding` or `default_breach`).
    pub kind: OutcomeKind,
    /// snake_case sub-reason, or empty.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub detail: Cow<'static, str>,
    /// The log entries it rests on.
    pub seqs: Vec<u32>,
    /// The date of the act, or of the due date passed.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
    /// Where it comes from.
    pub source: FindingSource,
    /// Chinese message citing the article.
    pub message_zh: String,
    /// English message citing the rule.
    pub message_en: String,
}

impl Finding {
    /// A finding for `rule` with `detail`.
    pub fn new(
        rule: RuleId,
        kind: OutcomeKind,
        detail: impl Into<Cow<'static, str>>,
        seqs: Vec<u32>,
        date: NaiveDate,
        source: FindingSource,
    ) -> Finding {
        let detail = detail.into();
        let o = Outcome {
            kind: if kind == OutcomeKind::DefaultBreach { kind } else { OutcomeKind::Finding },
            rule,
            detail: detail.clone(),
        };
        Finding {
            code: format!("F-{rule}"),
            rule,
            kind: o.kind,
            detail,
            seqs,
            date,
            source,
            message_zh: o.message_zh(),
            message_en: o.message_en(),
        }
    }

    /// The citation `F-<rule id>#<seq>` of its first entry.
    pub fn reference(&self) -> String {
        match self.seqs.first() {
            Some(s) => format!("{}#{s}", self.code),
            None => self.code.clone(),
        }
    }
}

/// The stored findings of a log: every `finding` and `default_breach` outcome, in log order.
pub fn stored(entries: &[LogEntry], as_of: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in entries.iter().filter(|e| e.date() <= as_of) {
        for o in e.outcomes() {
            if matches!(o.kind, OutcomeKind::Finding | OutcomeKind::DefaultBreach) {
                out.push(Finding::new(
                    o.rule,
                    o.kind,
                    o.detail.clone(),
                    vec![e.seq()],
                    e.date(),
                    FindingSource::Stored,
                ));
            }
        }
    }
    out
}
