//! The kernel's stream: what every machine's stream is besides its judgment — a hash-chained
//! log that rebuilds it (replay, RULES.md §1.7), the JSON document that carries it, and what
//! makes two of them equal. Written once here for the four streams
//! ([`InvestmentProject`](crate::InvestmentProject), [`AnnualPlan`](crate::investment::AnnualPlan),
//! [`DigitalProject`](crate::digital::DigitalProject), [`DigCycle`](crate::digital::DigCycle));
//! each machine supplies only its specifics: its document name, what it reads from other
//! streams (its document's extra entry) and the parts it is compared by.
//!
//! Like the pipeline ([`kernel`](crate::machine::kernel)) it stands below the machines and
//! imports none of them.

use chrono::NaiveDate;

use crate::Context;
use crate::anchor::ReplayOptions;
use crate::error::Error;
use crate::exception::ExceptionBook;
use crate::finding::Finding;
use crate::log::{Command, Log, LogEntry};
use crate::machine::kernel::{Pipeline, ReplayReport};
use crate::machine::mermaid;
use crate::obligation::{ObligationBook, ObligationStatus};
use crate::outcome::Transition;

/// What two streams are compared by besides their logs ([`LoggedStream::same`]): the one
/// definition of stream equality, the same for every machine. A stream that has no obligation
/// book, or reads nothing from other streams, gives `None` / `()` there.
#[derive(Debug, PartialEq)]
pub struct Standing<'a, K, S, L, I> {
    /// The stream's identity (a project id, a plan year).
    pub id: K,
    /// Its state (`None` before its first event).
    pub state: Option<S>,
    /// Its ledger (with whatever the machine keeps beside it, e.g. a DIG project's INV parts).
    pub ledger: L,
    /// The exceptions its verdicts may consume.
    pub exceptions: &'a ExceptionBook,
    /// Its obligations, when the machine keeps any.
    pub obligations: Option<&'a ObligationBook>,
    /// What it read from other streams (an investment project's plan entries, a DIG project's
    /// cycle views): inputs its entries were judged with, which its document carries.
    pub inputs: I,
}

/// A stream kept as a hash-chained log (RULES.md §1.6–1.7), whatever its machine: replay from a
/// [`Log`], from entries or from JSON text (checked as [`ReplayOptions`] say), the stream's JSON
/// document, and equality. Implemented by the four streams of this crate (it is sealed: its
/// supertrait is the crate's pipeline); each supplies its name, its inputs and its
/// [`Standing`], the kernel the rest.
///
/// The streams keep inherent methods of the same names (`InvestmentProject::replay_json` …),
/// which forward here: callers need not import the trait.
#[allow(private_bounds)] // sealed: the pipeline is the crate's own
pub trait LoggedStream: Pipeline + Sized {
    /// The machine its documents name (`inv`, `plan`, `dig`, `dig_cycle`).
    const MACHINE: &'static str;

    /// The document key of what the stream reads from other streams (`plans`, `cycles`), if
    /// it reads any.
    const INPUTS_KEY: Option<&'static str> = None;

    /// What the stream reads from other streams, as a replay is given it (`()`: nothing).
    type Inputs: Default;

    /// An empty stream (no event yet) judged with `ctx`.
    fn empty(ctx: Context) -> Self;

    /// The configuration and calendar.
    fn context(&self) -> &Context;

    /// The log.
    fn log(&self) -> &Log;

    /// The state and ledger as JSON (`state_json` of RULES.md §8).
    fn state_json(&self) -> serde_json::Value;

    /// The open and overdue obligations as of `as_of` (RULES.md §1.7).
    fn obligations(&self, as_of: NaiveDate) -> Vec<ObligationStatus>;

    /// Compliance findings as of `as_of` (RULES.md §5).
    fn findings(&self, as_of: NaiveDate) -> Vec<Finding>;

    /// What the stream is compared by besides its log ([`LoggedStream::same`]): its
    /// [`Standing`], with the machine's own identity, state, ledger and inputs types.
    type Compared<'a>: PartialEq
    where
        Self: 'a;

    /// What the stream is compared by besides its log ([`LoggedStream::same`]).
    fn standing(&self) -> Self::Compared<'_>;

