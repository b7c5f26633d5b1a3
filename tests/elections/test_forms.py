"""A returned 请示 opens as it was sent, and read back unchanged it names the same people."""

import pytest

from tests.cases import open_task
from tests.factories import MemberFactory
from tests.pages import revise_page_resubmit
from workflows.elections.forms import PlanForm
from workflows.elections.models import Candidate

from .helpers import act, submit

pytestmark = pytest.mark.django_db


def _returned(world, people):
    election = submit(world, people)
    act(election, "plan_review", world.reviewer_1, "return", "请核对候选人")
    return election


def _members(election) -> list[int]:
    return [c.member_id for c in election.candidates.all()]


def test_a_returned_request_opens_as_it_was_sent_and_goes_back_unchanged(client, world, people):
    election = _returned(world, people)
    client.force_login(world.secretary_a)
    shown, response = revise_page_resubmit(client, open_task(election, "revise"))
    assert shown["place"] == ["门诊楼三楼会议室"]
    assert shown["seats"] == ["5"] and shown["method"] == ["direct"]
    assert shown["meeting_date"] == [election.meeting_date.isoformat()]
    assert shown["candidates_text"] == [
        "\n".join(f"{m.name}：{m.name}，2015年入团。" for m in people)
    ]
    scrutineer, teller = election.scrutineers.get(), election.tellers.get()
    assert (shown["scrutineers_text"], shown["tellers_text"]) == ([scrutineer.name], [teller.name])
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.status == "plan_review"
    assert _members(election) == [m.pk for m in people]


def test_a_name_two_members_share_reads_back_to_the_same_member(client, world, people):
    namesake = MemberFactory(branch=world.branch_a, name=people[0].name)
    election = _returned(world, people)
    client.force_login(world.secretary_a)
    shown, response = revise_page_resubmit(client, open_task(election, "revise"))
    first_line = shown["candidates_text"][0].splitlines()[0]
    assert first_line.startswith(f"{people[0].name}（{people[0].pk}）：")
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.status == "plan_review"
    assert namesake.pk not in _members(election) and _members(election)[0] == people[0].pk


def test_a_shared_name_typed_alone_asks_for_the_member_number(world, people):
    namesake = MemberFactory(branch=world.branch_a, name=people[0].name)
    form = PlanForm({"candidates_text": f"{people[0].name}：简历"}, branch=world.branch_a)
    form.is_valid()
    assert form.errors["candidates_text"] == [
        f"候选人“{people[0].name}”有 2 人同名，请写明团员编号："
        f"{people[0].name}（{people[0].pk}）、{namesake.name}（{namesake.pk}）"
    ]


def test_a_resume_on_several_lines_stays_on_its_candidate_line(client, world, people):
    election = _returned(world, people)
    Candidate.objects.filter(election=election, member=people[0]).update(
        resume="2015年入团\n2020年任组织委员"
    )
    client.force_login(world.secretary_a)
    shown, response = revise_page_resubmit(client, open_task(election, "revise"))
    first_line = shown["candidates_text"][0].splitlines()[0]
    assert first_line == f"{people[0].name}：2015年入团 2020年任组织委员"
    assert response.status_code == 302
    election.refresh_from_db()
    assert _members(election) == [m.pk for m in people]
