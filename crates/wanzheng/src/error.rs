//! Errors (RULES.md §1.6): malformed input, invalid transitions and rule violations.
//!
//! The three are kept apart because callers treat them differently: an
//! [`InputError`] is the caller's bug (fix the request), a [`TransitionError`]
//! is an event the stream's state does not allow, and a [`RuleViolation`] is
//! the regulation refusing the act (show the citation to the user). A rejected
//! command changes nothing: state, log and obligations stay byte-identical.

use std::borrow::Cow;

use serde::Serialize;

use crate::calendar::CalendarError;
use crate::money::MoneyError;
use crate::outcome::{Outcome, OutcomeKind};
use crate::rule::RuleId;

/// Why input was refused; serialised as the snake_case code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InputReason {
    /// Not valid JSON at all.
    MalformedJson,
    /// JSON of the wrong shape: wrong type, missing field.
    Schema,
    /// A field this schema version does not know.
    UnknownField,
    /// An enum value, event name or machine that does not exist.
    UnknownValue,
    /// An amount that is not a `Yuan` (RULES.md §1.3).
    Amount,
    /// A date that is not ISO `YYYY-MM-DD`.
    Date,
    /// `schema_version` newer than this library (or zero).
    FutureSchemaVersion,
    /// A date before the log's last date.
    DateBeforeLog,
    /// A date outside the loaded working-day calendar (RULES.md §1.4).
    CalendarOutOfRange,
    /// A `record_exception` for a rule that is not a 原则上 default.
    ExceptionForNonDefaultRule,
    /// Reported N differs from the N the library derives (RULES.md §3.1.6 (d)).
    NMismatch,
    /// `own_funds_only` with a funding mode that is government money (direct investment, capital
    /// injection; INV-5, RULES.md §3.4).
    ModeContradictsFunds,
    /// Σ contingency draws above the contingency (RULES.md §3.1.6 (a)).
    ContingencyOverdrawn,
    /// A required text, list or reference is empty.
    Empty,
    /// A value out of its allowed range or combination.
    InvalidValue,
    /// The command's stream does not belong to this machine or project.
    WrongStream,
    /// An id that must be unique is reused, or an id that must exist is unknown.
    UnknownId,
    /// A log whose hash chain does not verify.
    BrokenChain,
    /// Invalid UTF-8 (bindings).
    InvalidUtf8,
    /// Arrays and objects nested deeper than [`crate::json::MAX_DEPTH`] (or a value that
    /// contains itself).
    Nesting,
    /// A key given twice in one object or mapping (also two mapping keys that read alike).
    DuplicateKey,
    /// A replayed entry whose stored outcomes or states differ from re-judging it (INV-57).
    ReplayDifference,
    /// A log whose length or head is not the one the caller recorded (truncated, extended or
    /// rewritten; INV-57).
    HeadMismatch,
    /// A checkpoint of the log's head that does not match the log or whose MAC or signature
    /// does not verify (INV-57).
    AnchorMismatch,
}

impl InputReason {
    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            InputReason::MalformedJson => "malformed_json",
            InputReason::Schema => "schema",
            InputReason::UnknownField => "unknown_field",
            InputReason::UnknownValue => "unknown_value",
            InputReason::Amount => "amount",
            InputReason::Date => "date",
            InputReason::FutureSchemaVersion => "future_schema_version",
            InputReason::DateBeforeLog => "date_before_log",
            InputReason::CalendarOutOfRange => "calendar_out_of_range",
            InputReason::ExceptionForNonDefaultRule => "exception_for_non_default_rule",
            InputReason::NMismatch => "n_mismatch",
            InputReason::ModeContradictsFunds => "mode_contradicts_funds",
            InputReason::ContingencyOverdrawn => "contingency_overdrawn",
            InputReason::Empty => "empty",
            InputReason::InvalidValue => "invalid_value",
            InputReason::WrongStream => "wrong_stream",
            InputReason::UnknownId => "unknown_id",
            InputReason::BrokenChain => "broken_chain",
            InputReason::InvalidUtf8 => "invalid_utf8",
            InputReason::Nesting => "nesting",
            InputReason::DuplicateKey => "duplicate_key",
            InputReason::ReplayDifference => "replay_difference",
            InputReason::HeadMismatch => "head_mismatch",
            InputReason::AnchorMismatch => "anchor_mismatch",
        }
    }
}

/// The most characters of offending input an error message repeats (see [`echo`]).
pub const MAX_ECHO: usize = 200;

/// The most characters of an [`InputError`]'s message.
pub const MAX_MESSAGE: usize = 1000;

/// The most characters of an [`InputError`]'s path.
pub const MAX_PATH: usize = 300;

