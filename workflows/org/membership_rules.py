"""The numbers of 团籍 management, a rulebook of their own that a committee may override."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from workflows.rules.defaults import SRC_SYSTEM, int_setting, rulebook_declare
from workflows.rules.selectors import ResolvedRules, rules_resolve

from .models import Organization

MEMBERSHIP = "membership"
SRC_CONSTITUTION_MEMBERS = "《中国共产主义青年团章程》第一章 团员"
SRC_CONSTITUTION_DISCIPLINE = "《中国共产主义青年团章程》第八章 团的纪律"

SETTINGS = {
    "league_age_limit": int_setting(
        "超龄离团年龄（周岁）", 28, SRC_CONSTITUTION_MEMBERS, minimum=14
    ),
    "over_age_notice_days": int_setting("超龄提前提示天数", 90, SRC_SYSTEM),
    "probation_months_max": int_setting(
        "留团察看最长期限（月）", 12, SRC_CONSTITUTION_DISCIPLINE, minimum=1
    ),
}


def membership_rules_declare() -> None:
    rulebook_declare(process=MEMBERSHIP, label=_("团籍管理"), settings=SETTINGS, deadlines={})


def membership_rules(*, org: Organization, on: datetime.date) -> ResolvedRules:
    return rules_resolve(process=MEMBERSHIP, org=org, on=on)
