"""The example projects bundled with the package: the repository's ``examples/investment`` and
``examples/digital`` project files (the ones ``wanzheng check`` runs), packaged as they are."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Optional, Union

from wanzheng._wanzheng import DigitalProject, InvestmentProject, Transition, Workspace

__all__ = ["Example", "load_examples"]

_FOLDERS = {"investment": "inv", "digital": "dig"}


@dataclass(frozen=True)
class Example:
    """One bundled example project file: every command applied, in order, to a fresh
    ``Workspace`` (projects, plan years, DIG cycles, change and adjustment streams).

    Refused commands stay in ``transitions`` as rejected transitions (nothing changed).
    ``project`` is the file's investment or digital project; ``as_of`` the date its report is
    read at."""

    name: str
    title: str
    description: str
    machine: str
    as_of: Optional[datetime.date]
    workspace: Workspace = field(repr=False)
    project: Union[InvestmentProject, DigitalProject] = field(repr=False)
    commands: list[dict[str, Any]] = field(repr=False)
    transitions: list[Transition] = field(repr=False)


def load_examples() -> dict[str, Example]:
    """Loads every bundled example by name (``investment/village_road``, ``digital/…``), in
    name order."""
    out: dict[str, Example] = {}
    root = resources.files("wanzheng").joinpath("examples")
    for folder, machine in _FOLDERS.items():
        entries = sorted(root.joinpath(folder).iterdir(), key=lambda e: e.name)
        for entry in entries:
            if not entry.name.endswith(".json"):
                continue
            doc = json.loads(entry.read_text(encoding="utf-8"))
            workspace = Workspace(config=doc.get("config"))
            transitions = workspace.apply_all(doc["commands"])
            # The file's project: the stream of its first command on the project machine.
            first = next(c["stream"] for c in doc["commands"] if c["stream"]["machine"] == machine)
            as_of = doc.get("as_of")
            name = f"{folder}/{entry.name[: -len('.json')]}"
            out[name] = Example(
                name=name,
                title=doc["name"],
                description=doc["description"],
                machine=machine,
                as_of=datetime.date.fromisoformat(as_of) if as_of else None,
                workspace=workspace,
                project=workspace.projects[first["project_id"]],
                commands=doc["commands"],
                transitions=transitions,
            )
    return out
