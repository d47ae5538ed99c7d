//! Outcomes, modes and transitions (RULES.md §1.6).
//!
//! Every judgment produces an ordered trace of the rule IDs it checked and the
//! [`Outcome`]s of the checks that were not met. [`Judge`] is the accumulator
//! every guard writes to: [`Judge::require`] for R guards, [`Judge::scope`] for
//! S rules, [`Judge::default_rule`] for 原则上 defaults (consulting recorded
//! exceptions, §1.8), [`Judge::warn`] and [`Judge::finding`] for the soft
//! kinds. [`Judge::verdict`] then applies the mode: in `enforce` any violation
//! rejects the command; in `record` violations are kept as findings.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::exception::ExceptionBook;
use crate::message;
use crate::rule::RuleId;
use crate::wire::wire_enum;

wire_enum! {
    /// The kind of an outcome (RULES.md §1.6).
    pub enum OutcomeKind {
        /// An R guard or M condition failed (or an S rule: out of scope).
        Violation = "violation",
        /// A D-rule (原则上) was not met and no recorded exception covered it.
        DefaultBreach = "default_breach",
        /// A soft check named by RULES.md §1.6.
        Warning = "warning",
        /// An act after its due date, a record-mode violation, or a post-hoc rejection.
        Finding = "finding",
    }
}

/// A sub-reason of an outcome (`over_contract`, `late`, `wrong_actor`, …) or empty.
pub type Detail = Cow<'static, str>;

/// One outcome: `{kind, rule, detail}` (RULES.md §1.6). "Ok" is no outcome at all.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// What kind of outcome.
    pub kind: OutcomeKind,
    /// The rule that produced it.
    pub rule: RuleId,
    /// snake_case sub-reason, or empty.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub detail: Detail,
}

impl Outcome {
    /// A new outcome.
    pub fn new(kind: OutcomeKind, rule: RuleId, detail: impl Into<Detail>) -> Outcome {
        Outcome { kind, rule, detail: detail.into() }
    }

    /// The English message, citing the rule: `payment exceeds the contract ceiling (INV-35.3: over_contract)`.
    pub fn message_en(&self) -> String {
        message::outcome_en(self)
    }

    /// The Chinese message, citing the article: `超合同支付（宛政〔2023〕7号 第三十五条，INV-35.3）`.
    pub fn message_zh(&self) -> String {
        message::outcome_zh(self)
    }

    /// The finding code `F-<rule id>`.
    pub fn finding_code(&self) -> String {
        format!("F-{}", self.rule)
    }
}

/// `enforce` (default) rejects on any violation; `record` appends facts already on the ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Any `violation` rejects the command.
    #[default]
    Enforce,
    /// Violations are stored as findings; input, transition and scope failures still reject.
    Record,
}

/// Rules kept inline by a [`Trace`] before it moves to the heap (registration checks 22). 23, not
/// 24: the inline trace is then 48 bytes and a handler's `Step` 128, which the compiler moves
/// with a few register copies instead of a call to `memcpy` (each judged event moves it
/// several times on its way to the [`Transition`]).
const TRACE_INLINE: usize = 23;

/// The ordered rule IDs a judgment checked (RULES.md §1.6): a small list held inline (no heap
/// allocation up to 23 rules, which covers every command of the machines) that reads as a
/// slice of [`RuleId`] and serialises as a JSON array.
#[derive(Clone)]
pub struct Trace(TraceRepr);

#[derive(Clone)]
enum TraceRepr {
    Inline { len: u8, buf: [RuleId; TRACE_INLINE] },
    Heap(Vec<RuleId>),
}

impl Trace {
    /// An empty trace.
    pub const fn new() -> Trace {
        Trace(TraceRepr::Inline { len: 0, buf: [RuleId::FIRST; TRACE_INLINE] })
    }

    /// Appends a rule (duplicates are the caller's business; [`Judge::trace`] keeps them out).
    #[inline]
    pub fn push(&mut self, rule: RuleId) {
        if let TraceRepr::Inline { len, buf } = &mut self.0
            && usize::from(*len) < TRACE_INLINE
        {
            buf[usize::from(*len)] = rule;
            *len += 1;
        } else {
            self.push_spilled(rule);
        }
    }

