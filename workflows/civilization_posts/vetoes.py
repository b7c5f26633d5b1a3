"""The basic conditions of a 青年文明号 collective, as pure functions: each is a veto, and a
failure names the rule and the number (集体人数, the share of young members, the 号长's age)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from workflows.wording import date_text, fraction_text


@dataclass(frozen=True)
class BasicRules:
    members_min: int
    members_max: int
    young_age_max: int
    young_share_min: Fraction
    leader_age_max: int


@dataclass(frozen=True)
class BasicFacts:
    """What the vetoes read from a collective's roster on one day."""

    on: datetime.date
    members: int
    young: int
    leader_name: str | None = None
    leader_age: int | None = None

    def as_data(self) -> dict:
        return {
            "on": self.on.isoformat(),
            "members": self.members,
            "young": self.young,
            "leader_name": self.leader_name,
            "leader_age": self.leader_age,
        }


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def basic_facts(
    *,
    birth_dates: list[datetime.date],
    leader: tuple[str, datetime.date] | None,
    on: datetime.date,
    young_age_max: int,
) -> BasicFacts:
    """The roster counted on ``on``: a member aged ``young_age_max`` that day is still young."""
    return BasicFacts(
        on=on,
        members=len(birth_dates),
        young=sum(1 for born in birth_dates if age_on(born, on) <= young_age_max),
        leader_name=leader[0] if leader else None,
        leader_age=age_on(leader[1], on) if leader else None,
    )


def _percent(part: int, whole: int) -> str:
    share = Fraction(part * 100, whole)
    return f"{share.numerator}%" if share.denominator == 1 else f"{float(share):.1f}%"


def basic_problems(facts: BasicFacts, rules: BasicRules) -> list[str]:
    """Every basic condition the roster fails, worded with its numbers; empty when it passes."""
    problems = []
    if not rules.members_min <= facts.members <= rules.members_max:
        problems.append(
            _("集体人数 %(count)s 人，不在 %(low)s–%(high)s 人之间")
            % {"count": facts.members, "low": rules.members_min, "high": rules.members_max}
        )
    share = rules.young_share_min
    if facts.members and facts.young * share.denominator < share.numerator * facts.members:
        problems.append(
            _(
                "%(age)s 周岁及以下青年 %(young)s 人，占集体 %(count)s 人的 %(percent)s，"
                "未达到%(share)s"
            )
            % {
                "age": rules.young_age_max,
                "young": facts.young,
                "count": facts.members,
                "percent": _percent(facts.young, facts.members),
                "share": fraction_text(share),
            }
        )
    if facts.leader_name is None:
        problems.append(_("尚未确定号长"))
    elif facts.leader_age > rules.leader_age_max:
        problems.append(
            _("号长 %(name)s %(on)s 年满 %(age)s 周岁，超过 %(limit)s 周岁")
            % {
                "name": facts.leader_name,
                "on": date_text(facts.on),
                "age": facts.leader_age,
                "limit": rules.leader_age_max,
            }
        )
    return problems
