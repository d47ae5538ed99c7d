//! Obligations and deadlines (RULES.md §1.7, the deadline acts of §1.6).
//!
//! An accepted entry can open an [`Obligation`]: a duty with a due date (the
//! post-hoc change filing of INV-44.2 within 5 working days, the final accounts
//! of INV-37.3, …). The act that discharges it closes it, on time or late (a
//! late act is accepted with a `finding`, never rejected). `obligations(as_of)`
//! lists the open ones and marks those past due.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Due;
use crate::outcome::Judge;
use crate::rule::RuleId;

/// Warns, under the rule whose deadline it is, that an accepted event's working-day
/// deadline counted a day of a year without a loaded State Council notice (detail
/// `calendar_provisional`; RULES.md §1.4 as revised by issue 10). The deadline follows the
/// statutory rule until the notice is loaded; replaying the log then gives the official date.
/// Nothing is added (not even to the trace) when the deadline is official or absent.
pub(crate) fn judge_provisional(j: &mut Judge<'_>, rule: RuleId, due: Option<Due>) {
    if due.is_some_and(|d| d.provisional) {
        j.warn(rule, false, "calendar_provisional");
    }
}

/// One duty with a due date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Obligation {
    /// The seq of the entry that opened it.
    pub opened_seq: u32,
    /// The rule that sets the deadline.
    pub rule: RuleId,
    /// snake_case name of the duty (`post_hoc_change_filing`, `final_accounts`, …).
    pub duty: Cow<'static, str>,
    /// What it concerns (a change id, a request id, a milestone), or empty for the project.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// The triggering date.
    #[serde(deserialize_with = "crate::date::strict")]
    pub opened: NaiveDate,
    /// The last day on time (inclusive).
    #[serde(deserialize_with = "crate::date::strict")]
    pub due: NaiveDate,
    /// The seq of the entry that discharged it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_seq: Option<u32>,
    /// The date it was discharged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub closed: Option<NaiveDate>,
    /// `due` counted a working day of a year without a loaded State Council notice: it
    /// follows the statutory rule and may move when the notice is loaded (omitted when false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
}

impl Obligation {
    /// Whether it is discharged.
    pub fn is_closed(&self) -> bool {
        self.closed_seq.is_some()
    }

    /// Whether it was discharged after the due date.
    pub fn closed_late(&self) -> bool {
        self.closed.is_some_and(|c| c > self.due)
    }
}

/// An open obligation as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ObligationStatus {
    /// The obligation.
    #[serde(flatten)]
    pub obligation: Obligation,
    /// Whether `as_of` is after the due date.
    pub overdue: bool,
}

/// The obligations of one log.
///
/// Its JSON form and equality are those of the list of obligations. Once the list holds more
/// than [`ObligationBook::INDEXED`] obligations, the open ones are also indexed by duty and
/// subject, so that finding and closing one costs the same however many a long stream has
/// opened and closed before (issue 12: replay linear in the log).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ObligationBook {
    items: Vec<Obligation>,
    /// duty → subject → positions of the open obligations, ascending (a long book only).
    #[serde(skip)]
    open: Option<Box<OpenIndex>>,
    /// While a dry run is open (`what_if`): how to undo each change, in order.
    #[serde(skip)]
    journal: Option<Vec<ObligationUndo>>,
}

/// How to undo one change to an [`ObligationBook`] (a dry run's journal).
#[derive(Debug, Clone)]
enum ObligationUndo {
    /// An obligation was appended.
    Opened,
    /// The open obligation at this position was closed.
    Closed(usize),
    /// Obligations were cancelled from this list (a stop: rare, and as long as `cancel` itself).
    Cancelled(Vec<Obligation>),
}

type OpenIndex = HashMap<Cow<'static, str>, HashMap<String, Vec<usize>>>;

impl PartialEq for ObligationBook {
    fn eq(&self, other: &ObligationBook) -> bool {
        self.items == other.items
    }
}

impl Eq for ObligationBook {}

