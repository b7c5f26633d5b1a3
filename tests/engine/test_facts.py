"""Organisational facts one process provides and another asks for by name."""

import datetime

from workflows.elections.terms import term_start
from workflows.engine.facts import BRANCH_TERM_DUE_ON, Fact, fact_of, fact_provide


def test_a_fact_nobody_provides_is_its_default():
    unknown = Fact("test_nobody_provides", default="unknown")
    assert fact_of(unknown, org=object()) == "unknown"


def test_a_provider_answers_for_the_organisation_asked_about():
    members = Fact("test_member_count", default=0)
    fact_provide(members, lambda *, org: len(org))
    assert fact_of(members, org="abc") == 3


def test_elections_provides_the_branch_term(world):
    assert fact_of(BRANCH_TERM_DUE_ON, org=world.branch_a) is None
    term = term_start(
        branch=world.branch_a, starts_on=datetime.date(2025, 1, 6), election=None, by=None
    )
    assert fact_of(BRANCH_TERM_DUE_ON, org=world.branch_a) == term.due_on
