//! What the change, adjustment and accountability sub-machines share: the view of their host
//! project (lifecycle or parts mode, AMB-25), actor checks, the table lookup, the figures
//! (N, AMB-41) and the payment buckets of changes (RULES.md §4.5), the hooks the lifecycle calls
//! (AMB-43, stop and withdrawal), and the findings they raise (RULES.md §5).
//!
//! Parts mode: a digital project running the INV parts (AMB-25) embeds an [`InvestmentProject`]
//! without an `inv` lifecycle ([`InvestmentProject::for_parts`]): A = A0 = the approved FSR
//! total, industry_authority = bigdata_bureau, project_unit = soe. The handlers read A, A0, W and
//! the contracts from the ledger only, and ask the lifecycle questions (does the project exist,
//! is it terminal, is it suspended) through [`InvestmentProject::host_suspension`] and friends,
//! which read the [`PartsHost`] when there is no lifecycle.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::config::Context;
use crate::error::{Error, TransitionError};
use crate::event::NO_STATE;
use crate::finding::{Finding, FindingSource};
use crate::investment::InvestmentProject;
use crate::investment::accountability::AccountabilityMachine;
use crate::investment::change::{ChangeMachine, ChangeRecord, ChangeState, MaterialChange, MoneyBucket};
use crate::investment::estimate::{AdjState, AdjustmentMachine};
use crate::investment::ledger::Ledger;
use crate::investment::lifecycle::InvState;
use crate::log::{Command, MachineId};
use crate::machine::kernel::{Call, Next, Step, settle};
use crate::machine::{Machine, Row, row_allows, row_of};
use crate::money::{Yuan, YuanDelta};
use crate::outcome::{Judge, OutcomeKind};
use crate::rule::RuleId;
use crate::rules::*;

/// N and U as one reading of the ledger (RULES.md §3.3.7, §3.5 B16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NFigures {
    /// N = A + every unabsorbed approved, emergency and unauthorised δ (+ the judged δ).
    pub new_total: Yuan,
    /// U = Σ unauthorised δ (a part of N, never added to it).
    pub unauthorised: YuanDelta,
}

/// The host of the sub-machines when no `inv` lifecycle runs (parts mode, AMB-25).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartsHost {
    /// Who plays the industry authority (bigdata_bureau for DIG projects, INV-8/DIG-5).
    pub industry_authority: Actor,
    /// Who plays the project unit (soe for DIG projects).
    pub project_unit: Actor,
    /// The host is suspended under this INV-55.x rule.
    pub suspended: Option<RuleId>,
    /// The host reached a terminal state: no new changes or adjustments.
    pub terminal: bool,
}

impl PartsHost {
    /// The DIG mapping of AMB-25: bigdata_bureau as industry authority, soe as project unit.
    pub fn digital() -> PartsHost {
        PartsHost {
            industry_authority: Actor::BigdataBureau,
            project_unit: Actor::Soe,
            suspended: None,
            terminal: false,
        }
    }
}

/// A sub-machine of a project (change, adjustment, accountability): its instances' states live
/// in the ledger's records, one per `stream.instance`.
pub(crate) trait SubMachine: Machine {
    /// The state of instance `id` (`None`: not opened yet).
    fn state_in(ledger: &Ledger, id: &str) -> Option<Self::State>;
    /// Records the state the kernel settled on (the record exists: its handler opened it).
    fn set_in(ledger: &mut Ledger, id: &str, s: Self::State);
}

impl SubMachine for ChangeMachine {
    fn state_in(ledger: &Ledger, id: &str) -> Option<ChangeState> {
        ledger.changes.get(id).map(|c| c.state)
    }
    fn set_in(ledger: &mut Ledger, id: &str, s: ChangeState) {
        if let Some(c) = ledger.changes.get_mut(id) {
            c.state = s;
        }
    }
}

