"""The rules a 换届选举请示 must meet before the committee may approve it.

Pure functions over plain values, so each boundary is tested without a database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from workflows.wording import list_text


@dataclass(frozen=True)
class SizeRules:
    committee_min_members: int  # a branch this big elects a committee, a smaller one a secretary
    size_min: int
    size_max: int  # the usual upper bound
    hard_max: int
    competition_ratio: Fraction  # candidates ≥ seats × ratio, rounded up


@dataclass(frozen=True)
class Person:
    key: int
    name: str
    in_branch: bool
    good_standing: bool


def seats_problems(*, branch_size: int, seats: int, rules: SizeRules) -> list[str]:
    values = {"size": branch_size, "threshold": rules.committee_min_members, "seats": seats}
    if branch_size >= rules.committee_min_members:
        if rules.size_min <= seats <= rules.hard_max:
            return []
        values.update(low=rules.size_min, high=rules.size_max, hard=rules.hard_max)
        return [
            _(
                "团员 %(size)s 人（不少于 %(threshold)s 人），应选举支部委员会委员 "
                "%(low)s—%(high)s 名、最多 %(hard)s 名，计划 %(seats)s 名"
            )
            % values
        ]
    if seats == 1:
        return []
    return [
        _("团员 %(size)s 人（不足 %(threshold)s 人），只选举书记 1 名，计划 %(seats)s 名") % values
    ]


def candidates_needed(*, seats: int, ratio: Fraction) -> int:
    return math.ceil(seats * ratio)


def ratio_text(ratio: Fraction) -> str:
    """``6/5`` → ``1.2``, as the rules are read aloud."""
    return f"{float(ratio):g}"


def competition_problems(*, seats: int, candidates: int, ratio: Fraction) -> list[str]:
    needed = candidates_needed(seats=seats, ratio=ratio)
    if candidates >= needed:
        return []
    return [
        _(
            "差额选举：候选人 %(candidates)s 名，应不少于应选 %(seats)s 名的 %(ratio)s 倍"
            "（向上取整为 %(needed)s 名）"
        )
        % {
            "candidates": candidates,
            "seats": seats,
            "ratio": ratio_text(ratio),
            "needed": needed,
        }
    ]


def people_problems(*, candidates: list[Person], scrutineers: list[Person]) -> list[str]:
    problems = []
    outsiders = [p.name for p in candidates if not p.in_branch]
    if outsiders:
        problems.append(_("候选人 %(names)s 不是本团支部团员") % {"names": list_text(outsiders)})
    on_probation = [p.name for p in candidates if p.in_branch and not p.good_standing]
    if on_probation:
        problems.append(
            _("候选人 %(names)s 处于留团察看期，不能作为候选人")
            % {"names": list_text(on_probation)}
        )
    seen, twice = set(), []
    for person in candidates:
        if person.key in seen:
            twice.append(person.name)
        seen.add(person.key)
    if twice:
        problems.append(_("候选人 %(names)s 重复列入") % {"names": list_text(twice)})
    both = [p.name for p in scrutineers if p.key in seen]
    if both:
        problems.append(
            _("%(names)s 是候选人，不能担任监票人或计票人") % {"names": list_text(both)}
        )
    strangers = [p.name for p in scrutineers if not p.in_branch]
    if strangers:
        problems.append(
            _("监票人、计票人 %(names)s 不是本团支部团员") % {"names": list_text(strangers)}
        )
    return problems
