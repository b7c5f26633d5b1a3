"""Reads behind the rules: a collective's roster counted for the basic conditions, and a
cycle's submitted 互检互查 totals."""

from __future__ import annotations

import datetime

from workflows.rules.selectors import ResolvedRules

from .models import Collective
from .scoring import StarRules
from .vetoes import BasicFacts, BasicRules, basic_facts, basic_problems


def basic_rules(rules: ResolvedRules) -> BasicRules:
    return BasicRules(
        members_min=rules.int("members_min"),
        members_max=rules.int("members_max"),
        young_age_max=rules.int("young_age_max"),
        young_share_min=rules.fraction("young_share_min"),
        leader_age_max=rules.int("leader_age_max"),
    )


def star_rules(rules: ResolvedRules) -> StarRules:
    return StarRules(
        pass_score=rules.int("pass_score"),
        two_star_score=rules.int("two_star_score"),
        three_star_score=rules.int("three_star_score"),
    )


def collective_facts(
    *, collective: Collective, on: datetime.date, rules: ResolvedRules
) -> BasicFacts:
    roster = collective.roster()
    leader = collective.leader
    return basic_facts(
        birth_dates=[person.birth_date for person in roster],
        leader=(leader.name, leader.birth_date) if leader is not None else None,
        on=on,
        young_age_max=rules.int("young_age_max"),
    )


def collective_problems(
    *, collective: Collective, on: datetime.date, rules: ResolvedRules
) -> list[str]:
    """The basic conditions the collective fails on ``on``, worded with their numbers."""
    facts = collective_facts(collective=collective, on=on, rules=rules)
    return basic_problems(facts, basic_rules(rules))


def is_on_roster(*, user_id: int, collective: Collective) -> bool:
    return any(person.user_id == user_id for person in collective.roster())


def reviewer_of(collective: Collective):
    """Who scores for a collective in 互检互查: its 号长, else a 副号长 with an account."""
    for person in collective.roster():
        if person.user_id is not None and person.role in ("leader", "deputy"):
            return person.user
    return None