impl<'de> Deserialize<'de> for ObligationBook {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ObligationBook, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            items: Vec<Obligation>,
        }
        let mut book = ObligationBook { items: Raw::deserialize(d)?.items, open: None, journal: None };
        book.reindex();
        Ok(book)
    }
}

impl ObligationBook {
    /// Books longer than this index their open obligations.
    pub const INDEXED: usize = 16;

    /// Opens a dry run: from now on every change is journalled ([`ObligationBook::end_trial`]).
    pub(crate) fn begin_trial(&mut self) {
        debug_assert!(self.journal.is_none(), "one dry run at a time");
        self.journal = Some(Vec::new());
    }

    /// Closes a dry run: undoes its changes, newest first (the list and the index of open
    /// obligations exactly as they were), and stops journalling.
    pub(crate) fn end_trial(&mut self) {
        let Some(journal) = self.journal.take() else { return };
        for undo in journal.into_iter().rev() {
            match undo {
                ObligationUndo::Opened => {
                    if let (Some(o), Some(ix)) = (self.items.pop(), self.open.as_mut())
                        && let Some(by_subject) = ix.get_mut(&o.duty)
                        && let Some(open) = by_subject.get_mut(&o.subject)
                    {
                        open.pop();
                        if open.is_empty() {
                            by_subject.remove(&o.subject);
                        }
                    }
                    if self.items.len() <= Self::INDEXED {
                        self.open = None;
                    }
                }
                ObligationUndo::Closed(i) => {
                    let o = &mut self.items[i];
                    o.closed_seq = None;
                    o.closed = None;
                    if let Some(ix) = self.open.as_mut() {
                        ix.entry(o.duty.clone()).or_default().entry(o.subject.clone()).or_default().insert(0, i);
                    }
                }
                ObligationUndo::Cancelled(items) => {
                    self.items = items;
                    self.reindex();
                }
            }
        }
    }

    /// Journals an undo while a dry run is open.
    fn note(&mut self, undo: impl FnOnce(&[Obligation]) -> ObligationUndo) {
        if let Some(journal) = self.journal.as_mut() {
            journal.push(undo(&self.items));
        }
    }

    /// Rebuilds the index of open obligations (or drops it for a short book).
    fn reindex(&mut self) {
        self.open = None;
        if self.items.len() > Self::INDEXED {
            let mut ix = OpenIndex::new();
            for (i, o) in self.items.iter().enumerate().filter(|(_, o)| !o.is_closed()) {
                ix.entry(o.duty.clone()).or_default().entry(o.subject.clone()).or_default().push(i);
            }
            self.open = Some(Box::new(ix));
        }
    }

    /// The position of the first open obligation for `duty` and `subject`.
    fn first_open(&self, duty: &str, subject: &str) -> Option<usize> {
        match &self.open {
            Some(ix) => ix.get(duty).and_then(|s| s.get(subject)).and_then(|v| v.first().copied()),
            None => self.items.iter().position(|o| {
                !o.is_closed() && crate::log::same_text(&o.duty, duty) && crate::log::same_text(&o.subject, subject)
            }),
        }
    }

    /// Opens an obligation due on a date (a fixed calendar deadline) or on a working-day
    /// [`Due`], whose `provisional` flag it keeps.
    pub fn open(
        &mut self,
        opened_seq: u32,
        rule: RuleId,
        duty: impl Into<Cow<'static, str>>,
        subject: impl Into<String>,
        opened: NaiveDate,
        due: impl Into<Due>,
    ) {
        let due = due.into();
        self.note(|_| ObligationUndo::Opened);
        // A project that opens one obligation opens several (the route's approvals and their
        // disclosures, completion, final accounts, assets): room for four at once instead of
        // growing one at a time (the same capacity from the fourth on, three fewer reallocations).
        if self.items.capacity() == 0 {
            self.items.reserve_exact(4);
        }
        crate::mem::push_small(
            &mut self.items,
            Obligation {
                opened_seq,
                rule,
                duty: duty.into(),
                subject: subject.into(),
                opened,
                due: due.date,
                closed_seq: None,
                closed: None,
                provisional: due.provisional,
            },
        );
        let i = self.items.len() - 1;
        match &mut self.open {
            Some(ix) => {
                let o = &self.items[i];
                ix.entry(o.duty.clone()).or_default().entry(o.subject.clone()).or_default().push(i);
            }
            None if self.items.len() > Self::INDEXED => self.reindex(),
            None => {}
        }
    }

