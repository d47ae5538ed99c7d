"""wanzheng — Nanyang government-investment and digital-government project rules.

Two municipal regulations of Nanyang as typed state machines and pure decision functions:

* 宛政〔2023〕7号 南阳市政府投资项目管理实施办法 — government investment projects, rule IDs
  ``INV-*`` (:class:`InvestmentProject`);
* 宛政办〔2023〕12号 南阳市数字政府和新型智慧城市项目建设管理暂行办法 — digital-government
  projects, rule IDs ``DIG-*``.

Every decision cites its rule: ``explain("INV-48.3")`` gives the catalogue entry. Amounts are
``decimal.Decimal`` (or exact strings) in and ``Decimal`` out; a ``float`` is refused with a
``TypeError``. Dates are ``datetime.date``. Identifiers are the snake_case strings of RULES.md
(or members of :class:`Route`, :class:`OutcomeKind`, … whose values are those strings).

Errors form one tree under :class:`WanzhengError`: :class:`InputError` (also a ``ValueError``),
:class:`TransitionError`, :class:`RuleViolation` (``.rule_id``, ``.article``, ``.message_zh``,
``.message_en``) and :class:`InternalError`. Projects, transitions, findings and exceptions
pickle, so batches can be spread over worker processes.

Working days come from the State Council holiday notices (embedded: 2023–2026). A year without
a notice is provisional — statutory holidays only — and every deadline that used such a day says
so (``provisional``); :func:`load_calendar` loads next year's notice the day it is published.
"""

from __future__ import annotations

from wanzheng._decisions import (
    change_route,
    dig_approval_path,
    dig_dedicated_account_required,
    dig_demand_change_allowed,
    dig_emergency_add_ok,
    dig_emergency_ok,
    dig_initial_acceptance,
    dig_inv_parts,
    dig_regime,
    emergency_change_deadline,
    estimate_excess_check,
    estimate_overrun_route,
    funding_mode_check,
    inv_applies,
    payment_check,
    plan_calendar,
    subjective_overrun_deduction,
)
from wanzheng._enums import Mode, OutcomeKind, OverrunRoute, Route
from wanzheng._examples import Example, load_examples
from wanzheng._frame import approval_route_batch, audit_frame, decide_batch, to_frame
from wanzheng._portfolio import read_logs
from wanzheng._wanzheng import (
    ROUTE_FLAGS,
    SCHEMA_VERSION,
    Command,
    Diagram,
    Explanation,
    Finding,
    InputError,
    InternalError,
    DigitalProject,
    InvestmentProject,
    Obligation,
    Outcome,
    Permitted,
    PermittedEvent,
    Reason,
    RouteDecision,
    RuleViolation,
    Transition,
    StreamPermits,
    TransitionError,
    WanzhengError,
    Workspace,
    __version__,
    approval_route,
    calendar_years,
    catalogue,
    decide,
    explain,
    functions,
    is_official,
    is_working_day,
    load_calendar,
    load_ruleset,
    report_html,
    reset_calendar,
    reset_rulesets,
    rulesets,
)

__all__ = [
    "Command",
    "Diagram",
    "DigitalProject",
    "Example",
    "Explanation",
    "Finding",
    "InputError",
    "InternalError",
    "InvestmentProject",
    "Mode",
    "Obligation",
    "Outcome",
    "OutcomeKind",
    "Permitted",
    "PermittedEvent",
    "Reason",
    "OverrunRoute",
    "Route",
    "ROUTE_FLAGS",
    "RouteDecision",
    "RuleViolation",
    "SCHEMA_VERSION",
    "StreamPermits",
    "Transition",
    "TransitionError",
    "WanzhengError",
    "Workspace",
    "__version__",
    "approval_route",
    "approval_route_batch",
    "audit_frame",
    "calendar_years",
    "catalogue",
    "change_route",
    "decide",
    "decide_batch",
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
    "explain",
    "functions",
    "funding_mode_check",
    "inv_applies",
    "is_official",
    "is_working_day",
    "load_calendar",
    "load_ruleset",
    "load_examples",
    "payment_check",
    "plan_calendar",
    "read_logs",
    "report_html",
    "reset_calendar",
    "reset_rulesets",
    "rulesets",
    "subjective_overrun_deduction",
    "to_frame",
]
