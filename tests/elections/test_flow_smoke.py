import pytest

from tests.elections.helpers import act, candidates_for, round_data, submit
from workflows.elections.models import Status


@pytest.mark.django_db
def test_smoke(world):
    people = candidates_for(world.branch_a, 6)
    election = submit(world, people)
    assert election.status == Status.PLAN_REVIEW
    act(election, "plan_review", world.reviewer_1, "approve", "同意")
    assert election.status == Status.APPROVED
    cands = {c.member: c for c in election.candidates.all()}
    votes = {cands[m]: 50 - 5 * i for i, m in enumerate(people)}
    act(election, "meeting", world.secretary_a, "record_round", "", round_data(election, votes))
    assert election.status == Status.ELECTED, election.rounds.last().problems
    officers = [
        {"member": m.pk, "role": role, "duty": ""}
        for m, role in zip(
            people[:5],
            [
                "secretary",
                "deputy_secretary",
                "organization_member",
                "committee_member",
                "committee_member",
            ],
            strict=True,
        )
    ]
    act(
        election,
        "first_committee_meeting",
        world.secretary_a,
        "assign_officers",
        "",
        {"officers": officers},
    )
    assert election.status == Status.OFFICERS_SET
    act(election, "report", world.secretary_a, "submit_report", "")
    assert election.status == Status.REPORTED
    act(election, "result_review", world.reviewer_2, "approve", "同意")
    assert election.status == Status.CONFIRMED
