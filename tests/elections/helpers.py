"""Driving 换届 cases through their steps in tests, with the services the pages use."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.cases import open_task
from tests.factories import MemberFactory, UserFactory
from workflows.elections.services import CandidateEntry, Plan, election_act, election_submit


def candidates_for(branch, count: int, prefix: str = "候选") -> list:
    """Members of ``branch`` with accounts (an officer needs one to take office)."""
    return [
        MemberFactory(
            branch=branch,
            name=f"{prefix}{i}",
            user=UserFactory(username=f"{prefix}{branch.pk}_{i}", first_name=f"{prefix}{i}"),
        )
        for i in range(1, count + 1)
    ]


def plan(candidates, others, *, seats: int, **overrides) -> Plan:
    values = dict(
        meeting_date=timezone.localdate() + datetime.timedelta(days=14),
        place="门诊楼三楼会议室",
        agenda="听取和审查上届支部委员会工作报告\n选举新一届支部委员会",
        seats=seats,
        method="direct",
        candidates=[CandidateEntry(member=m, resume=f"{m.name}，2015年入团。") for m in candidates],
        scrutineers=others[:1],
        tellers=others[1:2],
    )
    values.update(overrides)
    return Plan(**values)


def act(election, name, user, action, opinion="", data=None, files=None):
    task = open_task(election, name)
    result = election_act(
        task=task, by=user, action=action, opinion=opinion, data=data, files=files
    )
    election.refresh_from_db()
    return result


def submit(world, candidates, *, seats=5, **overrides):
    others = [m for m in world.members_a if m not in candidates]
    return election_submit(
        branch=world.branch_a,
        plan=plan(candidates, others, seats=seats, **overrides),
        by=world.secretary_a,
    )


def everyone_present(election) -> list[int]:
    return list(election.org.members.filter(is_active=True).values_list("pk", flat=True))


def round_data(election, votes: dict, *, attended=None, issued=None, **extra) -> dict:
    attended = everyone_present(election) if attended is None else attended
    issued = len(attended) if issued is None else issued
    return {
        "meeting_date": timezone.localdate(),
        "attended": attended,
        "issued": issued,
        "returned": issued,
        "void": 0,
        "votes": {c.pk: n for c, n in votes.items()},
        **extra,
    }


OFFICER_ROLES = [
    "secretary",
    "deputy_secretary",
    "organization_member",
    "committee_member",
    "committee_member",
]


def officers_data(people, roles=OFFICER_ROLES) -> dict:
    return {
        "officers": [
            {"member": m.pk, "role": r, "duty": "宣传委员" if r == "committee_member" else ""}
            for m, r in zip(people, roles, strict=False)
        ]
    }


def candidates_of(election) -> dict:
    return {c.member: c for c in election.candidates.all()}


def approved(world, people, **overrides):
    election = submit(world, people, **overrides)
    act(election, "plan_review", world.reviewer_1, "approve", "同意")
    return election


def elect(world, election, people, votes=(50, 45, 40, 35, 30, 10)):
    by_member = candidates_of(election)
    tally = {by_member[m]: n for m, n in zip(people, votes, strict=False)}
    act(election, "meeting", world.secretary_a, "record_round", "", round_data(election, tally))


def to_report(world, election, people):
    """From an approved 请示 to the report step: counted, and duties assigned."""
    elect(world, election, people)
    act(
        election,
        "first_committee_meeting",
        world.secretary_a,
        "assign_officers",
        "",
        officers_data(people),
    )


def confirmed(world, people):
    election = approved(world, people)
    to_report(world, election, people)
    act(election, "report", world.secretary_a, "submit_report", "")
    act(election, "result_review", world.reviewer_1, "approve", "同意选举结果")
    return election
