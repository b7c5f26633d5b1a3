"""The settings each process declares (its ``process.py``): the numbers the league's own
documents fix, and how long each step may take.

A committee's rulebook may override any of them; a key no process declares cannot be overridden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Kind(StrEnum):
    INT = "int"
    BOOL = "bool"
    FRACTION = "fraction"
    CHOICE = "choice"


@dataclass(frozen=True)
class Setting:
    label: str
    default: int | bool | str
    kind: Kind
    source: str
    minimum: int = 0
    choices: tuple[tuple[str, str], ...] = ()


SRC_SYSTEM = "本系统默认"

# Filled when each process app declares itself, in the order of INSTALLED_APPS.
DEFAULTS: dict[str, dict[str, Setting]] = {}
# Each step's own settings, derived from the steps a process declares: how many working days
# it may take, and how several assignees sign it (会签, 或签, k of n).
DEADLINES: dict[str, dict[str, Setting]] = {}
PROCESS_LABELS: dict[str, str] = {}
# Pairs (lower, upper) that must stay ordered once a level's overrides are merged in.
ORDERED_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {}
# Same key, same meaning in every process, so one flat table serves the admin and messages.
LABELS: dict[str, str] = {}
PROCESS_CHOICES: list[tuple[str, str]] = []


def process_choices() -> list[tuple[str, str]]:
    """The rulebook model's choices, read when asked: processes declare themselves after
    the model is defined."""
    return PROCESS_CHOICES


def rulebook_declare(
    *,
    process: str,
    label: str,
    settings: dict[str, Setting],
    deadlines: dict[str, Setting],
    ordered_pairs: tuple[tuple[str, str], ...] = (),
) -> None:
    DEFAULTS[process] = settings
    DEADLINES[process] = deadlines
    PROCESS_LABELS[process] = label
    ORDERED_PAIRS[process] = ordered_pairs
    LABELS.update({key: s.label for key, s in {**settings, **deadlines}.items()})
    PROCESS_CHOICES[:] = list(PROCESS_LABELS.items())


def int_setting(label: str, default: int, source: str, minimum: int = 0) -> Setting:
    return Setting(label, default, Kind.INT, source, minimum=minimum)


def fraction_setting(label: str, default: str, source: str) -> Setting:
    return Setting(label, default, Kind.FRACTION, source)


def flag_setting(label: str, default: bool, source: str) -> Setting:
    return Setting(label, default, Kind.BOOL, source)


def working_days_setting(label: str, default: int) -> Setting:
    return int_setting(label, default, SRC_SYSTEM, minimum=1)


_FRACTION_RE = re.compile(r"^(\d+)/([1-9]\d*)$")


def fraction_parse(value: str) -> Fraction:
    """``"4/5"`` → ``Fraction(4, 5)``; only the plain ``a/b`` form the documents use."""
    match = _FRACTION_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"“{value}”不是“a/b”形式的分数")
    return Fraction(int(match[1]), int(match[2]))


def defaults_for(process: str) -> dict[str, int | bool | str]:
    """The process's rule defaults (without the step deadlines)."""
    if process not in DEFAULTS:
        raise KeyError(f"未知的流程“{process}”")
    return {key: setting.default for key, setting in DEFAULTS[process].items()}


def settings_for(process: str) -> dict[str, Setting]:
    """Every setting a rulebook of ``process`` may hold: its rules and its step deadlines."""
    if process not in DEFAULTS:
        raise KeyError(f"未知的流程“{process}”")
    return {**DEFAULTS[process], **DEADLINES[process]}


def setting_label(key: str) -> str:
    return LABELS.get(key, key)