impl SubMachine for AdjustmentMachine {
    fn state_in(ledger: &Ledger, id: &str) -> Option<AdjState> {
        ledger.adjustments.get(id).map(|a| a.state)
    }
    fn set_in(ledger: &mut Ledger, id: &str, s: AdjState) {
        if let Some(a) = ledger.adjustments.get_mut(id) {
            a.state = s;
        }
    }
}

impl SubMachine for AccountabilityMachine {
    fn state_in(ledger: &Ledger, id: &str) -> Option<crate::investment::accountability::AccState> {
        ledger.cases.get(id).map(|c| c.state)
    }
    fn set_in(ledger: &mut Ledger, id: &str, s: crate::investment::accountability::AccState) {
        if let Some(c) = ledger.cases.get_mut(id) {
            c.state = s;
        }
    }
}

impl InvestmentProject {
    /// The kernel's pipeline step for a sub-machine event: the instance's state, the table row
    /// (`sub_row`), the handler — one signature, `fn(&mut self, p, &Call) -> Result<Next<S>, Error>`
    /// — then [`settle`]: the state set on the instance's record, checked against the row.
    pub(crate) fn sub_step<M: SubMachine>(
        &mut self,
        cmd: &Command,
        seq: u32,
        force: bool,
        handler: impl FnOnce(&mut Self, &Call<'_>) -> Result<Next<M::State>, Error>,
    ) -> Result<Step, Error> {
        let id = cmd.stream.instance.as_str();
        let mut state = M::state_in(&self.ledger, id);
        let (row, from) = self.sub_row::<M>(state, cmd)?;
        let c = Call { cmd, actor: row.actor, force, stored_to: None, from, seq, instance: () };
        let next = handler(self, &c)?;
        let step = settle::<M>(row, &mut state, from, next);
        if let Some(s) = state {
            M::set_in(&mut self.ledger, id, s);
        }
        Ok(step)
    }

    /// An investment project without an `inv` lifecycle that runs only the change, adjustment and
    /// accountability sub-machines for a host (parts mode, AMB-25), with A = A0 = `estimate`.
    ///
    /// The host logs the entries of `InvestmentProject::step` (crate-internal) on its own chain and keeps the
    /// ledger's W, contracts and paid totals up to date.
    pub fn for_parts(ctx: Context, project_id: &str, estimate: Yuan, host: PartsHost) -> InvestmentProject {
        let mut p = InvestmentProject::new(ctx);
        p.project_id = crate::log::Id::from(project_id);
        p.ledger.estimate = Some(estimate);
        p.ledger.original_estimate = Some(estimate);
        p.ledger.parts = Some(host);
        p
    }

    /// Replaces the parts host (its suspension or terminal flag changed).
    pub fn set_parts_host(&mut self, host: PartsHost) {
        self.ledger.parts = Some(host);
    }

    /// The concrete actor playing `role` (parts mode maps industry_authority and project_unit).
    pub(crate) fn role_actor(&self, role: Actor) -> Actor {
        match (&self.ledger.parts, role) {
            (Some(h), Actor::IndustryAuthority) => h.industry_authority,
            (Some(h), Actor::ProjectUnit) => h.project_unit,
            _ => role,
        }
    }

    /// Judges the actor of a sub-machine event: one of `roles` (mapped in parts mode), and the
    /// project's own industry authority body (RULES.md §1.6). A wrong actor violates `rule`.
    pub(crate) fn judge_roles(&self, j: &mut Judge<'_>, roles: &[Actor], rule: RuleId, cmd: &Command) -> bool {
        let ok = roles.iter().any(|r| self.role_actor(*r) == cmd.actor);
        let org_ok = !ok
            || cmd.actor != Actor::IndustryAuthority
            || self.ledger.registration.as_ref().is_none_or(|r| r.industry_authority_org == cmd.actor_org);
        j.require(rule, ok && org_ok, "wrong_actor")
    }

    /// Whether `role` (mapped in parts mode) is among the command's co-actors.
    pub(crate) fn has_co_actor(&self, cmd: &Command, role: Actor) -> bool {
        let a = self.role_actor(role);
        cmd.co_actors.iter().any(|c| c.actor == a)
    }

    /// Whether the host project exists (registered, or a parts host).
    pub(crate) fn host_exists(&self) -> bool {
        self.state.is_some() || self.ledger.parts.is_some()
    }

    /// Whether the host project is closed, stopped or withdrawn.
    pub(crate) fn host_terminal(&self) -> bool {
        match self.state {
            Some(s) => matches!(s, InvState::Closed | InvState::Stopped | InvState::Withdrawn),
            None => self.ledger.parts.as_ref().is_some_and(|h| h.terminal),
        }
    }

    /// The INV-55.x rule under which the host project is suspended, if it is.
    ///
    /// INTERPRETATION: the lifecycle's `suspend` cites its finding as `F-INV-55.x#seq` or a document;
    /// a suspension citing a document is read as INV-55.3 (major change without approval), the
    /// rule an implementation during suspension engages.
    pub fn host_suspension(&self) -> Option<RuleId> {
        match self.state {
            Some(InvState::Suspended) => Some(self.suspension_rule()),
            Some(_) => None,
            None => self.ledger.parts.as_ref().and_then(|h| h.suspended),
        }
    }

    fn suspension_rule(&self) -> RuleId {
        self.log
            .entries()
            .iter()
            .rev()
            .find(|e| e.stream().machine == MachineId::Inv && e.event().name() == "suspend")
            .and_then(|e| serde_json::to_value(e.event().facts()).ok())
            .and_then(|v| v.get("finding_ref").and_then(|r| r.as_str()).and_then(rule_55_of))
            .unwrap_or(INV_55_3)
    }

    /// The facts of every `inv` entry named `event`, with their seqs (for guards reading lifecycle acts).
    pub(crate) fn inv_facts(&self, event: &str) -> Vec<(u32, serde_json::Value)> {
        self.log
            .entries()
            .iter()
            .filter(|e| e.stream().machine == MachineId::Inv && e.event().name() == event)
            .filter_map(|e| serde_json::to_value(e.event().facts()).ok().map(|v| (e.seq(), v)))
            .collect()
    }

    /// Looks up the table row of a sub-machine event in `state` (`None`: the instance does not exist).
    pub(crate) fn sub_row<M: Machine>(
        &self,
        state: Option<M::State>,
        cmd: &Command,
    ) -> Result<(&'static Row<M::State>, &'static str), Error> {
        let name = cmd.event.name();
        let machine = M::ID.as_str();
        let from = state.map(M::state_name).unwrap_or(NO_STATE);
        if !self.host_exists() {
            return Err(TransitionError::new(machine, from, name, "unknown_project").into());
        }
        let row = row_of::<M>(name).ok_or_else(|| TransitionError::new(machine, from, name, "no_table_row"))?;
        if let Some(detail) = self.sub_refusal::<M>(row, state) {
            return Err(TransitionError::new(machine, from, name, detail).into());
        }
        Ok((row, from))
    }

    /// The transition refusal of a sub-machine row in `state`, as its detail: no host project
    /// (`unknown_project`), the table (`unknown_instance`, `terminal`, `reused_instance`, or
    /// empty), and a new change or adjustment on a closed, stopped or withdrawn project
    /// (`project_terminal`). `None`: the row may run.
    pub(crate) fn sub_refusal<M: Machine>(&self, row: &Row<M::State>, state: Option<M::State>) -> Option<&'static str> {
        if !self.host_exists() {
            return Some("unknown_project");
        }
        if !row_allows::<M>(row, state) {
            return Some(match state {
                None => "unknown_instance",
                Some(s) if M::terminal().contains(&s) => "terminal",
                Some(_) if matches!(row.from, crate::machine::FromSpec::Create) => "reused_instance",
                Some(_) => "",
            });
        }
        // INTERPRETATION: a closed, stopped or withdrawn project takes no new change or adjustment
        // (RULES.md §3.1.2 lets only accountability and close-out continue); an emergency change
        // already ordered keeps its filing duty and its later events.
        let new_instance = match M::ID {
            MachineId::Change => matches!(row.from, crate::machine::FromSpec::Create),
            MachineId::Adjustment => state.is_none(),
            _ => false,
        };
        (new_instance && self.host_terminal()).then_some("project_terminal")
    }

