"""Identifiers of RULES.md as ``enum.Enum`` classes.

Every function of wanzheng accepts either the snake_case string of RULES.md or a member of
these enums (a member *is* its string: ``Route.STANDARD == "standard"``). Results are the plain
strings, so they compare equal to the members and print as RULES.md writes them.
"""

from __future__ import annotations

import enum

__all__ = ["Mode", "OutcomeKind", "OverrunRoute", "Route"]


class _Identifier(str, enum.Enum):
    """A RULES.md identifier: a ``str`` whose value is the snake_case name."""

    def __str__(self) -> str:
        return str(self.value)


class Route(_Identifier):
    """Approval routes of an investment project (RULES.md §4.1, INV-13 to INV-16)."""

    STANDARD = "standard"
    """Proposal, FSR, design and estimate (INV-13.1, 13.2)."""
    DIRECT_FSR = "direct_fsr"
    """FSR without proposal; design and estimate still approved (INV-15.3)."""
    SIMPLIFIED_FSR_ONLY = "simplified_fsr_only"
    """FSR only, total ≤ 10,000,000.00 (INV-15.1)."""
    EMERGENCY_MERGED = "emergency_merged"
    """Four documents merged into one FSR at estimate depth (INV-15.4, 16.1)."""
    EXTERNAL = "external"
    """National/provincial special authority or policy funds (INV-13.4, 15.5)."""
    COUNTY_RULES = "county_rules"
    """County rules (INV-13.3)."""


class OverrunRoute(_Identifier):
    """Routes of an estimate overrun (RULES.md §4.3, INV-41, 45–50)."""

    NO_ADJUSTMENT = "no_adjustment"
    GENERAL_DRC_ADJUSTMENT = "general_drc_adjustment"
    ACCOUNTABILITY = "accountability"
    NOT_PERMITTED = "not_permitted"
    ROUTE1_INDUSTRY = "route1_industry"
    DEFERRED_BELOW_70 = "deferred_below_70"
    ROUTE3_SELF_FUNDED = "route3_self_funded"
    ROUTE2_GOV_THEN_DRC = "route2_gov_then_drc"


class OutcomeKind(_Identifier):
    """Kinds of outcome (RULES.md §1.6)."""

    VIOLATION = "violation"
    """An R guard or M condition failed (or an S rule: out of scope)."""
    DEFAULT_BREACH = "default_breach"
    """A 原则上 default was not met and no recorded exception covered it."""
    WARNING = "warning"
    """A soft check named by RULES.md §1.6."""
    FINDING = "finding"
    """An act after its due date, a record-mode violation, or a post-hoc rejection."""


class Mode(_Identifier):
    """Command modes (RULES.md §1.6)."""

    ENFORCE = "enforce"
    """Any violation rejects the command (default)."""
    RECORD = "record"
    """Facts already on the ground: violations are stored as findings."""
