"""The decision functions of RULES.md §4 with typed keyword arguments.

Each is a thin call of the core function of the same name (through :func:`wanzheng.decide`):
the keyword arguments are the fields of the core's request, the result is the core's result as
a dict — ``rules`` (the trace), ``outcomes`` and the function's fields — with amounts as
``Decimal`` and dates as ``datetime.date``. Amounts are ``Decimal`` or exact ``str``: a
``float`` raises ``TypeError``; an ``int`` is refused like a JSON number (``InputError``), so
every binding reads amounts alike. ``approval_route`` (§4.1) is native and returns a
``RouteDecision``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, Optional, Union

from wanzheng import _wanzheng

__all__ = [
    "change_route",
    "dig_approval_path",
    "dig_dedicated_account_required",
    "dig_demand_change_allowed",
    "dig_emergency_add_ok",
    "dig_emergency_ok",
    "dig_initial_acceptance",
    "dig_inv_parts",
    "dig_regime",
    "emergency_change_deadline",
    "estimate_excess_check",
    "estimate_overrun_route",
    "funding_mode_check",
    "inv_applies",
    "payment_check",
    "plan_calendar",
    "subjective_overrun_deduction",
]

_Amount = Union[Decimal, str]
_DateLike = Union[datetime.date, str]
_ConfigArg = Union[Mapping[str, Any], str, None]


def _call(function: str, config: _ConfigArg, fields: dict[str, Any]) -> dict[str, Any]:
    request = {k: v for k, v in fields.items() if v is not None}
    return _wanzheng.decide(function, request, config=config)


def estimate_excess_check(
    *,
    fsr_estimate: _Amount,
    compiled_estimate: _Amount,
    changes: Sequence[Literal["unit", "nature", "location", "scale", "technical_scheme"]] = (),
    estimate: Optional[_Amount] = None,
    route: Optional[str] = None,
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.2 (INV-23.3): whether the compiled estimate E (or the estimate A being
    verified, ``estimate``) must be reported against the FSR estimate F (``10·X > 11·F``, a
    material change, or on ``route="direct_fsr"`` an amount above the INV-15.3 band:
    ``band_exceeded``, §3.3.6). Result: ``report_required``, ``reasons``, ``rules``, ``outcomes``."""
    return _call(
        "estimate_excess_check",
        config,
        {
            "fsr_estimate": fsr_estimate,
            "compiled_estimate": compiled_estimate,
            "changes": list(changes),
            "estimate": estimate,
            "route": route,
        },
    )