    /// A: the current approved estimate (F on FSR-only routes before A, RULES.md §4.5).
    pub(crate) fn current_estimate(&self) -> Option<Yuan> {
        self.ledger.estimate.or(self.ledger.fsr_estimate)
    }

    /// A0 (A when no first estimate is recorded).
    pub(crate) fn original_estimate_or(&self, a: Yuan) -> Yuan {
        self.ledger.original_estimate.unwrap_or(a)
    }

    /// W (zero until certified).
    pub(crate) fn certified(&self) -> Yuan {
        self.ledger.certified_completed.unwrap_or(Yuan::ZERO)
    }

    /// The one N of RULES.md §3.3.7 and §3.5 B16: N = A + Σ approved δ + Σ emergency δ + Σ
    /// unauthorised δ (all unabsorbed) + `delta` (this change's δ when judged), and U = Σ
    /// unauthorised δ. `None` without A or when N would be negative. Every reader of N (the 41.1
    /// test, §4.3/§4.4, INV-48, the INV-50 case, the report) goes through here.
    pub(crate) fn n_figures(&self, delta: YuanDelta) -> Option<NFigures> {
        let new_total = (self.ledger.pending_delta + delta).apply_to(self.current_estimate()?)?;
        Some(NFigures { new_total, unauthorised: self.ledger.unauthorised_delta })
    }

