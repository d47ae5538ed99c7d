//! Hooks for the benchmarks (`benches/`, crate `wanzheng-bench`): the pipeline of
//! [`DigitalProject::apply`] without the log, so the judgments can be timed apart from the log
//! entries and their hash chain. Not part of the public API.

use crate::digital::DigitalProject;
use crate::error::Error;
use crate::log::Command;
use crate::machine::kernel::Pipeline;
use crate::outcome::Transition;

impl DigitalProject {
    /// Judges and commits `cmd` as entry `seq` would be, and returns its transition, without
    /// checking the date against the log, stamping the project code (give the command its
    /// code) or appending a log entry (benchmarks only: the log no longer matches the state).
    ///
    /// # Errors
    /// As [`DigitalProject::apply`].
    #[doc(hidden)]
    pub fn apply_unlogged(&mut self, cmd: &Command, seq: u32) -> Result<Transition, Error> {
        self.judge_commit_at(cmd, seq, None).map(|(t, ..)| t)
    }
}
