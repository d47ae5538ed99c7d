"""The native module of wanzheng (pyo3). Import from ``wanzheng``, not from here."""

import datetime
import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Generic, Literal, Protocol, TypeVar, final, overload

from typing_extensions import Self, TypeAlias

__all__ = [
    "ArrowResult",
    "Command",
    "Diagram",
    "DigitalProject",
    "Explanation",
    "Finding",
    "InputError",
    "InternalError",
    "InvestmentProject",
    "Obligation",
    "Outcome",
    "Permitted",
    "PermittedEvent",
    "ROUTE_FLAGS",
    "Reason",
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
    "approval_route_arrow",
    "approval_route_batch",
    "calendar_years",
    "catalogue",
    "decide",
    "decide_arrow",
    "decide_batch",
    "explain",
    "functions",
    "is_official",
    "is_working_day",
    "load_calendar",
    "load_ruleset",
    "read_logs",
    "report_html",
    "reset_calendar",
    "reset_rulesets",
    "rulesets",
]

__version__: Final[str]
SCHEMA_VERSION: Final[int]
ROUTE_FLAGS: Final[tuple[str, ...]]

_Amount: TypeAlias = Decimal | str
"""An amount in yuan: ``Decimal`` or an exact string such as ``'10000000.00'``. A ``float`` is
refused with a ``TypeError``; an ``int`` is refused like a JSON number (``InputError``)."""
_DateLike: TypeAlias = datetime.date | str
"""A ``datetime.date`` (not a ``datetime``) or an ISO ``'YYYY-MM-DD'`` string."""
_ConfigArg: TypeAlias = Mapping[str, Any] | str | None
"""The configuration of RULES.md §7 as a mapping or JSON text; ``None`` for the defaults."""
_CommandArg: TypeAlias = Command | Mapping[str, Any] | str
"""A command (RULES.md §1.7 without ``seq`` and hashes): a ``Command``, a mapping or JSON text."""

class _ReadsText(Protocol):
    """A file-like path: ``pathlib.Path`` or an ``importlib.resources`` traversable."""

    def read_text(self, encoding: str = ...) -> str: ...

# --- exceptions ----------------------------------------------------------------------------

class WanzhengError(Exception):
    """Base class of every error raised by wanzheng.

    ``details`` holds the whole error record (kind, message and the kind's fields)."""

    details: dict[str, Any]

class InputError(WanzhengError, ValueError):
    """Malformed input: schema, unknown field or value, amount grammar, date, calendar range,
    future ``schema_version`` … (RULES.md §1.6). Also a ``ValueError``."""

    path: str
    """The offending field, e.g. ``facts.total`` (``''`` for the whole input)."""
    reason: str
    """Machine-readable reason: ``malformed_json``, ``unknown_field``, ``amount``, ``date`` …"""

class TransitionError(WanzhengError):
    """The event is not valid in the stream's current state (RULES.md §1.6)."""

    machine: str
    state: str
    event: str
    detail: str

class RuleViolation(WanzhengError):
    """The regulation refuses the act (RULES.md §1.6): an R guard failed in enforce mode, or a
    scope rule in either mode. Carries every outcome of the attempt, in order."""

    rule_id: str
    """The refusing rule, e.g. ``'INV-35.3'``."""
    article: str
    """Its article, e.g. ``'第三十五条'``."""
    citation: str
    """E.g. ``'宛政〔2023〕7号 第三十五条'``."""
    message_zh: str
    message_en: str
    event: str
    rules: list[str]
    """Every rule checked, in order."""
    outcomes: list[dict[str, Any]]
    """Every outcome of the attempt: kind, rule, detail, article, message_zh, message_en."""

class InternalError(WanzhengError):
    """A bug in wanzheng (a result that should be impossible). Please report it with the input."""

# --- commands ------------------------------------------------------------------------------