    /// The first open obligation for `duty` and `subject`.
    pub fn find_open(&self, duty: &str, subject: &str) -> Option<&Obligation> {
        self.first_open(duty, subject).map(|i| &self.items[i])
    }

    /// Closes the first open obligation for `duty` and `subject`; returns it.
    pub fn close(&mut self, duty: &str, subject: &str, seq: u32, date: NaiveDate) -> Option<&Obligation> {
        let i = self.first_open(duty, subject)?;
        self.note(|_| ObligationUndo::Closed(i));
        if let Some(ix) = &mut self.open
            && let Some(by_subject) = ix.get_mut(duty)
            && let Some(open) = by_subject.get_mut(subject)
        {
            open.remove(0);
            if open.is_empty() {
                by_subject.remove(subject);
            }
        }
        let o = &mut self.items[i];
        o.closed_seq = Some(seq);
        o.closed = Some(date);
        Some(o)
    }

    /// Drops open obligations for `duty` and `subject` without discharging them (e.g. a stop).
    pub fn cancel(&mut self, duty: &str, subject: &str) {
        let before = self.items.len();
        if self.journal.is_some() && self.items.iter().any(|o| !o.is_closed() && o.duty == duty && o.subject == subject)
        {
            self.note(|items| ObligationUndo::Cancelled(items.to_vec()));
        }
        self.items.retain(|o| o.is_closed() || o.duty != duty || o.subject != subject);
        if self.items.len() != before {
            self.reindex();
        }
    }

    /// Every obligation, open or closed.
    pub fn all(&self) -> &[Obligation] {
        &self.items
    }

