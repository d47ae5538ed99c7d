"""Shared helpers of the Python suite."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import wanzheng

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures"
NOTEBOOKS = REPO / "examples" / "notebooks"

settings.register_profile(
    "wanzheng", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("wanzheng")

HOSPITAL: dict[str, Any] = {
    "project_id": "P1",
    "project_code": "2307-411300-04-01-000001",
    "name": "Hospital expansion",
    "sector": "health",
    "nature": "non_operating",
    "mode": "direct_investment",
    "total": Decimal("120000000.00"),
    "unit_kind": "admin_or_public_unit",
    "industry_authority_org": "南阳市卫生健康委员会",
}


def register(**overrides: Any) -> wanzheng.InvestmentProject:
    """A registered project (P1, 120 million, health) on 2023-07-03."""
    facts = dict(HOSPITAL)
    date = overrides.pop("date", datetime.date(2023, 7, 3))
    facts.update(overrides)
    return wanzheng.InvestmentProject(date=date, **facts)


@pytest.fixture
def project() -> wanzheng.InvestmentProject:
    return register()


def wire(v: Any) -> Any:
    """A Python result back in the core's JSON form (amounts as strings, dates ISO)."""
    if isinstance(v, Decimal):
        return f"{v:.2f}"
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: wire(x) for k, x in v.items()}
    if isinstance(v, list):
        return [wire(x) for x in v]
    return v


def subset(expected: Any, actual: Any) -> bool:
    """The fixture rule of tests/fixtures/README.md: objects match on every expected key;
    lists and scalars must be equal."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all(k in actual and subset(v, actual[k]) for k, v in expected.items())
    return bool(expected == actual)


def fixture_files(kind: str) -> list[Path]:
    return sorted((FIXTURES / kind).glob("**/*.json")) if (FIXTURES / kind).is_dir() else []


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