@final
class Command:
    """A command: an event with its envelope (``stream``, ``actor``, ``date``, ``mode``,
    ``facts``, …), parsed and checked once. Build it from a mapping or JSON text that has its
    ``stream``, or with ``InvestmentProject.command(…)``, which fills the project's stream and
    code. Applying a ``Command`` skips the conversion and the parse."""

    def __new__(cls, command: Mapping[str, Any] | str) -> Self: ...
    @property
    def event(self) -> str:
        """The event name."""
    @property
    def machine(self) -> str:
        """The stream's machine (``inv``, ``change``, ``dig``, …)."""
    @property
    def actor(self) -> str:
        """The acting actor id."""
    @property
    def date(self) -> datetime.date:
        """The date."""
    @property
    def mode(self) -> str:
        """``enforce`` or ``record``."""
    def to_dict(self) -> dict[str, Any]:
        """The command as a dict (the shape ``Command(…)`` reads)."""
    def to_json(self) -> str:
        """The command as JSON text."""
    @staticmethod
    def from_json(text: str) -> Command:
        """Parses a command from JSON text."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

# --- values --------------------------------------------------------------------------------

@final
class Outcome:
    """One outcome of a judgment: ``{kind, rule, detail}`` (RULES.md §1.6)."""

    def __new__(cls, kind: str, rule_id: str, detail: str = "") -> Self: ...
    @property
    def kind(self) -> str:
        """``violation``, ``default_breach``, ``warning`` or ``finding``."""
    @property
    def rule_id(self) -> str:
        """The rule ID, e.g. ``INV-35.3``."""
    @property
    def detail(self) -> str:
        """The snake_case sub-reason, or ``''``."""
    @property
    def article(self) -> str:
        """The article, e.g. ``第三十五条``."""
    @property
    def citation(self) -> str:
        """The citation, e.g. ``宛政〔2023〕7号 第三十五条``."""
    @property
    def message_zh(self) -> str:
        """The Chinese message, citing the article."""
    @property
    def message_en(self) -> str:
        """The English message, citing the rule."""
    def to_dict(self) -> dict[str, str]:
        """The outcome as a dict."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Outcome], tuple[str, str, str]]: ...
    def _repr_html_(self) -> str: ...

