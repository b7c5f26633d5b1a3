"""Checks a rulebook must pass before it is stored: known keys, right types, sane ranges."""

from __future__ import annotations

from typing import Any

from .defaults import DEFAULTS, LABELS, ORDERED_PAIRS, PROCESS_LABELS, Kind, Setting, fraction_parse
from .models import Rulebook
from .selectors import rulebook_effective


def setting_value_error(*, setting: Setting, value: Any) -> str | None:
    """Why ``value`` cannot stand for ``setting``, or None when it can."""
    if setting.kind == Kind.BOOL:
        return None if isinstance(value, bool) else "应为 true 或 false"
    if setting.kind == Kind.INT:
        # bool is an int subclass in Python; true would silently count as 1.
        if not isinstance(value, int) or isinstance(value, bool):
            return "应为整数"
        return None if value >= setting.minimum else f"不能小于 {setting.minimum}"
    if setting.kind == Kind.FRACTION:
        try:
            fraction_parse(value)
        except ValueError:
            return '应为“a/b”形式的分数字符串，如 "1/2"'
        return None
    allowed = dict(setting.choices)
    if value in allowed:
        return None
    return "应为以下之一：" + "、".join(f"{code}（{text}）" for code, text in setting.choices)


def settings_errors(*, process: str, settings: Any) -> list[str]:
    if process not in DEFAULTS:
        return [f"未知的流程“{process}”"]
    if not isinstance(settings, dict):
        return ['覆盖的设置应为 JSON 对象，如 {"quota_percent": 15}']
    known = DEFAULTS[process]
    errors = []
    for key, value in settings.items():
        setting = known.get(key)
        if setting is None:
            errors.append(f"“{key}”不是{PROCESS_LABELS[process]}的设置项")
            continue
        problem = setting_value_error(setting=setting, value=value)
        if problem:
            errors.append(f"{setting.label}（{key}）{problem}")
    return errors


def merged_errors(*, process: str, values: dict[str, Any]) -> list[str]:
    return [
        f"{LABELS[low]}（{values[low]}）不能大于{LABELS[high]}（{values[high]}）"
        for low, high in ORDERED_PAIRS.get(process, ())
        if values[low] > values[high]
    ]


def rulebook_errors(*, rulebook: Rulebook) -> list[str]:
    """Every reason ``rulebook`` (saved or not) cannot be stored, in one list."""
    errors = settings_errors(process=rulebook.process, settings=rulebook.settings)
    if errors:
        return errors
    return merged_errors(
        process=rulebook.process, values=rulebook_effective(rulebook=rulebook).values
    )
