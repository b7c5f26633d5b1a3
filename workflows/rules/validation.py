"""Checks a rulebook must pass before it is stored: known keys, right types, sane ranges."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from workflows.wording import list_text

from .defaults import (
    DEFAULTS,
    LABELS,
    ORDERED_PAIRS,
    PROCESS_LABELS,
    Kind,
    Setting,
    fraction_parse,
    settings_for,
)
from .models import Rulebook
from .selectors import rulebook_effective


def setting_value_error(*, setting: Setting, value: Any) -> str | None:
    """Why ``value`` cannot stand for ``setting``, or None when it can."""
    if setting.kind == Kind.BOOL:
        return None if isinstance(value, bool) else _("应为 true 或 false")
    if setting.kind == Kind.INT:
        # bool is an int subclass in Python; true would silently count as 1.
        if not isinstance(value, int) or isinstance(value, bool):
            return _("应为整数")
        if value >= setting.minimum:
            return None
        return _("不能小于 %(minimum)s") % {"minimum": setting.minimum}
    if setting.kind == Kind.FRACTION:
        try:
            fraction_parse(value)
        except ValueError:
            return _('应为“a/b”形式的分数字符串，如 "1/2"')
        return None
    allowed = dict(setting.choices)
    if value in allowed:
        return None
    choices = list_text(
        _("%(code)s（%(label)s）") % {"code": code, "label": text} for code, text in setting.choices
    )
    return _("应为以下之一：%(choices)s") % {"choices": choices}


def settings_errors(*, process: str, settings: Any) -> list[str]:
    if process not in DEFAULTS:
        return [_("未知的流程“%(process)s”") % {"process": process}]
    if not isinstance(settings, dict):
        return [_('覆盖的设置应为 JSON 对象，如 {"quota_percent": 15}')]
    known = settings_for(process)
    errors = []
    for key, value in settings.items():
        setting = known.get(key)
        if setting is None:
            errors.append(
                _("“%(key)s”不是%(process)s的设置项")
                % {"key": key, "process": PROCESS_LABELS[process]}
            )
            continue
        problem = setting_value_error(setting=setting, value=value)
        if problem:
            errors.append(
                _("%(label)s（%(key)s）%(problem)s")
                % {"label": setting.label, "key": key, "problem": problem}
            )
    return errors


def merged_errors(*, process: str, values: dict[str, Any]) -> list[str]:
    return [
        _("%(low_label)s（%(low)s）不能大于%(high_label)s（%(high)s）")
        % {
            "low_label": LABELS[low],
            "low": values[low],
            "high_label": LABELS[high],
            "high": values[high],
        }
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