    /// N of [`InvestmentProject::n_figures`]; `None` when negative or without A.
    pub(crate) fn derive_new_total(&self, delta: YuanDelta) -> Option<Yuan> {
        self.n_figures(delta).map(|f| f.new_total)
    }

    /// The current contract total: price plus every change increase in any bucket.
    pub(crate) fn contract_total(&self, contract_id: &str) -> Option<Yuan> {
        self.ledger.contract(contract_id).map(|c| {
            c.price.saturating_add(c.change_extra).saturating_add(c.unreviewed).saturating_add(c.unconsented_43)
        })
    }

    /// The current budget: B plus approved change amounts.
    pub(crate) fn current_budget(&self) -> Option<Yuan> {
        self.ledger.budget.map(|b| b.saturating_add(self.ledger.approved_change_amount))
    }

    /// INTERPRETATION: increases are fixed over the contract's current total (price plus every change
    /// bucket) when the money first comes into play; a decrease does not lower the ceiling; the
    /// change amount (INV-37.2, 6) is the larger of Σ increases and the budget rise over B + approved
    /// change amounts.
    ///
    /// Where a change's money sits now (RULES.md §4.5, §3.1.4): in play once approved within A, or
    /// once absorbed by an approved adjustment; unreviewed until finance reviews it (48.1); then
    /// unconsented in an INV-43 case until municipal consent; then it raises the ceiling.
    ///
    /// RULES.md §3.5 A5 (the payment gate of an emergency δ): a reported emergency change's money
    /// comes into play at `confirm_emergency_change` (44.1 「报工程变更审批部门确认并先行处险」),
    /// before its post-hoc approval, so the contractor is not made to 垫资 (4.3, 55.5). Within the
    /// contract price (no listed contract raised above its total) it is payable after the 48.1
    /// finance review; above it (an INV-43 case: 超合同总价) it stays unconsented until the post-hoc
    /// `approve_change` and the 43 consent (`consent_extra_funds` is valid only from the approval).
    /// No 70 % gate is consulted before the approval (AMB-13's INV-44 branch). After a post-hoc
    /// rejection nothing becomes payable beyond what was payable before it: money that was not
    /// yet payable leaves play (no approval can follow a rejection).
    pub(crate) fn bucket_of(ch: &ChangeRecord) -> Option<MoneyBucket> {
        // An unapproved change implemented anyway (INV-40.1, record mode) never brings money into play.
        let approved = matches!(ch.state, ChangeState::ChangeApproved | ChangeState::ChangeImplemented)
            && ch.confirmed_situation.is_some();
        let emergency_confirmed = ch.emergency
            && ch.confirmed
            && matches!(
                ch.state,
                ChangeState::ChangeConfirmed
                    | ChangeState::ChangePostHocFiled
                    | ChangeState::ChangeImplemented
                    | ChangeState::ChangeRejected
            );
        let in_play = (approved || emergency_confirmed) && (!ch.overrun || ch.absorbed_by.is_some());
        let bucket = if !in_play {
            None
        } else if !ch.finance_reviewed {
            Some(MoneyBucket::Unreviewed)
        } else if ch.inv43 && !ch.consented_43 {
            Some(MoneyBucket::Unconsented43)
        } else {
            Some(MoneyBucket::Extra)
        };
        if ch.state == ChangeState::ChangeRejected && bucket != Some(MoneyBucket::Extra) { None } else { bucket }
    }