    /// The document's inputs entry (under [`LoggedStream::INPUTS_KEY`]); `None` when the
    /// stream read nothing.
    fn inputs_value(&self) -> Option<serde_json::Value> {
        None
    }

    /// Reads the document's inputs entry.
    ///
    /// # Errors
    /// [`Error::Input`] for a value that is not the stream's inputs.
    fn read_inputs(value: serde_json::Value) -> Result<Self::Inputs, Error> {
        drop(value);
        Ok(Self::Inputs::default())
    }

    /// The empty stream a replay with `inputs` starts from (default: [`LoggedStream::empty`]).
    fn replay_start(ctx: Context, inputs: &mut Self::Inputs) -> Self {
        let _ = inputs;
        Self::empty(ctx)
    }

    /// Before the stored `entry` is re-judged: the inputs it was judged with (default: nothing).
    #[inline]
    fn before_rejudge(&mut self, inputs: &mut Self::Inputs, entry: &LogEntry) {
        let _ = (inputs, entry);
    }

    /// After the last entry: the inputs read after it (default: nothing).
    fn after_replay(&mut self, inputs: Self::Inputs) {
        drop(inputs);
    }

    /// Whether two streams are equal: their [`Standing`]s (identity, state, ledger, exceptions,
    /// obligations, inputs) and their logs (entries and head).
    fn same(&self, other: &Self) -> bool {
        self.standing() == other.standing() && self.log() == other.log()
    }

    /// Rebuilds a stream from its log (RULES.md §1.7): verifies the chain, re-applies every
    /// entry (stored outcomes and to-states stay authoritative) and reports where re-judging
    /// under `ctx` differs (report mode; [`LoggedStream::replay_checked`] refuses a difference
    /// and checks the head and checkpoints). A stream that reads other streams is re-judged
    /// without their inputs; its document ([`LoggedStream::replay_json`]) carries them.
    ///
    /// # Errors
    /// [`Error::Input`] with reason `broken_chain` when the chain does not verify; any error of
    /// an entry that cannot be re-applied (a log not produced by this machine).
    fn replay(ctx: Context, log: &Log) -> Result<(Self, ReplayReport), Error> {
        Self::replay_entries(ctx, log.entries())
    }

    /// As [`LoggedStream::replay`] over a slice of entries.
    ///
    /// # Errors
    /// As [`LoggedStream::replay`].
    fn replay_entries(ctx: Context, entries: &[LogEntry]) -> Result<(Self, ReplayReport), Error> {
        Self::replay_entries_with(ctx, entries, Self::Inputs::default(), &ReplayOptions::report())
    }

    /// As [`LoggedStream::replay_entries`], re-judged with `inputs` and checked as `options` say.
    ///
    /// # Errors
    /// As [`LoggedStream::replay_checked`].
    fn replay_entries_with(
        ctx: Context,
        entries: &[LogEntry],
        mut inputs: Self::Inputs,
        options: &ReplayOptions,
    ) -> Result<(Self, ReplayReport), Error> {
        let start = Self::replay_start(ctx, &mut inputs);
        let (mut s, report) = crate::journal::replay_onto(start, entries, options, |s, entry| {
            s.before_rejudge(&mut inputs, entry);
            s.apply_entry(entry.command(), Some(entry))
        })?;
        s.after_replay(inputs);
        Ok((s, report))
    }

    /// As [`LoggedStream::replay_entries_with`] over a [`Log`], whose chain is verified already.
    ///
    /// # Errors
    /// As [`LoggedStream::replay_checked`], but for `broken_chain`.
    fn replay_log_with(
        ctx: Context,
        log: &Log,
        mut inputs: Self::Inputs,
        options: &ReplayOptions,
    ) -> Result<(Self, ReplayReport), Error> {
        let start = Self::replay_start(ctx, &mut inputs);
        let (mut s, report) = crate::journal::replay_log(start, log, options, |s, entry| {
            s.before_rejudge(&mut inputs, entry);
            s.apply_entry(entry.command(), Some(entry))
        })?;
        s.after_replay(inputs);
        Ok((s, report))
    }

