"""Cases of two processes made directly, for the auditor's case search and its export."""

import datetime
import itertools

from django.utils import timezone

from tests.factories import MemberFactory, UserFactory
from workflows.elections.models import Election
from workflows.party_recommendation.models import Application, Round, Track

_numbers = itertools.count(1)


def application(branch, *, name="吉𠮷甲", status="submitted", created_at=None):
    applicant = UserFactory()
    round_ = Round.objects.create(
        branch=branch,
        track=Track.ACTIVIST,
        title="批次",
        meeting_date=timezone.localdate(),
        created_by=applicant,
    )
    return Application.objects.create(
        reference=f"TY-S{next(_numbers)}",
        org=branch,
        org_path=branch.path,
        subject=MemberFactory(branch=branch, name=name),
        applicant=applicant,
        round=round_,
        track=Track.ACTIVIST,
        statement="申请",
        status=status,
        created_at=created_at or timezone.now(),
    )


def election(branch, *, status="plan_review", created_at=None):
    return Election.objects.create(
        reference=f"HJ-S{next(_numbers)}",
        org=branch,
        org_path=branch.path,
        applicant=UserFactory(),
        meeting_date=timezone.localdate() + datetime.timedelta(days=10),
        place="会议室",
        agenda="选举",
        seats=3,
        method="direct",
        branch_size=10,
        status=status,
        created_at=created_at or timezone.now(),
    )
