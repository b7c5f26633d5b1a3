"""Context for the 推优 documents. Plain data only, so a failed render can be retried later."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from workflows.documents.formatting import date_cn, month_cn
from workflows.engine.models import MeetingVote, Opinion
from workflows.org.selectors import league_committee_of

from . import conditions
from .models import Application, Round


def _vote_text(vote: MeetingVote | None) -> str:
    if vote is None:
        return ""
    return f"应到{vote.should_attend}人，实到{vote.present}人，赞成{vote.votes_for}人"


def _dated_vote_text(vote: MeetingVote | None) -> str:
    """The tally with the day the meeting actually met, which may not be the round's plan."""
    if vote is None:
        return ""
    return f"{date_cn(vote.meeting_date)}：{_vote_text(vote)}"


def _latest_votes(applications: list[Application]) -> dict[int, MeetingVote]:
    """Each application's latest meeting vote, in one query."""
    if not applications:
        return {}
    votes = MeetingVote.objects.filter(
        case_type=ContentType.objects.get_for_model(applications[0]),
        case_id__in=[application.pk for application in applications],
    ).order_by("recorded_at", "pk")
    return {vote.case_id: vote for vote in votes}


def _opinion(application: Application, step: str) -> dict:
    opinion = (
        Opinion.objects.for_case(application).filter(step=step).order_by("-created_at").first()
    )
    if opinion is None:
        return {"text": "", "by": "", "date": ""}
    return {
        "text": opinion.text or opinion.get_decision_display(),
        "by": opinion.author.get_full_name() or opinion.author.get_username(),
        "date": date_cn(timezone.localtime(opinion.created_at).date()),
    }


def registration_form_context(application: Application) -> dict:
    member = application.subject
    vote = conditions.latest_vote(application)
    return {
        "title": "推荐优秀共青团员作入党积极分子人选登记表"
        if application.track == "activist"
        else "推荐优秀共青团员作发展对象人选登记表",
        "reference": application.reference,
        "member": {
            "name": member.name,
            "gender": member.gender,
            "birth": month_cn(member.birth_date),
            "ethnicity": member.ethnicity,
            "education": member.education,
            "league_join": month_cn(member.league_join_date),
            "party_application": date_cn(member.party_application_date),
            "league_post": member.league_post or "团员",
            "department": member.department,
            "id_number": member.id_number_masked,
            "phone": member.phone,
        },
        "branch": application.round.branch.name,
        "statement": application.statement,
        "recommended_on": date_cn(application.recommended_on),
        "valid_until": date_cn(application.valid_until),
        "branch_opinion": {
            "vote": _vote_text(vote),
            "date": date_cn(vote.meeting_date) if vote else "",
            **{k: v for k, v in _opinion(application, "团支部审核").items() if k != "date"},
        },
        "committee_opinion": _opinion(application, "团委推荐"),
        "committee": getattr(league_committee_of(application.round.branch), "name", ""),
    }


def round_summary_context(round: Round, applications: list[Application]) -> dict:
    rows = []
    votes = _latest_votes(applications)
    for index, application in enumerate(applications, start=1):
        member = application.subject
        rows.append(
            {
                "index": index,
                "name": member.name,
                "gender": member.gender,
                "birth": month_cn(member.birth_date),
                "league_join": month_cn(member.league_join_date),
                "party_application": date_cn(member.party_application_date),
                "league_post": member.league_post or "团员",
                "vote": _dated_vote_text(votes.get(application.pk)),
                "status": application.get_status_display(),
            }
        )
    return {
        "title": f"{round.branch.name}推优入党汇总表",
        "round": round.title,
        "track": round.get_track_display(),
        "meeting_date": date_cn(round.meeting_date),
        "rows": rows,
        "issued_on": date_cn(timezone.localdate()),
    }
