"""Recording a collective decision: the tally is checked before anything is stored, and a
应到会 that differs from the branch's roll is kept in the record beside it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from viewflow.workflow.models import Task

from workflows.audit.services import audit_record
from workflows.org.models import Organization, OrgKind
from workflows.wording import site_language

from ..errors import RuleViolation
from ..meeting import (
    MeetingRules,
    Tally,
    roll_warning,
    tally_outcome_text,
    tally_passes,
    tally_violations,
)
from ..models import MeetingVote
from ..roll import voting_member_count
from .attachments import attachment_add


def meeting_roll(*, org: Organization, on: datetime.date) -> int | None:
    """应到会 by the roll when the meeting is a branch's 团员大会 (None for any other body)."""
    return voting_member_count(branch=org, on=on) if org.kind == OrgKind.BRANCH else None


def meeting_vote_record(
    *,
    case: models.Model,
    by: AbstractBaseUser,
    tally: Tally,
    rules: MeetingRules,
    meeting_date: datetime.date,
    secret_ballot: bool = True,
    minutes: UploadedFile | None = None,
    task: Task | None = None,
    date_problems: Sequence[str] = (),
) -> MeetingVote:
    """Store a tally the rules accept. ``date_problems`` are the process's own objections to
    ``meeting_date``, refused together with the tally's, so one answer names them all."""
    problems = [*date_problems, *tally_violations(tally, rules)]
    if problems:
        raise RuleViolation(problems)
    minutes_file = (
        attachment_add(case=case, by=by, upload=minutes, task=task, purpose="会议记录")
        if minutes
        else None
    )
    vote = MeetingVote.objects.create(
        case=case,
        task=task,
        meeting_date=meeting_date,
        should_attend=tally.should_attend,
        present=tally.present,
        ballots=tally.ballots,
        votes_for=tally.votes_for,
        votes_against=tally.votes_against,
        votes_abstain=tally.votes_abstain,
        secret_ballot=secret_ballot,
        passed=tally_passes(tally, rules),
        minutes=minutes_file,
        recorded_by=by,
    )
    roll = meeting_roll(org=case.org, on=meeting_date)
    data = {"meeting_date": meeting_date.isoformat(), "passed": vote.passed, "roll": roll}
    with site_language():
        summary, outcome = vote.summary, tally_outcome_text(tally, rules)
        warning = roll_warning(should_attend=tally.should_attend, roll=roll)
    if warning:
        data["roll_warning"] = warning
    audit_record(
        action="meeting.record", by=by, case=case, after=summary, opinion=outcome, data=data
    )
    return vote