    /// Moves a change's contract increases to the bucket its flags now call for; fixes the
    /// increases (against the contract totals of that moment) and the change amount the first
    /// time its money comes into play, and releases them when it leaves play. Infallible.
    pub(crate) fn rebucket(&mut self, change_id: &str) {
        let Some(ch) = self.ledger.changes.get(change_id) else { return };
        let new = Self::bucket_of(ch);
        let old = ch.bucket;
        if old == new {
            return;
        }
        if old.is_none() {
            // First time in play: fix the increases over the contract totals of this moment.
            let increases: Vec<crate::investment::change::ContractIncrease> = ch
                .contracts
                .iter()
                .filter_map(|k| {
                    let total = self.contract_total(&k.contract_id)?;
                    Some(crate::investment::change::ContractIncrease {
                        contract_id: k.contract_id.clone(),
                        amount: k.price_after.saturating_sub(total),
                    })
                })
                .collect();
            let contract_sum = Yuan::sum(increases.iter().map(|i| i.amount)).unwrap_or(Yuan::ZERO);
            let budget_rise = match (ch.budget_after, self.current_budget()) {
                (Some(after), Some(now)) => after.saturating_sub(now),
                _ => Yuan::ZERO,
            };
            let amount = contract_sum.max(budget_rise);
            self.ledger.approved_change_amount = self.ledger.approved_change_amount.saturating_add(amount);
            if let Some(ch) = self.ledger.changes.get_mut(change_id) {
                ch.increases = increases;
                ch.change_amount = amount;
            }
        }
        let Some(ch) = self.ledger.changes.get(change_id) else { return };
        let increases = ch.increases.clone();
        let amount = ch.change_amount;
        for inc in &increases {
            if let Some(c) = self.ledger.contract_mut(&inc.contract_id) {
                if let Some(b) = old {
                    let field = bucket_field(c, b);
                    *field = field.saturating_sub(inc.amount);
                }
                if let Some(b) = new {
                    let field = bucket_field(c, b);
                    *field = field.saturating_add(inc.amount);
                }
            }
        }
        if new.is_none() {
            self.ledger.approved_change_amount = self.ledger.approved_change_amount.saturating_sub(amount);
        }
        if let Some(ch) = self.ledger.changes.get_mut(change_id) {
            ch.bucket = new;
            if new.is_none() {
                ch.increases.clear();
                ch.change_amount = Yuan::ZERO;
            }
        }
    }