@final
class Transition:
    """The result of ``apply``: accepted (appended to the log, with its ``seq``, ``from_state`` →
    ``to_state``, the rule trace and the outcomes) or rejected (``accepted`` is false, ``error``
    says why, nothing changed)."""

    @property
    def accepted(self) -> bool:
        """Whether the command was accepted (and appended to the log)."""
    @property
    def seq(self) -> int | None:
        """The log sequence number of an accepted command; ``None`` when rejected."""
    @property
    def machine(self) -> str:
        """The stream's machine (``inv``, ``change``, ``dig``, …)."""
    @property
    def event(self) -> str:
        """The event name."""
    @property
    def from_state(self) -> str:
        """The state before."""
    @property
    def to_state(self) -> str:
        """The state after (equal to ``from_state`` for fact events and rejections)."""
    @property
    def rules(self) -> list[str]:
        """Every rule ID checked, in order (the trace)."""
    @property
    def outcomes(self) -> list[Outcome]:
        """The outcomes, in the order of the checks."""
    @property
    def exceptions_used(self) -> list[int]:
        """Seqs of the recorded exceptions this command consumed."""
    @property
    def ruleset(self) -> str | None:
        """The version of the rule parameters that judged an accepted command; ``None`` when
        rejected."""
    @property
    def rule_id(self) -> str | None:
        """The deciding rule: the refusing rule of a rejection, else the first outcome's rule."""
    @property
    def article(self) -> str | None:
        """The deciding rule's article, e.g. ``第八条``."""
    @property
    def message_zh(self) -> str | None:
        """The Chinese message of the deciding outcome."""
    @property
    def message_en(self) -> str | None:
        """The English message of the deciding outcome, or of the transition error."""
    @property
    def error(self) -> RuleViolation | TransitionError | None:
        """The exception of a rejection, or ``None``."""
    def raise_for_rejection(self) -> Self:
        """Raises the exception of a rejection; returns ``self`` when accepted."""
    def to_dict(self) -> dict[str, Any]:
        """A flat dict for tables."""
    def to_json(self) -> str:
        """The transition as JSON text (what pickling stores)."""
    @staticmethod
    def from_json(text: str) -> Transition:
        """Rebuilds a transition from ``to_json`` output."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def _repr_html_(self) -> str: ...

@final
class Finding:
    """One compliance finding (RULES.md §5)."""

    @property
    def code(self) -> str:
        """``F-<rule id>``."""
    @property
    def rule_id(self) -> str:
        """The rule ID."""
    @property
    def kind(self) -> str:
        """``finding`` or ``default_breach``."""
    @property
    def detail(self) -> str:
        """The snake_case sub-reason, or ``''``."""
    @property
    def seqs(self) -> list[int]:
        """The log entries it rests on."""
    @property
    def date(self) -> datetime.date:
        """The date of the act, or of the due date passed."""
    @property
    def source(self) -> str:
        """``stored``, ``overdue``, ``detected`` or ``manual``."""
    @property
    def article(self) -> str:
        """The article, e.g. ``第五十七条``."""
    @property
    def message_zh(self) -> str:
        """Chinese message citing the article."""
    @property
    def message_en(self) -> str:
        """English message citing the rule."""
    @property
    def reference(self) -> str:
        """The citation ``F-<rule id>#<seq>``."""
    def to_dict(self) -> dict[str, Any]:
        """The finding as a dict."""
    def to_json(self) -> str:
        """The finding as JSON text."""
    @staticmethod
    def from_json(text: str) -> Finding:
        """Rebuilds a finding from ``to_json`` output."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def _repr_html_(self) -> str: ...

@final
class Obligation:
    """An open duty with a due date (RULES.md §1.7), as of some date."""

    @property
    def opened_seq(self) -> int:
        """The seq of the entry that opened it."""
    @property
    def rule_id(self) -> str:
        """The rule that sets the deadline."""
    @property
    def duty(self) -> str:
        """The duty, e.g. ``post_hoc_change_filing``."""
    @property
    def subject(self) -> str:
        """What it concerns (a change id, …), or ``''`` for the project."""
    @property
    def opened(self) -> datetime.date:
        """The triggering date."""
    @property
    def due(self) -> datetime.date:
        """The last day on time (inclusive)."""
    @property
    def overdue(self) -> bool:
        """Whether the as-of date is after the due date."""
    @property
    def provisional(self) -> bool:
        """Whether ``due`` counted a working day of a year without a loaded State Council
        notice (statutory holidays only; it may move when ``load_calendar`` loads the notice)."""
    @property
    def article(self) -> str:
        """The article of the rule."""
    def to_dict(self) -> dict[str, Any]:
        """The obligation as a dict."""
    def to_json(self) -> str:
        """The obligation as JSON text."""
    @staticmethod
    def from_json(text: str) -> Obligation:
        """Rebuilds an obligation from ``to_json`` output."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Explanation:
    """A rule of the catalogue, explained: regulation, article, kind, phrase, summary, and the
    article's own words (``article_text``)."""

    def __new__(cls, rule_id: str) -> Self: ...
    @property
    def rule_id(self) -> str:
        """The rule ID."""
    @property
    def regulation(self) -> str:
        """The regulation's document number, e.g. ``宛政〔2023〕7号``."""
    @property
    def title(self) -> str:
        """The regulation's Chinese title."""
    @property
    def article(self) -> str:
        """The article, e.g. ``第四十八条``."""
    @property
    def article_number(self) -> int:
        """The article number."""
    @property
    def kind(self) -> str:
        """The kind code: ``R``, ``D``, ``D/R``, ``I/S``, ``M``, ``S``, ``C`` or ``I``."""
    @property
    def phrase(self) -> str:
        """The Chinese phrase the rule rests on."""
    @property
    def summary(self) -> str:
        """The English summary."""
    @property
    def citation_zh(self) -> str:
        """Chinese citation."""
    @property
    def citation_en(self) -> str:
        """English citation."""
    @property
    def article_text(self) -> str:
        """The whole article (第X条) in the regulation's published words."""
    def to_dict(self) -> dict[str, Any]:
        """The explanation as a dict."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Explanation], tuple[str]]: ...
    def _repr_markdown_(self) -> str: ...

# --- machines ------------------------------------------------------------------------------

_P = TypeVar("_P", "InvestmentProject", "DigitalProject")

class _Project(Generic[_P]):
    """What ``InvestmentProject`` and ``DigitalProject`` share: the runtime stamps both classes
    out of one definition (src/project.rs), so they have the same methods (stub only: not a
    runtime class)."""

    def __new__(
        cls,
        *,
        date: _DateLike,
        actor: str | None = None,
        actor_org: str | None = None,
        config: _ConfigArg = None,
        record: bool = False,
        doc_refs: Sequence[Mapping[str, Any]] | None = None,
        **facts: Any,
    ) -> Self:
        """Registers a project from its facts: ``register_project`` (RULES.md §3.1.6) for an
        ``InvestmentProject``, ``register_dig_project`` (RULES.md §3.2.4) for a ``DigitalProject``.

        ``date``, ``actor`` (default ``project_unit``, ``demand_unit`` for a digital project),
        ``actor_org``, ``config``, ``record`` (record mode) and ``doc_refs`` form the envelope;
        every other keyword is a fact of the registration: ``project_id``, ``project_code``,
        ``name``, then for an investment project ``sector``, ``nature``, ``mode`` (the funding
        mode), ``total``, ``unit_kind``, ``industry_authority_org``, ``level``, ``route_flags`` …,
        for a digital project ``demand_unit_org``, ``funding``, ``level``, ``county``,
        ``basic_supporting``, ``construction_start``, ``funds_in_place``, ``classified`` …

        Raises ``RuleViolation`` when the registration is refused and ``InputError`` on
        malformed or unknown facts."""
    @staticmethod
    def empty(*, config: _ConfigArg = None) -> _P:
        """A project with no stream yet, to apply its registration (``register_project`` or
        ``import_legacy``; ``register_dig_project``) to."""
    def command(self, command: _CommandArg, /) -> Command:
        """A ``Command`` for this project (``stream`` and ``project_code`` filled as ``apply``
        fills them), parsed and checked once, to apply later to this project or its copies."""
    def apply(self, command: _CommandArg, /, *, strict: bool = False) -> Transition:
        """Applies one command. ``stream`` and ``project_code`` default to the project's.

        A refusal comes back as a rejected transition (nothing changed) unless ``strict``,
        which raises ``RuleViolation`` / ``TransitionError``. Malformed input always raises
        ``InputError``."""
    def what_if(self, command: _CommandArg, /, *, strict: bool = False) -> Transition:
        """Dry run (issue 13): the transition ``apply(command, strict=strict)`` would return —
        accepted, or rejected with every outcome (raised with ``strict``) — with nothing changed
        (the log is not copied)."""
    def permitted_events(self, as_of: _DateLike | None = None, actor: str | None = None) -> Permitted:
        """What may happen next (issue 13): for each stream of the project every event of the
        machine's table, with its actors, whether it is allowed as of ``as_of`` (default:
        today) for ``actor`` (default: any), the blocking reasons (rule, article, zh/en) and
        the obligations an allowed event would discharge."""
    def apply_all(self, commands: Iterable[_CommandArg], /, *, strict: bool = False) -> list[Transition]:
        """Applies commands in order, without the GIL; one transition per command. With
        ``strict``, stops at the first refusal and raises it."""
    @property
    def project_id(self) -> str:
        """The project id (``''`` before registration)."""
    @property
    def state(self) -> str | None:
        """The lifecycle state (RULES.md §3.1.2), or ``None`` before registration."""
    @property
    def history(self) -> list[dict[str, Any]]:
        """The log entries (RULES.md §1.7) as dicts, oldest first."""
    @property
    def config(self) -> dict[str, Any]:
        """The configuration (RULES.md §7)."""
    def checkpoint(self, *, hmac_key: bytes | None = None, signing_key: bytes | None = None) -> dict[str, Any]:
        """The log's checkpoint ``{"len", "head"}`` with an ``"hmac"`` (HMAC-SHA-256 under
        ``hmac_key``) and/or ``"ed25519"`` signature (32-byte ``signing_key``) over them, for
        ``replay(…, checkpoints=[…])`` (INV-57)."""
    def export_log(self) -> str:
        """The log as JSON text; ``replay`` reads it back."""
    def state_json(self) -> dict[str, Any]:
        """The state and ledger (``state_json`` of RULES.md §8)."""
    def obligations(self, as_of: _DateLike | None = None) -> list[Obligation]:
        """Open obligations as of ``as_of`` (default: today), overdue ones marked."""
    def audit(self, as_of: _DateLike | None = None) -> list[Finding]:
        """Compliance findings as of ``as_of`` (default: today) (RULES.md §5)."""
    def findings(self, as_of: _DateLike | None = None) -> list[Finding]:
        """Same as ``audit`` (the RULES.md §8 name)."""
    @overload
    @staticmethod
    def replay(
        log: str | Sequence[Mapping[str, Any]] | Mapping[str, Any],
        /,
        *,
        config: _ConfigArg = None,
        report: Literal[False] = False,
        expected_len: int | None = None,
        expected_head: str | None = None,
        checkpoints: Sequence[Mapping[str, Any]] | None = None,
        hmac_key: bytes | None = None,
        public_key: bytes | None = None,
    ) -> _P: ...
    @overload
    @staticmethod
    def replay(
        log: str | Sequence[Mapping[str, Any]] | Mapping[str, Any],
        /,
        *,
        config: _ConfigArg = None,
        report: Literal[True],
        expected_len: int | None = None,
        expected_head: str | None = None,
        checkpoints: Sequence[Mapping[str, Any]] | None = None,
        hmac_key: bytes | None = None,
        public_key: bytes | None = None,
    ) -> tuple[_P, list[dict[str, Any]]]:
        """Rebuilds a project from its log (``export_log`` text or the ``history`` list) or its
        ``to_json`` document (whose plan inputs are re-judged with): verifies the hash chain and
        re-applies every entry under ``config`` (RULES.md §1.7). An entry whose stored
        outcomes or transition re-judging does not give raises ``InputError`` (reason
        ``replay_difference``); with ``report=True`` they are returned instead:
        ``{"seq", "stored", "rejudged"}`` for each (empty for an untouched log).
        ``expected_len``/``expected_head``: what the approval system recorded (``head_mismatch``);
        ``checkpoints`` (from ``checkpoint()``) verified with ``hmac_key`` and/or the Ed25519
        ``public_key`` (``anchor_mismatch``). See the README's threat model (INV-57)."""
    def to_json(self) -> str:
        """The project as JSON text (configuration and log)."""
    @staticmethod
    def from_json(text: str) -> _P:
        """Rebuilds a project from ``to_json`` output."""
    def mermaid(self) -> str:
        """A Mermaid ``stateDiagram-v2`` of the lifecycle, current state highlighted."""
    def diagram(self) -> Diagram:
        """The state diagram as a notebook object (Markdown with a Mermaid block)."""
    def path_mermaid(self) -> str:
        """The compact "path taken" as a Mermaid ``stateDiagram-v2``: the lifecycle states
        visited (each arrow numbered by its log entry), then the acts the transition table
        permits from the current state."""
    def path_diagram(self) -> Diagram:
        """The path taken as a notebook object (Markdown with a Mermaid block)."""
    def report_html(self, as_of: _DateLike | None = None) -> str:
        """The inspection report as one self-contained HTML page (no script, no network,
        prints on A4), as of ``as_of`` (default: the date of the last event)."""
    def __len__(self) -> int:
        """The number of log entries."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def __copy__(self) -> _P: ...
    def __deepcopy__(self, memo: Any, /) -> _P: ...
    def _repr_html_(self) -> str: ...
    def _repr_markdown_(self) -> str: ...

@final
class InvestmentProject(_Project["InvestmentProject"]):
    """A government investment project under 宛政〔2023〕7号 (rule IDs ``INV-*``): its lifecycle
    with the change, adjustment and accountability sub-machines, and one hash-chained log."""

    @property
    def total(self) -> Decimal | None:
        """The registered total investment."""

@final
class DigitalProject(_Project["DigitalProject"]):
    """A digital-government project under 宛政办〔2023〕12号 (rule IDs ``DIG-*``): its lifecycle,
    with the INV parts of a budget-funded project (AMB-25) on the same hash-chained log."""

    @property
    def total(self) -> Decimal | None:
        """Always ``None``: a digital project registers no total."""

@final
class Diagram:
    """A state diagram: Mermaid text that notebooks render (JupyterLab renders Mermaid in
    Markdown output)."""

    def __new__(cls, mermaid: str) -> Self: ...
    @property
    def mermaid(self) -> str:
        """The Mermaid source."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Diagram], tuple[str]]: ...
    def _repr_markdown_(self) -> str: ...

