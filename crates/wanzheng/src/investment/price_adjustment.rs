//! Contract price adjustments under a price-adjustment clause (RULES.md §3.5 D3, B16):
//! `adjust_contract_price` by the project unit, then `review_price_adjustment` by finance.
//!
//! Legal basis: INV-36 「…合同中应当明确…价款调整…」 (the clause the contract carries); INV-41.5
//! and 40–44 (a rise that would lift N above the approved estimate is an engineering change and
//! runs through the change procedure); INV-48.1 (finance reviews before the money is payable).
//!
//! * δ = `price_after` − the contract's price. Valid only for a contract with
//!   `price_adjustment_clause` (else V INV-36 `no_price_adjustment_clause`).
//! * Within A: after finance's review the contract price becomes `price_after` (its ceiling rises
//!   with it) and δ counts in N (`pending_delta`) until an approved estimate adjustment absorbs it
//!   (B16: each approval absorbs every D3 δ counted in its derived N).
//! * A δ > 0 that would lift N above A (超: equality IN) → V INV-41.5 `through_change_procedure`,
//!   judged at both acts (the ledger may change in between).

use crate::error::{Error, InputError, InputReason};
use crate::investment::InvestmentProject;
use crate::investment::events::{AdjustContractPrice, ReviewPriceAdjustment};
use crate::investment::ledger::PriceAdjustment;
use crate::investment::lifecycle::InvState;
use crate::machine::kernel::{Call, Next};
use crate::money::YuanDelta;
use crate::outcome::Judge;
use crate::rules::*;

impl InvestmentProject {
    /// RULES.md §3.5 D3: the one judgement of a price adjustment's δ against A. A δ > 0 that
    /// would lift N (§3.3.7, this δ included) above A is V INV-41.5 `through_change_procedure`;
    /// without A there is no N to judge (the adjustment is then only a contract price).
    fn judge_price_delta(&self, j: &mut Judge<'_>, delta: YuanDelta) {
        let Some(a) = self.ledger.estimate else {
            j.trace(INV_41_5);
            return;
        };
        let lifts = delta.is_positive() && self.derive_new_total(delta).is_none_or(|n| n > a);
        j.require(INV_41_5, !lifts, "through_change_procedure");
    }

    /// `adjust_contract_price` (project_unit, fact; RULES.md §3.5 D3).
    pub(crate) fn adjust_contract_price(
        &mut self,
        p: &AdjustContractPrice,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        InputError::when(!p.basis.is_valid(), "facts.basis.ref", InputReason::Empty, "the basis of the adjustment")?;
        let Some(k) = self.ledger.contract(&p.contract_id) else {
            return Err(InputError::new("facts.contract_id", InputReason::UnknownId, "no such contract").into());
        };
        InputError::when(
            p.price_after == k.price,
            "facts.price_after",
            InputReason::InvalidValue,
            "price_after equals the price",
        )?;
        InputError::when(
            self.ledger.price_adjustments.iter().any(|a| a.contract_id == p.contract_id && !a.reviewed),
            "facts.contract_id",
            InputReason::InvalidValue,
            "a price adjustment of this contract awaits finance's review",
        )?;
        let price_before = k.price;
        let delta = YuanDelta::between(price_before, p.price_after);
        let verdict = {
            let mut j = self.open(c);
            // INV-36: the adjustment rests on the contract's own clause.
            j.require(INV_36, k.price_adjustment_clause, "no_price_adjustment_clause");
            self.judge_price_delta(&mut j, delta);
            j.verdict()?
        };
        let record = PriceAdjustment {
            seq: c.seq,
            contract_id: p.contract_id.clone(),
            price_before,
            price_after: p.price_after,
            reviewed: false,
            counted: false,
            absorbed_by: None,
        };
        crate::mem::push_small(&mut self.ledger.price_adjustments, record);
        Ok(Next::stay(verdict))
    }

    /// `review_price_adjustment` (finance, fact; RULES.md §3.5 D3, B16).
    pub(crate) fn review_price_adjustment(
        &mut self,
        p: &ReviewPriceAdjustment,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        InputError::when(!p.reference.is_valid(), "facts.ref.ref", InputReason::Empty, "finance's review")?;
        let mut pending = self
            .ledger
            .price_adjustments
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.reviewed && p.contract_id.as_ref().is_none_or(|k| *k == a.contract_id));
        let Some((i, adj)) = pending.next() else {
            return Err(InputError::new(
                "facts.contract_id",
                InputReason::UnknownId,
                "no price adjustment awaits finance's review",
            )
            .into());
        };
        InputError::when(
            pending.next().is_some(),
            "facts.contract_id",
            InputReason::InvalidValue,
            "several price adjustments await review: name the contract",
        )?;
        let delta = adj.delta();
        let clause = self.ledger.contract(&adj.contract_id).is_some_and(|k| k.price_adjustment_clause);
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_36, clause, "no_price_adjustment_clause");
            self.judge_price_delta(&mut j, delta);
            // INV-48.1: finance's review makes the adjusted price payable.
            j.trace(INV_48_1);
            j.verdict()?
        };
        let counted = self.ledger.estimate.is_some();
        let adj = &mut self.ledger.price_adjustments[i];
        adj.reviewed = true;
        adj.counted = counted;
        let (contract_id, price_after) = (adj.contract_id.clone(), adj.price_after);
        if let Some(k) = self.ledger.contract_mut(&contract_id) {
            k.price = price_after;
        }
        if counted {
            // B16: δ counts in N until an approved adjustment absorbs it.
            self.ledger.pending_delta += delta;
        }
        Ok(Next::stay(verdict))
    }

    /// RULES.md §3.5 B16: the approval of estimate adjustment `id` absorbs the price adjustments
    /// its derived N counted (`seqs`): their δ leaves N (A was raised).
    pub(crate) fn absorb_price_adjustments(&mut self, seqs: &[u32], id: &str) {
        for seq in seqs {
            let Some(adj) = self
                .ledger
                .price_adjustments
                .iter_mut()
                .find(|a| a.seq == *seq && a.counted && a.absorbed_by.is_none())
            else {
                continue;
            };
            adj.counted = false;
            adj.absorbed_by = Some(id.to_string());
            let minus = YuanDelta::between(adj.price_after, adj.price_before);
            self.ledger.pending_delta += minus;
        }
    }
}