    /// As [`LoggedStream::replay`] from JSON text: a log (an array of entries, as
    /// [`Log::to_json`] writes it) or the stream's document ([`LoggedStream::to_json`]), whose
    /// inputs (an investment project's `plans`: INV-12.2, 34, 55.6; a DIG project's `cycles`:
    /// DIG-13.3, 24.2, 3.3) are re-judged with, so that an untouched document reports no
    /// difference; a bare log re-judges without them and reports where that differs. Report
    /// mode (differences listed, not refused).
    ///
    /// # Errors
    /// As [`LoggedStream::replay`]; [`Error::Input`] for text that is neither (a document of
    /// another machine: `wrong_stream`), or bad inputs.
    fn replay_json(ctx: Context, json: &str) -> Result<(Self, ReplayReport), Error> {
        Self::replay_checked(ctx, json, &ReplayOptions::report())
    }

    /// As [`LoggedStream::replay_json`], checked as `options` say (INV-57, see
    /// [`crate::anchor`]): by default a stored outcome or transition re-judging does not give
    /// is an error; the log's length and head against the recorded ones; keyed checkpoints.
    ///
    /// # Errors
    /// As [`LoggedStream::replay_json`]; `replay_difference`, `head_mismatch`,
    /// `anchor_mismatch` ([`ReplayOptions::check`]).
    fn replay_checked(ctx: Context, json: &str, options: &ReplayOptions) -> Result<(Self, ReplayReport), Error> {
        let (log, inputs) = crate::journal::parse_log_or_stream(json, Self::MACHINE, Self::INPUTS_KEY)?;
        let inputs = inputs.map_or_else(|| Ok(Self::Inputs::default()), Self::read_inputs)?;
        // The log was read with its chain verified: replayed without hashing it again.
        Self::replay_log_with(ctx, &log, inputs, options)
    }

    /// The stream as JSON: `{"schema_version":1,"machine":…,"config":{…},"log":[…]}`, with its
    /// inputs (under [`LoggedStream::INPUTS_KEY`]) when it read any, and amended rule versions
    /// when it was judged under any; rebuilt exactly by [`LoggedStream::from_json`] and
    /// [`LoggedStream::replay_json`].
    fn to_json(&self) -> String {
        let inputs = Self::INPUTS_KEY.zip(self.inputs_value());
        crate::journal::stream_json(Self::MACHINE, self.context(), self.log(), inputs)
    }

    /// Rebuilds a stream from [`LoggedStream::to_json`] output (embedded calendar, the
    /// document's configuration and rule versions), with the inputs it carries.
    ///
    /// # Errors
    /// [`Error::Input`] for malformed JSON, a bad configuration, bad inputs or a broken chain;
    /// replay errors.
    fn from_json(json: &str) -> Result<Self, Error> {
        let (ctx, log, inputs) = crate::journal::parse_stream_json(json, Self::INPUTS_KEY)?;
        let inputs = inputs.map_or_else(|| Ok(Self::Inputs::default()), Self::read_inputs)?;
        Ok(Self::replay_log_with(ctx, &log, inputs, &ReplayOptions::report())?.0)
    }

    /// Applies one command through the kernel's pipeline (RULES.md §1.6): the date, the
    /// stream's preparation, its judgment, the commit, the log entry.
    ///
    /// # Errors
    /// [`Error::Input`], [`Error::Transition`] or [`Error::Rule`]; the stream is then unchanged.
    fn apply(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.apply_entry(cmd, None)
    }

    /// Parses a command from JSON and applies it.
    ///
    /// # Errors
    /// As [`LoggedStream::apply`], plus parse errors as [`Error::Input`].
    fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply_entry(Command::from_json(json)?, None)
    }

    /// The [`Transition`] `cmd` would produce — accepted, or the error with every outcome —
    /// with nothing changed (issue 13): the pipeline's steps inside a trial taken back.
    ///
    /// # Errors
    /// As [`LoggedStream::apply`].
    fn what_if(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.what_if_entry(&cmd)
    }

    /// A Mermaid diagram of the machine with the current state highlighted.
    fn mermaid(&self) -> String {
        mermaid::<Self::M>(self.current())
    }
}

