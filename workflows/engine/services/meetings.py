"""Recording a collective decision: the tally is checked before anything is stored."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from viewflow.workflow.models import Task

from workflows.audit.services import audit_record
from workflows.wording import site_language

from ..errors import RuleViolation
from ..meeting import MeetingRules, Tally, tally_outcome_text, tally_passes, tally_violations
from ..models import MeetingVote
from .attachments import attachment_add


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
    with site_language():
        summary, outcome = vote.summary, tally_outcome_text(tally, rules)
    audit_record(
        action="meeting.record",
        by=by,
        case=case,
        after=summary,
        opinion=outcome,
        data={"meeting_date": meeting_date.isoformat(), "passed": vote.passed},
    )
    return vote