def estimate_overrun_route(
    *,
    estimate: _Amount,
    new_total: _Amount,
    cause: Literal["change", "subjective", "other"],
    original_estimate: Optional[_Amount] = None,
    certified_completed: _Amount = "0.00",
    situation: Optional[Literal["41.1", "41.2", "41.3", "41.4", "41.5", "41.6"]] = None,
    self_funding: bool = False,
    adjustments_so_far: int = 0,
    acc_consented: bool = False,
    delta: Optional[Mapping[str, _Amount]] = None,
    unauthorised: Optional[_Amount] = None,
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.3 (INV-41, 45.1, 46–50): the route of an estimate overrun: A ``estimate``,
    A0 ``original_estimate``, N ``new_total``, W ``certified_completed``; ``delta`` this
    change's δ ``{before, after}`` and ``unauthorised`` U (§3.5 A11). Result: ``route``
    (see ``wanzheng.OverrunRoute``), ``approver`` … ``rules``, ``outcomes``."""
    return _call(
        "estimate_overrun_route",
        config,
        {
            "estimate": estimate,
            "new_total": new_total,
            "cause": cause,
            "original_estimate": original_estimate,
            "certified_completed": certified_completed,
            "situation": situation,
            "self_funding": self_funding,
            "adjustments_so_far": adjustments_so_far,
            "acc_consented": acc_consented,
            "delta": delta,
            "unauthorised": unauthorised,
        },
    )


def change_route(
    *, change: Mapping[str, Any], ledger: Mapping[str, Any], config: _ConfigArg = None
) -> dict[str, Any]:
    """RULES.md §4.4 (INV-23.3, 40–44, 48): whether a change is permitted and how it is
    approved. ``change`` = {situation?, major, material, estimate_delta {before, after},
    contracts [{contract_id, price, price_after}], budget?, budget_after?,
    emergency_order_date?}; ``ledger`` = {estimate, original_estimate, certified_completed,
    pending_delta? (every unabsorbed δ counted in N), unauthorised_delta? (its U part),
    adjustments_so_far?, self_funding?}."""
    return _call("change_route", config, {"change": change, "ledger": ledger})


def payment_check(
    *, request: Mapping[str, Any], ledger: Mapping[str, Any], config: _ConfigArg = None
) -> dict[str, Any]:
    """RULES.md §4.5 (INV-35.3, 35.4, 35.1, 12.2, 43, 45.2, 48.1, 55.x): a payment against its
    caps. ``request`` = {amount, in_budget_scope, in_scope, progress_cap?, wages_due,
    wage_share}; ``ledger`` = {estimate?, budget?, contract_ceiling?, unreviewed,
    unconsented_43, paid_total, paid_budget_scope, paid_contract, in_plan?, plan_amount_left?,
    funding_suspended?}. Caps absent are not checked; equality is allowed. Result: ``rules``,
    ``outcomes``."""
    return _call("payment_check", config, {"request": request, "ledger": ledger})


def plan_calendar(
    *,
    year: int,
    submitted_on: Optional[_DateLike] = None,
    draft_submitted_on: Optional[_DateLike] = None,
    issued_on: Optional[_DateLike] = None,
    copies_to: Optional[Sequence[str]] = None,
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.6 (INV-29, DIG-13.1): the plan calendar of year ``year`` (``submit_by``,
    ``meeting_by``, ``issue_from``, ``issue_to``, ``dig_demand_from``, ``dig_demand_to``), and
    the outcomes of the given acts' dates."""
    return _call(
        "plan_calendar",
        config,
        {
            "year": year,
            "submitted_on": submitted_on,
            "draft_submitted_on": draft_submitted_on,
            "issued_on": issued_on,
            "copies_to": None if copies_to is None else list(copies_to),
        },
    )


def emergency_change_deadline(
    *, order_date: _DateLike, filed_on: Optional[_DateLike] = None, config: _ConfigArg = None
) -> dict[str, Any]:
    """RULES.md §4.7 (INV-44.2): the 5th working day after an emergency change order (the
    process's calendar: embedded State Council notices plus :func:`load_calendar`); with
    ``filed_on``, a late filing's finding. ``provisional: True`` when the date counted a day of a
    year without a loaded notice (statutory holidays only)."""
    return _call("emergency_change_deadline", config, {"order_date": order_date, "filed_on": filed_on})


def funding_mode_check(
    *,
    nature: Literal["non_operating", "quasi_operating", "operating"],
    mode: Literal["direct_investment", "capital_injection", "investment_subsidy", "loan_interest_subsidy"],
    uses_loan: bool = False,
    basis_3_2: bool = False,
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.8 (INV-3, 5.2): whether the funding mode suits the project's nature.
    Result: ``rules``, ``outcomes``."""
    return _call(
        "funding_mode_check",
        config,
        {"nature": nature, "mode": mode, "uses_loan": uses_loan, "basis_3_2": basis_3_2},
    )


def subjective_overrun_deduction(
    *,
    estimate: _Amount,
    new_total: _Amount,
    gap: _Amount,
    unit_kind: Literal["admin_or_public_unit", "platform_company", "other"],
    base: Optional[_Amount] = None,
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.9 (INV-50.2): the deduction from a unit's budget for a subjective overrun
    (truncated to the fen, AMB-18). Result: ``deduction``, ``rules``, ``outcomes``."""
    return _call(
        "subjective_overrun_deduction",
        config,
        {"estimate": estimate, "new_total": new_total, "gap": gap, "unit_kind": unit_kind, "base": base},
    )


def dig_demand_change_allowed(*, demo_passed: bool, bureau_consent: bool, config: _ConfigArg = None) -> dict[str, Any]:
    """RULES.md §4.10 (DIG-13.5): a demand change is allowed after a passed demonstration and the
    bureau's consent. Result: ``allowed``, ``rules``, ``outcomes``."""
    return _call("dig_demand_change_allowed", config, {"demo_passed": demo_passed, "bureau_consent": bureau_consent})


def dig_emergency_add_ok(
    *,
    consent_leader_bigdata: bool,
    consent_vice_mayor: bool,
    urgent_deployment: bool = False,
    sudden_event: bool = False,
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.10 (DIG-13.7): an urgent addition to the demand plan. Result: ``ok``,
    ``rules``, ``outcomes``."""
    return _call(
        "dig_emergency_add_ok",
        config,
        {
            "consent_leader_bigdata": consent_leader_bigdata,
            "consent_vice_mayor": consent_vice_mayor,
            "urgent_deployment": urgent_deployment,
            "sudden_event": sudden_event,
        },
    )


def dig_emergency_ok(
    *,
    consent_leader_bigdata: bool,
    consent_vice_mayor: bool,
    urgent_deployment: bool = False,
    deadline_and_assessment: bool = False,
    sudden_event: bool = False,
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.10 (DIG-18): an emergency project. Result: ``ok``, ``category_18`` …,
    ``rules``, ``outcomes``."""
    return _call(
        "dig_emergency_ok",
        config,
        {
            "consent_leader_bigdata": consent_leader_bigdata,
            "consent_vice_mayor": consent_vice_mayor,
            "urgent_deployment": urgent_deployment,
            "deadline_and_assessment": deadline_and_assessment,
            "sudden_event": sudden_event,
        },
    )


def dig_initial_acceptance(*, checks: Mapping[str, Any], config: _ConfigArg = None) -> dict[str, Any]:
    """RULES.md §4.10 (DIG-16.1): the initial acceptance passes when every check passes.
    Result: ``passed``, ``failed``, ``next_state``, ``rules``, ``outcomes``."""
    return _call("dig_initial_acceptance", config, {"checks": checks})


def dig_approval_path(
    *,
    funding: Literal["special_fund", "higher_level", "higher_level_special", "soe_self", "special_bond", "market"],
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.10 (DIG-14.4, 14.5, 17, 24.2, 26.2): who approves or files a project of this
    funding, and whether the INV parts apply."""
    return _call("dig_approval_path", config, {"funding": funding})


def dig_regime(
    *,
    construction_start: Optional[_DateLike] = None,
    funds_in_place: Optional[_DateLike] = None,
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.10 (DIG-31): ``legacy`` iff both dates are before 2023-04-23, else ``new``.
    Result: ``regime``, ``rules``, ``outcomes``."""
    return _call(
        "dig_regime", config, {"construction_start": construction_start, "funds_in_place": funds_in_place}
    )


def dig_dedicated_account_required(
    *,
    source: Literal["special_fund", "higher_level", "special_bond", "other_fiscal", "soe_self", "market"],
    amount: _Amount,
    threshold: Optional[_Amount] = None,
    prior_fiscal: Optional[_Amount] = None,
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.10 (DIG-26.2, AMB-28): whether the funds need a dedicated account; 大额 is
    cumulative (RULES.md §3.4): ``prior_fiscal`` is the project's fiscal money recorded before
    (default 0.00). Result: ``required``, ``threshold``, ``rules``, ``outcomes``."""
    return _call(
        "dig_dedicated_account_required",
        config,
        {"source": source, "amount": amount, "threshold": threshold, "prior_fiscal": prior_fiscal},
    )


def inv_applies(*, date: _DateLike, config: _ConfigArg = None) -> dict[str, Any]:
    """RULES.md §4.10 (INV-60): 宛政〔2023〕7号 applies on or after 2023-06-01. Result:
    ``applies``, ``rules``, ``outcomes``."""
    return _call("inv_applies", config, {"date": date})


def dig_inv_parts(
    *,
    funding: Literal["special_fund", "higher_level", "higher_level_special", "soe_self", "special_bond", "market"],
    config: _ConfigArg = None,
) -> dict[str, Any]:
    """RULES.md §4.10 (AMB-25): whether a DIG project of this funding also runs the INV parts
    (``dig_budget_projects_apply_inv``, RULES.md §7). Result: ``inv_parts``, ``rules``,
    ``outcomes``."""
    return _call("dig_inv_parts", config, {"funding": funding})
