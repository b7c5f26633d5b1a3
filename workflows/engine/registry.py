"""The processes the engine runs: each registers its flow, its case model and how to act on it.

Engine pages (inbox, task page, case detail) stay generic and ask the registry for the
process-specific parts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Milestone:
    label: str
    statuses: tuple[str, ...]


@dataclass(frozen=True)
class ProcessEntry:
    key: str
    label: str
    flow_class: type
    act: Callable[..., Any]
    # The step name recorded when the submitter withdraws (撤回); empty: no withdrawing.
    withdraw_step: str = ""
    objection: Callable[..., Any] | None = None
    # For a notice listing several cases: (id, name) of each one an objection may concern.
    objection_targets: Callable[[Any], list[tuple[int, str]]] | None = None
    milestones: tuple[Milestone, ...] = field(default_factory=tuple)
    summary_template: str = ""
    # Step name → (form class, template fragment) for steps that need more than an opinion.
    # The form takes ``case`` and ``task`` keywords and offers ``service_data()``.
    task_forms: dict[str, tuple[type, str]] = field(default_factory=dict)
    # Periodic job of the process (reminders the engine's task timers do not cover).
    sweep: Callable[[], int] | None = None

    @property
    def case_model(self):
        return self.flow_class.case_model


_entries: dict[str, ProcessEntry] = {}


def process_register(entry: ProcessEntry) -> None:
    _entries[entry.key] = entry


def processes() -> list[ProcessEntry]:
    return list(_entries.values())


def process_for_flow(flow_class: type) -> ProcessEntry:
    for entry in _entries.values():
        if entry.flow_class is flow_class:
            return entry
    raise LookupError(flow_class)


def process_for_model_label(label: str) -> ProcessEntry:
    for entry in _entries.values():
        if entry.case_model._meta.label_lower == label:
            return entry
    raise LookupError(label)
