"""The example projects bundled with the package (``wanzheng/examples/*.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Union

from wanzheng._wanzheng import DigitalProject, InvestmentProject, Transition

__all__ = ["Example", "load_examples"]


@dataclass(frozen=True)
class Example:
    """One bundled example: its commands applied, in order, to a fresh project.

    Refused commands stay in ``transitions`` as rejected transitions (nothing changed)."""

    name: str
    title: str
    description: str
    machine: str
    project: Union[InvestmentProject, DigitalProject]
    commands: list[dict[str, Any]] = field(repr=False)
    transitions: list[Transition] = field(repr=False)


def load_examples() -> dict[str, Example]:
    """Loads every bundled example, by name, in name order."""
    out: dict[str, Example] = {}
    folder = resources.files("wanzheng").joinpath("examples")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        doc = json.loads(entry.read_text(encoding="utf-8"))
        machine = doc.get("machine", "inv")
        cls = DigitalProject if machine == "dig" else InvestmentProject
        project = cls.empty(config=doc.get("config"))
        transitions = project.apply_all(doc["commands"])
        out[doc["name"]] = Example(
            name=doc["name"],
            title=doc["title"],
            description=doc["description"],
            machine=machine,
            project=project,
            commands=doc["commands"],
            transitions=transitions,
        )
    return out