    /// Counts a change's δ in N (RULES.md §3.3.7): approved, emergency from the order, or — with
    /// `unauthorised` — implemented without approval, then also in U. A change already counted
    /// keeps its count (an emergency change approved post hoc stays in N); an absorbed one is out for good.
    pub(crate) fn count_delta(&mut self, change_id: &str, unauthorised: bool) {
        if let Some(ch) = self.ledger.changes.get_mut(change_id)
            && !ch.counted
            && ch.absorbed_by.is_none()
        {
            ch.counted = true;
            self.ledger.pending_delta += ch.delta;
            if unauthorised {
                ch.unauthorised = true;
                self.ledger.unauthorised_delta += ch.delta;
            }
        }
    }

    /// An unauthorised change approved post hoc (RULES.md §3.5 D6): its δ stays in N and leaves U.
    pub(crate) fn authorise_delta(&mut self, change_id: &str) {
        if let Some(ch) = self.ledger.changes.get_mut(change_id)
            && ch.unauthorised
        {
            ch.unauthorised = false;
            self.ledger.unauthorised_delta += YuanDelta::between(ch.estimate_delta.after, ch.estimate_delta.before);
        }
    }

    /// Removes a change's δ from N (and from U when it was there): withdrawn, cancelled, or absorbed.
    pub(crate) fn uncount_delta(&mut self, change_id: &str) {
        self.authorise_delta(change_id);
        if let Some(ch) = self.ledger.changes.get_mut(change_id)
            && ch.counted
        {
            ch.counted = false;
            // −δ = before − after.
            self.ledger.pending_delta += YuanDelta::between(ch.estimate_delta.after, ch.estimate_delta.before);
        }
    }

    /// The changes that block `complete_works`, each with the rule its block violates: an
    /// emergency change never filed (INV-44.2), or a non-emergency change still pending
    /// (INV-40.2) (RULES.md §3.1.4, AMB-43). A late filing, or a filed emergency change awaiting
    /// its decision, does not block.
    #[allow(dead_code)] // called by complete_works once the lifecycle handlers land
    pub(crate) fn changes_blocking_completion(&self) -> Vec<(String, RuleId)> {
        self.ledger
            .changes
            .values()
            .filter_map(|c| {
                let rule = if c.emergency {
                    matches!(c.state, ChangeState::ChangeEmergencyOrdered | ChangeState::ChangeConfirmed)
                        .then_some(INV_44_2)
                } else {
                    matches!(
                        c.state,
                        ChangeState::ChangeProposed | ChangeState::ChangeReviewed | ChangeState::ChangeApproved
                    )
                    .then_some(INV_40_2)
                };
                rule.map(|r| (c.change_id.clone(), r))
            })
            .collect()
    }

    /// On stop or withdrawal: open changes → change_cancelled (an emergency change keeps its
    /// INV-44.2 filing duty and its state), open adjustments → adj_cancelled (RULES.md §3.1.2).
    /// Accountability cases continue. Infallible (called from the lifecycle's commit).
    ///
    /// INTERPRETATION: an approved adjustment awaiting its finance review has already raised A;
    /// it is not "open" and keeps its state, so finance may still review it for the settlement.
    pub(crate) fn cancel_sub_machines(&mut self) {
        let open: Vec<String> = self
            .ledger
            .changes
            .values()
            .filter(|c| {
                !c.emergency
                    && matches!(
                        c.state,
                        ChangeState::ChangeProposed | ChangeState::ChangeReviewed | ChangeState::ChangeApproved
                    )
            })
            .map(|c| c.change_id.clone())
            .collect();
        for id in open {
            self.cancel_change(&id, ChangeState::ChangeCancelled);
        }
        let adjs: Vec<String> = self
            .ledger
            .adjustments
            .values()
            .filter(|a| matches!(a.state, AdjState::AdjApplied | AdjState::AdjDeferred))
            .map(|a| a.adjustment_id.clone())
            .collect();
        for id in adjs {
            self.close_adjustment(&id, AdjState::AdjCancelled);
        }
    }