/// Offending input as an error message repeats it: quoted (escaped as Rust's `{:?}` does), at
/// most [`MAX_ECHO`] characters of it, and the length of the whole when it is longer.
///
/// # Example
/// ```
/// assert_eq!(wanzheng::error::echo("abc"), "\"abc\"");
/// let long = "x".repeat(1_000_000);
/// assert!(wanzheng::error::echo(&long).ends_with("…\" (1000000 bytes)"));
/// assert!(wanzheng::error::echo(&long).len() < 260);
/// ```
pub fn echo(s: &str) -> String {
    match s.char_indices().nth(MAX_ECHO) {
        None => format!("{s:?}"),
        Some((cut, _)) => {
            let head = format!("{:?}", &s[..cut]);
            format!("{}…\" ({} bytes)", &head[..head.len() - 1], s.len())
        }
    }
}

/// At most [`MAX_ECHO`] characters of `s`, an ellipsis marking a cut (for errors that keep the
/// offending text, such as [`MoneyError`]'s).
pub(crate) fn clip(s: &str) -> String {
    match s.char_indices().nth(MAX_ECHO) {
        None => s.to_string(),
        Some((cut, _)) => format!("{}…", &s[..cut]),
    }
}

/// `text` cut to at most `max` characters, an ellipsis and the whole length marking the cut.
fn bound(text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    match text.char_indices().nth(max) {
        None => text,
        Some((cut, _)) => format!("{}… ({} bytes)", &text[..cut], text.len()),
    }
}

/// A message with each quoted (`"…"`, escapes skipped) or back-ticked span cut to [`MAX_ECHO`]
/// characters — serde's messages repeat the offending key, variant or string that way — and the
/// whole to [`MAX_MESSAGE`].
fn bound_message(text: String) -> String {
    if text.len() <= MAX_ECHO {
        return text;
    }
    let mut out = String::with_capacity(text.len().min(MAX_MESSAGE + 64));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '"' && c != '`' {
            continue;
        }
        // A span: copy up to MAX_ECHO characters, skip the rest up to its closing delimiter.
        let (mut kept, mut escaped, mut cut) = (0usize, false, false);
        for d in chars.by_ref() {
            let closes = d == c && !escaped;
            escaped = c == '"' && d == '\\' && !escaped;
            if closes {
                if cut {
                    out.push('…');
                }
                out.push(d);
                break;
            }
            if kept < MAX_ECHO {
                out.push(d);
                kept += 1;
            } else {
                cut = true;
            }
        }
        if out.len() > 4 * MAX_MESSAGE {
            break;
        }
    }
    bound(out, MAX_MESSAGE)
}

/// Malformed input: schema, unknown field, amount grammar, dates, calendar range, … (RULES.md §1.6).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("invalid input at {path}: {message} ({})", reason.code())]
pub struct InputError {
    /// Path of the offending field (`facts.total`), or empty for the whole input.
    pub path: String,
    /// Machine-readable reason.
    pub reason: InputReason,
    /// Human-readable explanation (English).
    pub message: String,
}

impl InputError {
    /// A new input error. The message and path are bounded: a quoted or back-ticked span of
    /// more than [`MAX_ECHO`] characters (offending input a message repeats) keeps its first
    /// [`MAX_ECHO`], and the whole message at most [`MAX_MESSAGE`] characters, the path at most
    /// [`MAX_PATH`] — a 100 MB function name does not make a 100 MB message.
    pub fn new(path: impl Into<String>, reason: InputReason, message: impl Into<String>) -> InputError {
        InputError { path: bound(path.into(), MAX_PATH), reason, message: bound_message(message.into()) }
    }

    /// `Err` with the input error at `path` when `refused` holds (a command's own shape, checked
    /// before any guard: `InputError::when(p.sources.is_empty(), "facts.sources", InputReason::Empty,
    /// "…")?`); the texts are static, so a command that passes allocates nothing.
    ///
    /// # Errors
    /// The input error when `refused` is true.
    #[inline]
    pub(crate) fn when(
        refused: bool,
        path: &'static str,
        reason: InputReason,
        message: &'static str,
    ) -> Result<(), InputError> {
        if refused { Err(InputError::new(path, reason, message)) } else { Ok(()) }
    }

    /// Wraps a money error at `path`.
    pub fn amount(path: impl Into<String>, e: &MoneyError) -> InputError {
        InputError::new(path, InputReason::Amount, e.to_string())
    }

    /// Converts a serde_json error into the closest reason (unknown field, amount, schema, …).
    pub fn from_json(path: &str, e: &serde_json::Error) -> InputError {
        let msg = e.to_string();
        let reason = if e.is_syntax() || e.is_eof() {
            InputReason::MalformedJson
        } else if msg.starts_with("unknown field") {
            InputReason::UnknownField
        } else if msg.starts_with("unknown variant") {
            InputReason::UnknownValue
        } else if msg.contains("amount") {
            InputReason::Amount
        } else if msg.contains("premature end of input")
            || msg.contains("input contains invalid characters")
            || (msg.starts_with("date ") && (msg.contains(" is not an ISO date") || msg.contains(" is not a real day")))
        {
            InputReason::Date
        } else {
            InputReason::Schema
        };
        InputError::new(path, reason, msg)
    }
}