@final
class Workspace:
    """Projects and plan years of one approval system: every command names its ``stream``
    (RULES.md §1.7) and goes to that project or plan year; project machines read the plans."""

    def __new__(cls, *, config: _ConfigArg = None) -> Self: ...
    def apply(self, command: _CommandArg, /, *, strict: bool = False) -> Transition:
        """Applies one command (with its ``stream``); a refusal comes back as a rejected
        transition unless ``strict``. Malformed input raises ``InputError``."""
    def what_if(self, command: _CommandArg, /, *, strict: bool = False) -> Transition:
        """Dry run (issue 13): the transition ``apply(command, strict=strict)`` would return,
        with nothing changed on any stream (the logs are not copied)."""
    def permitted_events(self, as_of: _DateLike | None = None, actor: str | None = None) -> Permitted:
        """What may happen next on every stream (issue 13): investment projects by id (with
        their change, adjustment and accountability streams), plan years, digital projects by
        id, DIG cycles by year — as of ``as_of`` (default: today), for ``actor`` (default: any)."""
    def apply_all(self, commands: Iterable[_CommandArg], /, *, strict: bool = False) -> list[Transition]:
        """Applies commands in order, without the GIL."""
    @property
    def projects(self) -> dict[str, InvestmentProject | DigitalProject]:
        """The investment and digital projects, by id (copies)."""
    def states(self) -> dict[str, str | None]:
        """The state of every stream, by ``machine/instance``."""
    def report(self, as_of: _DateLike | None = None) -> list[dict[str, Any]]:
        """Findings and open obligations of every stream as of ``as_of`` (default: today): one
        dict per stream with ``stream``, ``state``, ``obligations`` and ``findings``."""
    def report_html(self, as_of: _DateLike | None = None) -> str:
        """The inspection report of every project, plan year and DIG cycle as one
        self-contained HTML page, as of ``as_of`` (default: the latest event date). A workspace
        keeps no refused command; ``report_html(file)`` reports a file with its rejections."""
    def states_frame(self) -> Any:
        """One row per stream (a ``pyarrow.Table``; columns: README "Portfolio frames")."""
    def events_frame(self) -> Any:
        """One row per log entry (a ``pyarrow.Table``)."""
    def findings_frame(self, as_of: _DateLike | Mapping[str, _DateLike] | None = None) -> Any:
        """One row per finding, each stream as of its own last event unless ``as_of`` says."""
    def obligations_frame(self, as_of: _DateLike | Mapping[str, _DateLike] | None = None) -> Any:
        """One row per obligation, each stream as of its own last event unless ``as_of`` says."""
    def payments_frame(self) -> Any:
        """One row per payment request (amounts decimal128(20, 2))."""
    def _states_frame(self) -> ArrowResult: ...
    def _events_frame(self) -> ArrowResult: ...
    def _findings_frame(self, as_of: Any = None) -> ArrowResult: ...
    def _obligations_frame(self, as_of: Any = None) -> ArrowResult: ...
    def _payments_frame(self) -> ArrowResult: ...
    def _repr_html_(self) -> str: ...