    /// Ends a change without implementation: δ leaves the pending sum, its money leaves play.
    pub(crate) fn cancel_change(&mut self, change_id: &str, to: ChangeState) {
        self.uncount_delta(change_id);
        if let Some(ch) = self.ledger.changes.get_mut(change_id) {
            ch.state = to;
        }
        self.rebucket(change_id);
    }

    /// Ends an adjustment without approval (stop or withdrawal of the project): its changes are unlinked.
    pub(crate) fn close_adjustment(&mut self, adjustment_id: &str, to: AdjState) {
        if let Some(a) = self.ledger.adjustments.get_mut(adjustment_id) {
            a.state = to;
        }
        self.unlink_adjustment(adjustment_id);
    }

    /// Unlinks the changes of an adjustment that ends without approval.
    pub(crate) fn unlink_adjustment(&mut self, adjustment_id: &str) {
        for ch in self.ledger.changes.values_mut() {
            if ch.adjustment_id.as_deref() == Some(adjustment_id) {
                ch.adjustment_id = None;
            }
        }
    }

    /// Findings of the change, adjustment and accountability sub-machines (RULES.md §5) beyond
    /// the stored outcomes and overdue obligations the caller already collects: F-INV-53.1,
    /// F-INV-53.3, F-INV-55.3, F-INV-55.4, F-INV-50, F-INV-50.2.
    pub(crate) fn submachine_findings(&self, as_of: NaiveDate, out: &mut Vec<Finding>) {
        let entries: Vec<&crate::LogEntry> = self.log.entries().iter().filter(|e| e.date() <= as_of).collect();
        let stored_hit = |e: &crate::LogEntry, rules: &[RuleId], details: Option<&[&str]>| {
            e.outcomes().iter().any(|o| {
                matches!(o.kind, OutcomeKind::Finding | OutcomeKind::DefaultBreach)
                    && rules.contains(&o.rule)
                    && details.is_none_or(|d| d.contains(&&*o.detail))
            })
        };
        for e in &entries {
            match (e.stream().machine, e.event().name()) {
                // F-INV-53.1: a change approved by an actor without authority (41).
                (MachineId::Change, "approve_change") if stored_hit(e, &[INV_41], Some(&["wrong_actor"])) => {
                    out.push(detected(INV_53_1, "change_wrong_authority", vec![e.seq()], e.date()));
                }
                // F-INV-53.1: route 2 without municipal consent or not by drc; route 3 not by the industry authority.
                (MachineId::Adjustment, "approve_adjustment")
                    if stored_hit(e, &[INV_48_2, INV_48_3, INV_45_1], Some(&["wrong_actor", "no_gov_consent"])) =>
                {
                    out.push(detected(INV_53_1, "adjustment_wrong_authority", vec![e.seq()], e.date()));
                }
                _ => {}
            }
        }
        // F-INV-53.3: an adjustment approved contrary to rules (47 file, 49.1 evaluation, 49.2,
        // 46.1, 48 below 70 %, 48.3 at +10 % or more), judged over its whole stream.
        for a in self.ledger.adjustments.values() {
            let stream: Vec<&&crate::LogEntry> = entries
                .iter()
                .filter(|e| e.stream().machine == MachineId::Adjustment && e.stream().instance == a.adjustment_id)
                .collect();
            let Some(approval) = stream.iter().find(|e| e.event().name() == "approve_adjustment") else { continue };
            let bad: Vec<u32> = stream
                .iter()
                .filter(|e| e.seq() <= approval.seq())
                .filter(|e| stored_hit(e, &[INV_47, INV_49_1, INV_49_2, INV_46_1, INV_48, INV_48_3], None))
                .map(|e| e.seq())
                .collect();
            if !bad.is_empty() {
                let mut seqs = vec![approval.seq()];
                seqs.extend(bad.into_iter().filter(|s| *s != approval.seq()));
                out.push(detected(INV_53_3, "adjusted_contrary_to_rules", seqs, approval.date()));
            }
        }
        for ch in self.ledger.changes.values() {
            let impl_entry = entries.iter().find(|e| {
                e.stream().machine == MachineId::Change
                    && e.stream().instance == ch.change_id
                    && e.event().name() == "implement_change"
            });
            let Some(ie) = impl_entry else { continue };
            // F-INV-55.3: a location or major change implemented before its approval.
            if (ch.major || ch.material.contains(&MaterialChange::Location))
                && stored_hit(ie, &[INV_40_2, INV_48, INV_48_2, INV_48_3], None)
            {
                out.push(detected(INV_55_3, "implemented_before_approval", vec![ie.seq()], ie.date()));
            }
            // F-INV-55.4: implementation above A without an approved adjustment.
            if ch.overrun && ch.absorbed_by.is_none() && stored_hit(ie, &[INV_40_2, INV_48, INV_48_2, INV_48_3], None) {
                out.push(detected(INV_55_4, "implementation_above_estimate", vec![ie.seq()], ie.date()));
            }
        }
        for c in self.ledger.cases.values() {
            if c.opened_on > as_of {
                continue;
            }
            // F-INV-50: every subjective overrun is a 重大问题.
            out.push(detected(INV_50, c.cause.as_str(), vec![c.opened_seq], c.opened_on));
            // F-INV-50.2: a unit not funded after the budget year following the consent.
            // INTERPRETATION: 编制下一年度部门预算时 — due by the end of the consent's calendar year.
            if let Some((consent_seq, consent)) = c.consented
                && as_of.year() > consent.year()
            {
                for u in c.units.iter().filter(|u| u.funded.is_none()) {
                    let admin = u.unit_kind == crate::investment::events::UnitKind::AdminOrPublicUnit;
                    out.push(detected(
                        INV_50_2,
                        if admin { "no_deduction" } else { "no_self_funding" },
                        vec![consent_seq],
                        consent,
                    ));
                }
            }
        }
    }
}

