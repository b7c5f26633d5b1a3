"""A rulebook setting as it applies to one case."""

from __future__ import annotations

from django.utils import timezone

from workflows.rules.selectors import rules_resolve


def case_rule(*, case, rulebook: str, key: str):
    """``key`` as the case recorded its rules, or as in force today for a case recorded before
    the setting existed (a step deadline or signing policy added since)."""
    snapshot = case.rules_snapshot or {}
    values = snapshot.get("values", {}) if snapshot.get("process") == rulebook else {}
    if key in values:
        return values[key]
    return rules_resolve(process=rulebook, org=case.org, on=timezone.localdate()).values[key]


def case_setting(*, case, rulebook: str, key: str) -> int:
    return int(case_rule(case=case, rulebook=rulebook, key=key))