# --- approval screens (issue 13) -------------------------------------------------------------

@final
class Reason:
    """Why an act is blocked, or what it would carry although accepted: a transition refusal
    (``kind == 'transition'``, no rule) or a rule's outcome with its article and messages."""

    @property
    def kind(self) -> str:
        """``transition``, ``violation``, ``default_breach``, ``warning`` or ``finding``."""
    @property
    def rule_id(self) -> str | None:
        """The rule ID (``None`` for a transition refusal)."""
    @property
    def detail(self) -> str:
        """The snake_case detail (``wrong_actor``, ``terminal``, …) or ``''``."""
    @property
    def article(self) -> str | None:
        """The article (``宛政〔2023〕7号 第八条``), ``None`` for a transition refusal."""
    @property
    def message_zh(self) -> str:
        """The Chinese message."""
    @property
    def message_en(self) -> str:
        """The English message."""
    def to_dict(self) -> dict[str, Any]:
        """The reason as a dict (the keys of the JSON form: ``rule``, not ``rule_id``)."""
    def to_json(self) -> str:
        """The reason as JSON text."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class PermittedEvent:
    """One row of a stream's transition table, judged for the screen."""

    @property
    def event(self) -> str:
        """The event's wire name."""
    @property
    def actors(self) -> list[str]:
        """The actors who may perform it."""
    @property
    def to(self) -> list[str]:
        """The states it leads to from the current one (empty: the state is kept)."""
    @property
    def allowed(self) -> bool:
        """Whether it is permitted now (for the actor asked for, when one was given)."""
    @property
    def blockers(self) -> list[Reason]:
        """Why not, in trace order (empty when allowed)."""
    @property
    def cautions(self) -> list[Reason]:
        """Default breaches, warnings and findings it would carry although accepted."""
    @property
    def discharges(self) -> list[Obligation]:
        """The open obligations it would discharge (allowed events only)."""
    @property
    def lot_gates(self) -> list[dict[str, Any]]:
        """For the gated acts of RULES.md §3.3: per lot class, whether the stage gates hold."""
    def to_dict(self) -> dict[str, Any]:
        """The row as a dict (the JSON form)."""
    def to_json(self) -> str:
        """The row as JSON text."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class StreamPermits:
    """The table of one stream: machine, project, instance (``None``: a new instance of a
    sub-machine), state, and every event of the machine's table in table order."""

    @property
    def machine(self) -> str:
        """The machine (``inv``, ``change``, ``adjustment``, ``accountability``, ``plan``,
        ``dig``, ``dig_cycle``)."""
    @property
    def project_id(self) -> str | None:
        """The project (``None`` for plan and cycle streams)."""
    @property
    def instance(self) -> str | None:
        """The instance (``None``: a new instance of a sub-machine)."""
    @property
    def state(self) -> str:
        """The current state (``'none'`` before the first event; the DIG project's state for
        its INV parts)."""
    @property
    def parts_of(self) -> str | None:
        """``'dig'`` for the INV parts of a budget-funded DIG project (AMB-25), else ``None``."""
    @property
    def events(self) -> list[PermittedEvent]:
        """Every row of the table, in table order."""
    def allowed(self) -> list[PermittedEvent]:
        """The events allowed now, in table order."""
    def event(self, event: str) -> PermittedEvent | None:
        """The row of ``event``, or ``None``."""
    def to_dict(self) -> dict[str, Any]:
        """The stream as a dict (the JSON form)."""
    def to_json(self) -> str:
        """The stream as JSON text."""
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Permitted:
    """What an approval screen shows (issue 13): every stream's table as of a date, for an
    actor or for any. ``to_json()`` is the core's JSON, identical on every surface."""

    @property
    def as_of(self) -> datetime.date:
        """The date the acts would carry."""
    @property
    def actor(self) -> str | None:
        """The actor asked for (``None``: any actor)."""
    @property
    def streams(self) -> list[StreamPermits]:
        """The streams, in a fixed order (a project's own stream first)."""
    def stream(
        self, machine: str, instance: str | None = None, project_id: str | None = None
    ) -> StreamPermits | None:
        """The stream of ``machine`` and ``instance`` (``None``: the new-instance table of a
        sub-machine); ``project_id`` chooses among a workspace's projects."""
    def is_allowed(
        self, machine: str, event: str, instance: str | None = None, project_id: str | None = None
    ) -> bool:
        """Whether ``event`` may be performed on that stream."""
    def allowed(self) -> list[tuple[StreamPermits, PermittedEvent]]:
        """The events allowed now on every stream, in screen order."""
    def to_dict(self) -> dict[str, Any]:
        """The screen as a dict (the parsed JSON form)."""
    def to_json(self) -> str:
        """The screen as JSON text (the core's, identical to Rust, C, Java and the CLI)."""
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def _repr_html_(self) -> str: ...