/// Implements [`LoggedStream`] for a stream type `$S` of this crate from its specifics — the
/// document's machine name and the items in braces (its inputs, its [`Standing`], …) — with
/// what every stream has alike: `empty` is `$S::new`, the context and log are its `ctx` and
/// `log` fields, `state_json`, `obligations` and `findings` its inherent ones. Also stamps out
/// its `PartialEq` ([`LoggedStream::same`]) and inherent forwards of the trait's `replay`,
/// `replay_entries`, `replay_json`, `replay_checked`, `to_json`, `from_json` and `mermaid`, so
/// that callers need not import the trait.
macro_rules! logged_stream {
    ($S:ident, $machine:literal, { $($specific:tt)* }) => {
        impl crate::machine::LoggedStream for $S {
            const MACHINE: &'static str = $machine;

            $($specific)*

            fn empty(ctx: crate::Context) -> Self {
                $S::new(ctx)
            }

            fn context(&self) -> &crate::Context {
                &self.ctx
            }

            fn log(&self) -> &crate::Log {
                &self.log
            }

            fn state_json(&self) -> serde_json::Value {
                $S::state_json(self)
            }

            fn obligations(&self, as_of: chrono::NaiveDate) -> Vec<crate::obligation::ObligationStatus> {
                $S::obligations(self, as_of)
            }

            fn findings(&self, as_of: chrono::NaiveDate) -> Vec<crate::Finding> {
                $S::findings(self, as_of)
            }
        }

        /// Two streams are equal when [`LoggedStream::same`](crate::machine::LoggedStream::same) says so.
        impl PartialEq for $S {
            fn eq(&self, o: &Self) -> bool {
                crate::machine::LoggedStream::same(self, o)
            }
        }

        /// The kernel's [`LoggedStream`](crate::machine::LoggedStream) methods, callable without
        /// importing the trait.
        impl $S {
            /// See [`LoggedStream::replay`](crate::machine::LoggedStream::replay).
            ///
            /// # Errors
            /// As there.
            pub fn replay(
                ctx: crate::Context,
                log: &crate::Log,
            ) -> Result<($S, crate::machine::kernel::ReplayReport), crate::Error> {
                <$S as crate::machine::LoggedStream>::replay(ctx, log)
            }

            /// See [`LoggedStream::replay_entries`](crate::machine::LoggedStream::replay_entries).
            ///
            /// # Errors
            /// As there.
            pub fn replay_entries(
                ctx: crate::Context,
                entries: &[crate::LogEntry],
            ) -> Result<($S, crate::machine::kernel::ReplayReport), crate::Error> {
                <$S as crate::machine::LoggedStream>::replay_entries(ctx, entries)
            }

            /// See [`LoggedStream::replay_json`](crate::machine::LoggedStream::replay_json).
            ///
            /// # Errors
            /// As there.
            pub fn replay_json(
                ctx: crate::Context,
                json: &str,
            ) -> Result<($S, crate::machine::kernel::ReplayReport), crate::Error> {
                <$S as crate::machine::LoggedStream>::replay_json(ctx, json)
            }

            /// See [`LoggedStream::replay_checked`](crate::machine::LoggedStream::replay_checked).
            ///
            /// # Errors
            /// As there.
            pub fn replay_checked(
                ctx: crate::Context,
                json: &str,
                options: &crate::anchor::ReplayOptions,
            ) -> Result<($S, crate::machine::kernel::ReplayReport), crate::Error> {
                <$S as crate::machine::LoggedStream>::replay_checked(ctx, json, options)
            }

            /// See [`LoggedStream::to_json`](crate::machine::LoggedStream::to_json).
            pub fn to_json(&self) -> String {
                <$S as crate::machine::LoggedStream>::to_json(self)
            }

            /// See [`LoggedStream::from_json`](crate::machine::LoggedStream::from_json).
            ///
            /// # Errors
            /// As there.
            pub fn from_json(json: &str) -> Result<$S, crate::Error> {
                <$S as crate::machine::LoggedStream>::from_json(json)
            }

            /// See [`LoggedStream::mermaid`](crate::machine::LoggedStream::mermaid).
            pub fn mermaid(&self) -> String {
                <$S as crate::machine::LoggedStream>::mermaid(self)
            }
        }
    };
}
pub(crate) use logged_stream;