    /// The open obligations as of `as_of` (opened on or before it), each marked overdue when past due.
    pub fn open_as_of(&self, as_of: NaiveDate) -> Vec<ObligationStatus> {
        self.items
            .iter()
            .filter(|o| o.opened <= as_of && o.closed.is_none_or(|c| c > as_of))
            .map(|o| ObligationStatus { obligation: o.clone(), overdue: as_of > o.due })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::rules::INV_44_2;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Source: INV-44.2 — an open filing obligation is overdue the day after its due date, not on it.
    #[test]
    fn overdue_after_due_day() {
        let mut b = ObligationBook::default();
        b.open(4, INV_44_2, "post_hoc_change_filing", "C1", d("2023-06-05"), d("2023-06-12"));
        assert!(!b.open_as_of(d("2023-06-12"))[0].overdue);
        assert!(b.open_as_of(d("2023-06-13"))[0].overdue);
        assert!(b.open_as_of(d("2023-06-04")).is_empty());
        let o = b.close("post_hoc_change_filing", "C1", 9, d("2023-06-13")).unwrap();
        assert!(o.closed_late());
        assert!(b.open_as_of(d("2023-06-20")).is_empty());
        assert_eq!(b.open_as_of(d("2023-06-12")).len(), 1);
    }

    /// Applies one generated operation (open, close, cancel) to `b`.
    fn op(b: &mut ObligationBook, (kind, duty, subject): (u8, usize, usize), seq: u32) {
        let duties = ["disbursement", "post_hoc_change_filing"];
        let (duty, subject) = (duties[duty], format!("S{subject}"));
        let d0 = d("2023-06-05");
        match kind {
            0 | 1 => b.open(seq, INV_44_2, duty, subject, d0, d0),
            2 => {
                b.close(duty, &subject, seq, d0);
            }
            _ => b.cancel(duty, &subject),
        }
    }

    proptest! {
        /// Source: issue 13 (what_if without copying) — a dry run's journal takes back every
        /// change exactly: after `end_trial` the book is the one before `begin_trial`, its
        /// index finds what a scan finds, and the book goes on as if the trial had never happened.
        #[test]
        fn trial_is_taken_back(
            before in prop::collection::vec((0u8..4, 0usize..2, 0usize..4), 0..60),
            trial in prop::collection::vec((0u8..4, 0usize..2, 0usize..4), 0..8),
            after in prop::collection::vec((0u8..4, 0usize..2, 0usize..4), 0..8),
        ) {
            let mut b = ObligationBook::default();
            let mut seq = 0;
            for o in before {
                seq += 1;
                op(&mut b, o, seq);
            }
            let saved = b.all().to_vec();
            b.begin_trial();
            for (k, o) in trial.into_iter().enumerate() {
                op(&mut b, o, seq + 1 + k as u32);
            }
            b.end_trial();
            prop_assert_eq!(b.all(), &saved[..]);
            prop_assert_eq!(b.open.is_some(), b.all().len() > ObligationBook::INDEXED);
            let mut c: ObligationBook = serde_json::from_value(serde_json::json!({"items": saved})).unwrap();
            for o in after {
                seq += 1;
                op(&mut b, o, seq);
                op(&mut c, o, seq);
            }
            prop_assert_eq!(&b, &c);
            for dd in ["disbursement", "post_hoc_change_filing"] {
                for s in 0..4 {
                    let s = format!("S{s}");
                    let scan = b.all().iter().position(|o| !o.is_closed() && o.duty == dd && o.subject == s);
                    prop_assert_eq!(b.find_open(dd, &s).map(|o| o.opened_seq), scan.map(|j| b.all()[j].opened_seq));
                }
            }
        }

        /// However many obligations a book holds (short and scanned, long and indexed, read
        /// back from JSON), the first open one for a duty and subject is the one a scan of the
        /// list finds, closing closes that one, and cancelling drops exactly the open ones.
        #[test]
        fn open_index_agrees_with_a_scan(ops in prop::collection::vec((0u8..4, 0usize..2, 0usize..4), 0..150)) {
            let duties = ["disbursement", "post_hoc_change_filing"];
            let d0 = d("2023-06-05");
            let scan = |b: &ObligationBook, duty: &str, subject: &str| {
                b.all().iter().position(|o| !o.is_closed() && o.duty == duty && o.subject == subject)
            };
            let mut b = ObligationBook::default();
            for (i, (kind, duty, subject)) in ops.into_iter().enumerate() {
                let (duty, subject) = (duties[duty], format!("S{subject}"));
                let seq = i as u32 + 1;
                match kind {
                    0 | 1 => b.open(seq, INV_44_2, duty, subject.clone(), d0, d0),
                    2 => {
                        let expected = scan(&b, duty, &subject).map(|j| b.all()[j].opened_seq);
                        let closed = b.close(duty, &subject, seq, d0).map(|o| o.opened_seq);
                        prop_assert_eq!(closed, expected);
                    }
                    _ => {
                        let open_before = b.all().iter().filter(|o| !o.is_closed()).count();
                        let matching = b.all().iter().filter(|o| !o.is_closed() && o.duty == duty && o.subject == subject).count();
                        b.cancel(duty, &subject);
                        prop_assert_eq!(b.all().iter().filter(|o| !o.is_closed()).count(), open_before - matching);
                    }
                }
                for dd in duties {
                    for s in 0..4 {
                        let s = format!("S{s}");
                        let found = b.find_open(dd, &s).map(|o| o.opened_seq);
                        prop_assert_eq!(found, scan(&b, dd, &s).map(|j| b.all()[j].opened_seq));
                    }
                }
            }
            let back: ObligationBook = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
            prop_assert_eq!(&back, &b);
            for dd in duties {
                for s in 0..4 {
                    let s = format!("S{s}");
                    prop_assert_eq!(back.find_open(dd, &s), b.find_open(dd, &s));
                }
            }
        }
    }
}