# --- decision functions ----------------------------------------------------------------------

@final
class RouteDecision:
    """The result of ``approval_route`` (RULES.md §4.1)."""

    @property
    def ruleset(self) -> str:
        """The version of the rule parameters whose bands decided (``2023`` as issued)."""
    @property
    def route(self) -> str:
        """``standard``, ``direct_fsr``, ``simplified_fsr_only``, ``emergency_merged``,
        ``external`` or ``county_rules`` (see ``wanzheng.Route``)."""
    @property
    def documents(self) -> list[tuple[str, str]]:
        """The documents the route approves, ``(document, approver)``, in approval order."""
    @property
    def merged_batch(self) -> bool:
        """One merged FSR for the batch (INV-15.2)."""
    @property
    def permitted_alternatives(self) -> list[str]:
        """The routes the project unit may choose (``select_route``), simplest first."""
    @property
    def art14_eligible(self) -> bool:
        """An INV-14 category holds."""
    @property
    def rules(self) -> list[str]:
        """The rule trace."""
    @property
    def outcomes(self) -> list[Outcome]:
        """The outcomes (a route is a selection, never a breach: empty)."""
    def permits(self, route: str) -> bool:
        """Whether ``route`` is one of the permitted alternatives."""
    def to_dict(self) -> dict[str, Any]:
        """The decision as a dict (the core's JSON shape)."""
    def to_json(self) -> str:
        """The decision as JSON text."""
    @staticmethod
    def from_json(text: str) -> RouteDecision:
        """Rebuilds a decision from ``to_json`` output."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def _repr_html_(self) -> str: ...

def approval_route(
    total: _Amount,
    *,
    level: str | None = None,
    special_authority: bool = False,
    seeks_central_provincial_funds: bool = False,
    emergency_recognized: bool = False,
    urgent_sudden_event: bool = False,
    in_plan: bool = False,
    agreed: bool = False,
    partial_rebuild_or_expansion: bool = False,
    single_content_simple_tech: bool = False,
    small_scale: bool = False,
    dispersed_similar: bool = False,
    sector: str | None = None,
    config: _ConfigArg = None,
    as_of: datetime.date | str | None = None,
) -> RouteDecision:
    """RULES.md §4.1: the approval route of a project (INV-13.1–13.4, 14.1–14.4, 15.1–15.5,
    16.1). ``total`` is an amount (``Decimal`` or exact ``str``; a ``float`` raises
    ``TypeError``, an ``int`` ``InputError``); ``level`` is ``municipal`` (default) or
    ``county``; ``sector`` selects the design approver (RULES.md §7)."""

def approval_route_batch(
    total: Sequence[_Amount],
    *,
    level: str | Sequence[str] | None = None,
    special_authority: bool | Sequence[bool] | None = None,
    seeks_central_provincial_funds: bool | Sequence[bool] | None = None,
    emergency_recognized: bool | Sequence[bool] | None = None,
    urgent_sudden_event: bool | Sequence[bool] | None = None,
    in_plan: bool | Sequence[bool] | None = None,
    agreed: bool | Sequence[bool] | None = None,
    partial_rebuild_or_expansion: bool | Sequence[bool] | None = None,
    single_content_simple_tech: bool | Sequence[bool] | None = None,
    small_scale: bool | Sequence[bool] | None = None,
    dispersed_similar: bool | Sequence[bool] | None = None,
    sector: str | None = None,
    config: _ConfigArg = None,
    as_of: datetime.date | str | None = None,
) -> list[str]:
    """``approval_route`` over many projects, the core work without the GIL: ``total`` is a
    sequence of amounts; ``level`` and each flag are one value for all or a sequence of the same
    length (a ``str`` or ``bytes`` column is a ``TypeError``). Returns the routes in order
    (shared ``str`` objects). Signals are checked between rounds of 8,192 items."""

def decide(
    function: str,
    request: Mapping[str, Any] | str | None = None,
    /,
    *,
    config: _ConfigArg = None,
    raw: bool = False,
    **kwargs: Any,
) -> dict[str, Any]:
    """Evaluates the RULES.md §4 decision function ``function`` on a request (a mapping or JSON
    text) and/or keyword arguments. Returns the result (``rules``, ``outcomes`` and the
    function's fields) with amounts as ``Decimal`` and dates as ``datetime.date``; with
    ``raw=True`` exactly the core's JSON types."""

def decide_batch(
    function: str,
    requests: Iterable[Mapping[str, Any] | str],
    /,
    *,
    config: _ConfigArg = None,
    raw: bool = False,
    errors: Literal["raise", "return"] = "raise",
) -> list[Any]:
    """``decide`` over many requests, in rounds of 256: converted with the GIL, decided without
    it, signals checked after each (Ctrl-C raises ``KeyboardInterrupt``). ``errors="return"``
    puts each failing request's exception in its place instead of raising. ``requests`` as a
    ``str``, ``bytes`` or mapping is a ``TypeError``."""

def functions() -> list[tuple[str, str]]:
    """The decision functions available: ``(name, section)`` in RULES.md §4 order."""

def explain(rule_id: str) -> Explanation:
    """Explains a rule ID such as ``'INV-48.3'``; ``InputError`` for an unknown ID."""

def catalogue() -> list[Explanation]:
    """Every rule of the catalogue, in catalogue order."""

def report_html(
    file: Mapping[str, Any] | str | os.PathLike[str] | _ReadsText, /, *, as_of: _DateLike | None = None
) -> str:
    """The inspection report of a project file (what ``wanzheng report FILE --html OUT``
    writes) as one self-contained HTML page: every command applied in order, the rejected ones
    with their articles. ``file`` is a mapping, JSON text (starting with ``{``), a path, or an
    object with ``read_text()`` (``pathlib.Path``, a package resource); ``as_of`` defaults to
    the file's ``as_of``, else its last date."""
def load_calendar(notice: str | os.PathLike[str] | Mapping[str, Any]) -> list[int]:
    """Loads a State Council holiday notice (JSON text, a mapping, or a path to a JSON file)
    over the process's calendar: its years become official, for every context built from then
    on (decisions, new projects, ``replay``). Returns the official years. ``InputError`` for a
    malformed notice or one that takes a statutory holiday away (naming the day)."""

def reset_calendar() -> None:
    """Restores the embedded calendar (the 2023–2026 notices shipped with the library)."""

def load_ruleset(amendment: str | os.PathLike[str] | Mapping[str, Any]) -> list[str]:
    """Loads an amendment of the dated rule parameters (JSON text, a mapping, or a path:
    ``version``, ``effective_from``, ``source``, ``values``) over the process's rule versions:
    acts dated from ``effective_from`` are judged under it by every context built from then on.
    Returns the versions, oldest first. ``InputError`` (path ``ruleset…``) for a bad amendment."""

def reset_rulesets() -> None:
    """Restores the built-in rule version only (the law as issued)."""

def rulesets() -> list[dict[str, Any]]:
    """The process's rule versions, oldest first (``version``, ``effective_from``, ``source``,
    ``values``)."""

def calendar_years() -> list[int]:
    """The years with a loaded notice (official), ascending; other years of 2023–2099 are
    provisional."""

def is_working_day(day: _DateLike) -> bool:
    """Whether ``day`` is a working day (provisional in a year without a notice);
    ``InputError`` outside 2023–2099."""

def is_official(day: _DateLike) -> bool:
    """Whether the year of ``day`` has a loaded State Council notice; ``InputError`` outside
    2023–2099."""

# ---- Arrow (issue 14) ------------------------------------------------------------------------

@final
class ArrowResult:
    """A result table on its way to Python: ``pyarrow.table(result)`` or
    ``polars.DataFrame(result)`` imports it through the Arrow PyCapsule protocol, no copy."""

    def __len__(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    def __arrow_c_schema__(self) -> Any: ...
    def __arrow_c_array__(self, requested_schema: Any = None) -> tuple[Any, Any]: ...
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...

def approval_route_arrow(
    table: Any,
    *,
    level: str | None = None,
    special_authority: bool | None = None,
    seeks_central_provincial_funds: bool | None = None,
    emergency_recognized: bool | None = None,
    urgent_sudden_event: bool | None = None,
    in_plan: bool | None = None,
    agreed: bool | None = None,
    partial_rebuild_or_expansion: bool | None = None,
    single_content_simple_tech: bool | None = None,
    small_scale: bool | None = None,
    dispersed_similar: bool | None = None,
    sector: str | None = None,
    config: _ConfigArg = None,
    as_of: datetime.date | str | None = None,
) -> ArrowResult:
    """``approval_route`` over an Arrow table with a ``total`` column (decimal128, scale ≤ 2,
    read as mantissas; or text) and optional flag/level columns; a flag or level given as a
    keyword is one value for every row. One column ``route``, dictionary<int8, string>."""

def decide_arrow(
    function: str,
    table: Any,
    /,
    *,
    config: _ConfigArg = None,
    errors: Literal["raise", "return"] = "raise",
) -> ArrowResult:
    """``decide`` over an Arrow table, one request per row (column ``a.b`` = field ``b`` of
    argument ``a``); the results' fields as columns."""

def read_logs(
    logs: Sequence[str | bytes | os.PathLike[str]],
    /,
    *,
    config: _ConfigArg = None,
    differences: Literal["raise", "report"] = "raise",
) -> Workspace:
    """A workspace from many project logs, read, verified and replayed in parallel."""