use chrono::Datelike;

/// The INV-55.x rule a finding reference `F-INV-55.x#seq` cites (RULES.md §5), if it is one.
pub(crate) fn rule_55_of(finding_ref: &str) -> Option<RuleId> {
    const RULES_55: [RuleId; 6] = [INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6];
    let code = finding_ref.strip_prefix("F-")?;
    let id = code.split('#').next()?;
    RuleId::lookup(id).filter(|r| RULES_55.contains(r))
}

fn detected(rule: RuleId, detail: &'static str, seqs: Vec<u32>, date: NaiveDate) -> Finding {
    Finding::new(rule, OutcomeKind::Finding, detail, seqs, date, FindingSource::Detected)
}

fn bucket_field(c: &mut crate::investment::ledger::Contract, b: MoneyBucket) -> &mut Yuan {
    match b {
        MoneyBucket::Unreviewed => &mut c.unreviewed,
        MoneyBucket::Unconsented43 => &mut c.unconsented_43,
        MoneyBucket::Extra => &mut c.change_extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: INV-55.1, INV-55.2, INV-55.5 — a suspension citing `F-INV-55.x#seq` engages that rule;
    /// anything else is not a 55.x reference.
    #[test]
    fn suspension_references() {
        assert_eq!(rule_55_of("F-INV-55.1#42"), Some(INV_55_1));
        assert_eq!(rule_55_of("F-INV-55.2#7"), Some(INV_55_2));
        assert_eq!(rule_55_of("F-INV-55.5"), Some(INV_55_5));
        assert_eq!(rule_55_of("F-INV-35.3#1"), None);
        assert_eq!(rule_55_of("宛发改〔2024〕3号"), None);
        assert_eq!(rule_55_of("F-INV-99.9#1"), None);
    }
}