impl From<CalendarError> for InputError {
    fn from(e: CalendarError) -> InputError {
        let reason = match e {
            CalendarError::OutOfRange { .. } => InputReason::CalendarOutOfRange,
            _ => InputReason::InvalidValue,
        };
        InputError::new("date", reason, e.to_string())
    }
}

/// An event not valid in the stream's state, or an unknown or reused instance (RULES.md §1.6).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("event {event} is not valid in state {state} of machine {machine}{}", if detail.is_empty() { String::new() } else { format!(" ({detail})") })]
pub struct TransitionError {
    /// The machine id (`inv`, `change`, `dig`, …).
    pub machine: Cow<'static, str>,
    /// The stream's current state (`none` before the first event).
    pub state: Cow<'static, str>,
    /// The refused event.
    pub event: Cow<'static, str>,
    /// Extra detail: `unknown_instance`, `reused_instance`, `terminal`, or empty.
    pub detail: Cow<'static, str>,
}

impl TransitionError {
    /// A new transition error.
    pub fn new(
        machine: impl Into<Cow<'static, str>>,
        state: impl Into<Cow<'static, str>>,
        event: impl Into<Cow<'static, str>>,
        detail: impl Into<Cow<'static, str>>,
    ) -> TransitionError {
        TransitionError { machine: machine.into(), state: state.into(), event: event.into(), detail: detail.into() }
    }
}

/// A command refused by the regulation: `enforce` with at least one violation, or a scope rule
/// failing in either mode. Carries every outcome of the attempt, in order (RULES.md §1.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleViolation {
    /// The refused event.
    pub event: String,
    /// Every rule checked, in order.
    pub rules: Vec<RuleId>,
    /// Every outcome of the attempt, in order.
    pub outcomes: Vec<Outcome>,
}

impl RuleViolation {
    /// A new violation report.
    pub fn new(event: &str, rules: Vec<RuleId>, outcomes: Vec<Outcome>) -> RuleViolation {
        RuleViolation { event: event.to_string(), rules, outcomes }
    }

    /// The first violation (the rule that refused the command).
    pub fn primary(&self) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.kind == OutcomeKind::Violation).or(self.outcomes.first())
    }

    /// The refusing rule's ID.
    pub fn rule_id(&self) -> Option<RuleId> {
        self.primary().map(|o| o.rule)
    }

    /// The refusing rule's article, e.g. `第三十五条`.
    pub fn article(&self) -> String {
        self.rule_id().map(|r| r.article_zh()).unwrap_or_default()
    }

    /// Chinese message of the refusing rule.
    pub fn message_zh(&self) -> String {
        self.primary().map(Outcome::message_zh).unwrap_or_default()
    }

    /// English message of the refusing rule.
    pub fn message_en(&self) -> String {
        self.primary().map(Outcome::message_en).unwrap_or_default()
    }
}

impl std::fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v: Vec<String> =
            self.outcomes.iter().filter(|o| o.kind == OutcomeKind::Violation).map(Outcome::message_en).collect();
        write!(f, "{} refused: {}", self.event, v.join("; "))
    }
}

impl std::error::Error for RuleViolation {}

/// The crate error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Malformed input.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Event not valid in the current state.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// Refused by the regulation.
    #[error(transparent)]
    Rule(#[from] RuleViolation),
}

impl From<CalendarError> for Error {
    fn from(e: CalendarError) -> Error {
        Error::Input(e.into())
    }
}

impl Error {
    /// `input_error`, `transition_error` or `rule_violation`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Input(_) => "input_error",
            Error::Transition(_) => "transition_error",
            Error::Rule(_) => "rule_violation",
        }
    }

    /// The error as a JSON value for bindings: `kind`, `message`, and per kind `path`/`reason`,
    /// `machine`/`state`/`event`, or `rule_id`/`article`/`citation`/`message_zh`/`message_en`/`outcomes`.
    pub fn to_json_value(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Error::Input(e) => json!({
                "kind": self.kind(),
                "message": self.to_string(),
                "path": e.path,
                "reason": e.reason.code(),
            }),
            Error::Transition(e) => json!({
                "kind": self.kind(),
                "message": self.to_string(),
                "machine": e.machine,
                "state": e.state,
                "event": e.event,
                "detail": e.detail,
            }),
            Error::Rule(e) => {
                let outcomes: Vec<serde_json::Value> = e
                    .outcomes
                    .iter()
                    .map(|o| {
                        json!({
                            "kind": o.kind,
                            "rule": o.rule,
                            "detail": o.detail,
                            "article": o.rule.article_zh(),
                            "message_zh": o.message_zh(),
                            "message_en": o.message_en(),
                        })
                    })
                    .collect();
                json!({
                    "kind": self.kind(),
                    "message": self.to_string(),
                    "event": e.event,
                    "rule_id": e.rule_id(),
                    "article": e.article(),
                    "citation": e.rule_id().map(|r| r.citation()),
                    "message_zh": e.message_zh(),
                    "message_en": e.message_en(),
                    "rules": e.rules,
                    "outcomes": outcomes,
                })
            }
        }
    }
}

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