    /// [`Trace::push`] past the inline buffer (rare: kept out of the judged path).
    #[cold]
    #[inline(never)]
    fn push_spilled(&mut self, rule: RuleId) {
        match &mut self.0 {
            TraceRepr::Inline { buf, .. } => {
                let mut v = Vec::with_capacity(2 * TRACE_INLINE);
                v.extend_from_slice(buf);
                v.push(rule);
                self.0 = TraceRepr::Heap(v);
            }
            TraceRepr::Heap(v) => v.push(rule),
        }
    }

    /// The rules, in order.
    #[inline]
    pub fn as_slice(&self) -> &[RuleId] {
        match &self.0 {
            TraceRepr::Inline { len, buf } => &buf[..usize::from(*len)],
            TraceRepr::Heap(v) => v,
        }
    }
}

impl Default for Trace {
    fn default() -> Trace {
        Trace::new()
    }
}

impl std::ops::Deref for Trace {
    type Target = [RuleId];
    fn deref(&self) -> &[RuleId] {
        self.as_slice()
    }
}

impl std::fmt::Debug for Trace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl PartialEq for Trace {
    fn eq(&self, o: &Trace) -> bool {
        self.as_slice() == o.as_slice()
    }
}

impl Eq for Trace {}

impl PartialEq<Vec<RuleId>> for Trace {
    fn eq(&self, o: &Vec<RuleId>) -> bool {
        self.as_slice() == o.as_slice()
    }
}

impl PartialEq<[RuleId]> for Trace {
    fn eq(&self, o: &[RuleId]) -> bool {
        self.as_slice() == o
    }
}

impl<const N: usize> PartialEq<[RuleId; N]> for Trace {
    fn eq(&self, o: &[RuleId; N]) -> bool {
        self.as_slice() == o.as_slice()
    }
}

impl From<Vec<RuleId>> for Trace {
    fn from(v: Vec<RuleId>) -> Trace {
        v.into_iter().collect()
    }
}

impl From<&[RuleId]> for Trace {
    fn from(v: &[RuleId]) -> Trace {
        v.iter().copied().collect()
    }
}

impl From<Trace> for Vec<RuleId> {
    fn from(t: Trace) -> Vec<RuleId> {
        match t.0 {
            TraceRepr::Inline { .. } => t.as_slice().to_vec(),
            TraceRepr::Heap(v) => v,
        }
    }
}

impl FromIterator<RuleId> for Trace {
    fn from_iter<I: IntoIterator<Item = RuleId>>(it: I) -> Trace {
        let mut t = Trace::new();
        for r in it {
            t.push(r);
        }
        t
    }
}

impl Extend<RuleId> for Trace {
    fn extend<I: IntoIterator<Item = RuleId>>(&mut self, it: I) {
        for r in it {
            self.push(r);
        }
    }
}

impl<'a> IntoIterator for &'a Trace {
    type Item = &'a RuleId;
    type IntoIter = std::slice::Iter<'a, RuleId>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl IntoIterator for Trace {
    type Item = RuleId;
    type IntoIter = std::vec::IntoIter<RuleId>;
    fn into_iter(self) -> Self::IntoIter {
        Vec::from(self).into_iter()
    }
}

impl Serialize for Trace {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.as_slice())
    }
}

impl<'de> Deserialize<'de> for Trace {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Trace, D::Error> {
        Vec::<RuleId>::deserialize(d).map(Trace::from)
    }
}

impl schemars::JsonSchema for Trace {
    fn schema_name() -> Cow<'static, str> {
        <Vec<RuleId> as schemars::JsonSchema>::schema_name()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<RuleId> as schemars::JsonSchema>::json_schema(g)
    }
}

/// The result of an accepted command (RULES.md §1.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Transition {
    /// The sequence number of the log entry that recorded it.
    pub seq: u32,
    /// The stream's machine id (`inv`, `change`, …).
    pub machine: Cow<'static, str>,
    /// The event name.
    pub event: Cow<'static, str>,
    /// The state before.
    pub from: Cow<'static, str>,
    /// The state after (equal to `from` for fact events).
    pub to: Cow<'static, str>,
    /// Every rule ID checked, in order (the trace).
    pub rules: Trace,
    /// The outcomes, in the order of the checks.
    pub outcomes: Vec<Outcome>,
    /// Seqs of the `record_exception` entries this command consumed.
    pub exceptions_used: Vec<u32>,
    /// The version of the rule parameters that judged it (issue 10; [`crate::ruleset`]).
    #[serde(default = "crate::ruleset::builtin_version")]
    pub ruleset: Cow<'static, str>,
}

