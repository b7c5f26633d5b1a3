"""A returned application opens with the applicant's earlier answers on its revise page."""

import pytest

from tests.cases import act, open_task
from tests.pages import revise_page_resubmit
from workflows.party_recommendation.services import application_submit

pytestmark = pytest.mark.django_db


def test_a_returned_application_opens_with_its_statement_and_goes_back_unchanged(
    client, world, round_a
):
    statement = "积极参加志愿服务𠮷。\n担任科室青年突击队队员。"
    application = application_submit(
        member=world.applicant, round=round_a, statement=statement, by=world.applicant_user
    )
    act(application, "branch_review", world.secretary_a, "return", "请补充")
    client.force_login(world.applicant_user)
    shown, response = revise_page_resubmit(client, open_task(application, "revise"))
    assert shown["statement"] == [statement]
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.statement) == ("submitted", statement)
