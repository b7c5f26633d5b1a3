"""The previous year's 教育评议, as a finalised round wrote it, read when a member applies."""

import pytest

from tests.evaluations.helpers import finalised, unqualified
from workflows.engine.errors import CaseError
from workflows.party_recommendation.models import Application
from workflows.party_recommendation.services import application_submit


def _finalised_round(world, year, results_a):
    finalised(world, year, results_a)


def _apply(world, round_a):
    return application_submit(
        member=world.applicant,
        round=round_a,
        statement="积极参加志愿服务。",
        by=world.applicant_user,
    )


def test_a_member_rated_unqualified_last_year_is_refused_naming_year_and_result(world, round_a):
    year = round_a.meeting_date.year - 1
    _finalised_round(world, year, {world.applicant: unqualified()})
    with pytest.raises(CaseError) as refused:
        _apply(world, round_a)
    assert f"{year} 年度团员教育评议结果为「不合格」，不能推荐" in refused.value.messages
    assert not Application.objects.exists()


def test_an_unqualified_result_of_another_year_does_not_bar(world, round_a):
    _finalised_round(world, round_a.meeting_date.year - 2, {world.applicant: unqualified()})
    assert _apply(world, round_a).pk


def test_without_any_review_the_member_may_apply(world, round_a):
    assert _apply(world, round_a).pk


def test_a_committee_may_switch_the_rule_off(world, round_a):
    from tests.factories import RulebookFactory

    RulebookFactory(committee=world.committee, settings={"review_unqualified_bars": False})
    _finalised_round(world, round_a.meeting_date.year - 1, {world.applicant: unqualified()})
    assert _apply(world, round_a).pk