impl Transition {
    /// Whether the command produced no outcome at all.
    pub fn is_clean(&self) -> bool {
        self.outcomes.is_empty()
    }
}

/// What a judgment produced when it was not rejected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The trace.
    pub rules: Trace,
    /// The outcomes as stored (record-mode violations already turned into findings).
    pub outcomes: Vec<Outcome>,
    /// Exceptions consumed.
    pub exceptions_used: Vec<u32>,
}

/// Accumulates the trace and outcomes of one judgment (see the module docs).
#[derive(Debug)]
pub struct Judge<'a> {
    mode: Mode,
    event: &'a str,
    exceptions: Option<&'a ExceptionBook>,
    rules: Trace,
    // One bit per rule index modulo 64: a rule whose bit is clear is not in the trace yet, so
    // most `trace` calls skip the scan of the trace.
    seen: u64,
    outcomes: Vec<Outcome>,
    scope_failed: bool,
    exceptions_used: Vec<u32>,
    force: bool,
}

impl<'a> Judge<'a> {
    /// A judge for a pure function: no exceptions, enforce mode.
    pub fn pure() -> Judge<'static> {
        Judge {
            mode: Mode::Enforce,
            event: "",
            exceptions: None,
            rules: Trace::new(),
            seen: 0,
            outcomes: Vec::new(),
            scope_failed: false,
            exceptions_used: Vec::new(),
            force: false,
        }
    }

    /// A judge that never rejects: replaying a stored entry re-judges it, but the stored
    /// entry stands (RULES.md §1.7).
    pub fn replaying(mode: Mode, event: &'a str, exceptions: &'a ExceptionBook) -> Judge<'a> {
        Judge { force: true, ..Judge::new(mode, event, exceptions) }
    }

    /// A judge for one command of `event` in `mode`, consulting `exceptions`.
    pub fn new(mode: Mode, event: &'a str, exceptions: &'a ExceptionBook) -> Judge<'a> {
        Judge {
            mode,
            event,
            exceptions: Some(exceptions),
            rules: Trace::new(),
            seen: 0,
            outcomes: Vec::new(),
            scope_failed: false,
            exceptions_used: Vec::new(),
            force: false,
        }
    }

    /// The mode of the command.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Adds `rule` to the trace (once).
    #[inline]
    pub fn trace(&mut self, rule: RuleId) {
        let bit = 1u64 << (rule.index() % 64);
        if self.seen & bit == 0 || !self.rules.contains(&rule) {
            self.seen |= bit;
            self.rules.push(rule);
        }
    }

    /// Adds an outcome: the path of a check that was not met, kept out of line so that a check
    /// that holds (the common case) is a trace entry and a test, inlined at the guard.
    #[cold]
    #[inline(never)]
    fn add(&mut self, kind: OutcomeKind, rule: RuleId, detail: Detail) {
        self.outcomes.push(Outcome { kind, rule, detail });
    }

    /// An R guard: records `rule`; when `ok` is false adds a violation with `detail`. Returns `ok`.
    #[inline]
    pub fn require(&mut self, rule: RuleId, ok: bool, detail: impl Into<Detail>) -> bool {
        self.trace(rule);
        if !ok {
            self.add(OutcomeKind::Violation, rule, detail.into());
        }
        ok
    }

    /// An S rule: a failure is a violation that rejects in both modes. Returns `ok`.
    #[inline]
    pub fn scope(&mut self, rule: RuleId, ok: bool, detail: impl Into<Detail>) -> bool {
        self.trace(rule);
        if !ok {
            self.scope_failed = true;
            self.add(OutcomeKind::Violation, rule, detail.into());
        }
        ok
    }

    /// A D-rule (原则上, §1.5): when not `ok`, an unconsumed recorded exception for `rule`
    /// covers it (listed in `exceptions_used`); otherwise a `default_breach`. Returns `ok`.
    pub fn default_rule(&mut self, rule: RuleId, ok: bool, detail: impl Into<Detail>) -> bool {
        self.default_rule_where(rule, ok, detail, |_| true)
    }

    /// As [`Judge::default_rule`], consulting only the exceptions whose seq satisfies `accept`
    /// (an exception granted by an authority that may not except this act does not cover it).
    pub fn default_rule_where(
        &mut self,
        rule: RuleId,
        ok: bool,
        detail: impl Into<Detail>,
        accept: impl Fn(u32) -> bool,
    ) -> bool {
        self.trace(rule);
        if ok {
            return true;
        }
        if let Some(seq) =
            self.exceptions.and_then(|book| book.covering_where(rule, self.event, &self.exceptions_used, &accept))
        {
            self.exceptions_used.push(seq);
            return false;
        }
        self.outcomes.push(Outcome::new(OutcomeKind::DefaultBreach, rule, detail));
        false
    }

    /// A soft check: when not `ok`, a `warning`. Returns `ok`.
    #[inline]
    pub fn warn(&mut self, rule: RuleId, ok: bool, detail: impl Into<Detail>) -> bool {
        self.trace(rule);
        if !ok {
            self.add(OutcomeKind::Warning, rule, detail.into());
        }
        ok
    }

    /// A deadline act or post-hoc judgment: when not `ok`, a `finding`. Returns `ok`.
    #[inline]
    pub fn finding(&mut self, rule: RuleId, ok: bool, detail: impl Into<Detail>) -> bool {
        self.trace(rule);
        if !ok {
            self.add(OutcomeKind::Finding, rule, detail.into());
        }
        ok
    }

    /// Whether any violation has been recorded so far.
    pub fn has_violation(&self) -> bool {
        self.outcomes.iter().any(|o| o.kind == OutcomeKind::Violation)
    }

    /// The outcomes so far.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// The trace so far.
    pub fn rules(&self) -> &[RuleId] {
        &self.rules
    }

    /// Consumes the judge without applying the mode: for pure decision functions.
    pub fn into_parts(self) -> (Vec<RuleId>, Vec<Outcome>) {
        (self.rules.into(), self.outcomes)
    }

    /// Applies the mode (RULES.md §1.6).
    ///
    /// # Errors
    /// [`crate::RuleViolation`] when a scope rule failed (either mode), or any violation in `enforce`.
    pub fn verdict(self) -> Result<Verdict, crate::error::RuleViolation> {
        let rejected = !self.force && (self.scope_failed || (self.mode == Mode::Enforce && self.has_violation()));
        if rejected {
            return Err(crate::error::RuleViolation::new(self.event, self.rules.into(), self.outcomes));
        }
        let mut outcomes = self.outcomes;
        if self.mode == Mode::Record {
            for o in &mut outcomes {
                if o.kind == OutcomeKind::Violation {
                    o.kind = OutcomeKind::Finding;
                }
            }
        }
        Ok(Verdict { rules: self.rules, outcomes, exceptions_used: self.exceptions_used })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::*;

    #[test]
    fn enforce_rejects_and_record_keeps_findings() {
        let book = ExceptionBook::default();
        let mut j = Judge::new(Mode::Enforce, "approve_payment", &book);
        j.require(INV_35_3, false, "over_contract");
        j.require(INV_35_4, true, "");
        let err = j.verdict().unwrap_err();
        assert_eq!(err.rules, vec![INV_35_3, INV_35_4]);
        assert_eq!(err.outcomes.len(), 1);

        let mut j = Judge::new(Mode::Record, "approve_payment", &book);
        j.require(INV_35_3, false, "over_contract");
        let v = j.verdict().unwrap();
        assert_eq!(v.outcomes[0].kind, OutcomeKind::Finding);
        assert_eq!(v.outcomes[0].rule, INV_35_3);
    }

    #[test]
    fn scope_rejects_in_record_mode() {
        let book = ExceptionBook::default();
        let mut j = Judge::new(Mode::Record, "register_project", &book);
        j.scope(INV_60, false, "before_effective_date");
        assert!(j.verdict().is_err());
    }

    #[test]
    fn outcome_json_shape() {
        let o = Outcome::new(OutcomeKind::DefaultBreach, INV_49_2, "");
        assert_eq!(serde_json::to_string(&o).unwrap(), r#"{"kind":"default_breach","rule":"INV-49.2"}"#);
        let o = Outcome::new(OutcomeKind::Violation, INV_35_3, "over_contract");
        assert_eq!(
            serde_json::to_string(&o).unwrap(),
            r#"{"kind":"violation","rule":"INV-35.3","detail":"over_contract"}"#
        );
    }
}
