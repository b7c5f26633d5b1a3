"""Context for the 换届 documents (GB/T 9704 official layout). Plain data only, so a failed
render can be retried later. Body blocks: level 0 paragraph, 1 一、 2 （一） 3 1. 4 （1）."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from workflows.documents.addressing import between, copies_text, signatory_name
from workflows.documents.formatting import date_cn, month_cn
from workflows.org.selectors import league_committee_of, party_org_of

from .conditions import rules_of
from .models import Election
from .plan import candidates_needed, ratio_text


def _p(text: str, level: int = 0) -> dict:
    return {"level": level, "text": text}


def _committee_name(election: Election) -> str:
    committee = league_committee_of(election.org)
    return committee.name if committee else ""


def _copies(election: Election) -> str:
    """Both ways, the branch's party organisation and any 团总支 between it and the committee
    hear of the election."""
    branch = election.org
    committee = league_committee_of(branch)
    return copies_text([party_org_of(branch), *between(branch, committee)])


def _seats_text(election: Election) -> str:
    if election.seats == 1:
        return "选举产生团支部书记1名"
    return f"选举产生新一届团支部委员会委员{election.seats}名"


def request_context(election: Election, *, by: AbstractBaseUser) -> dict:
    """请示: the branch asks its committee to approve the election plan; ``by`` signs it off."""
    branch = election.org
    term = election.term
    candidates = list(election.candidates.all())
    ratio = rules_of(election).fraction("competition_ratio")
    needed = candidates_needed(seats=election.seats, ratio=ratio)
    opening = f"{branch.name}现有团员{election.branch_size}名。"
    if term is not None:
        opening += (
            f"本届支部委员会于{date_cn(term.starts_on)}产生，应于{date_cn(term.due_on)}换届。"
        )
    opening += (
        "根据《中国共青团基层组织选举工作条例》有关规定，经研究，拟召开团员大会进行换届选举。"
        "现将有关事项请示如下："
    )
    body = [
        _p(opening),
        _p("一、会议时间和地点", 1),
        _p(f"{date_cn(election.meeting_date)}，{election.place}。"),
        _p("二、会议议程", 1),
        *[_p(line.strip()) for line in election.agenda.splitlines() if line.strip()],
        _p("三、选举办法和名额", 1),
        _p(
            f"采用{election.get_method_display()}的办法，{_seats_text(election)}。"
            f"候选人{len(candidates)}名，不少于应选名额的{ratio_text(ratio)}倍（{needed}名）。"
        ),
        _p("四、候选人预备人选", 1),
        *[
            _p(
                f"{i}. {c.member.name}，{c.member.gender}，{month_cn(c.member.birth_date)}生，"
                f"{c.member.department}。{c.resume}",
                0,
            )
            for i, c in enumerate(candidates, 1)
        ],
        _p("五、监票人和计票人", 1),
        _p(
            "监票人："
            + "、".join(m.name for m in election.scrutineers.all())
            + "；计票人："
            + "、".join(m.name for m in election.tellers.all())
            + "。"
        ),
        _p("妥否，请批示。"),
    ]
    return {
        "issuer_mark": f"{branch.name}文件",
        "number": election.request_number,
        "signatory": signatory_name(by),
        "title": "关于召开团员大会进行换届选举的请示",
        "recipients": _committee_name(election),
        "body": body,
        "signer": branch.name,
        "copies": _copies(election),
    }


def plan_reply_context(election: Election, opinion: str) -> dict:
    """批复 of the 请示."""
    committee = league_committee_of(election.org)
    names = "、".join(c.member.name for c in election.candidates.all())
    body = [
        _p(
            f"你支部《关于召开团员大会进行换届选举的请示》（{election.request_number}）收悉。"
            "经研究，批复如下："
        ),
        _p(
            f"一、同意你支部于{date_cn(election.meeting_date)}召开团员大会，"
            f"采用{election.get_method_display()}的办法，{_seats_text(election)}。",
            0,
        ),
        _p(f"二、同意{names}为候选人。"),
        _p(
            "三、会议须有超过应到会有选举权团员五分之四的团员出席方为有效；"
            "被选举人获得的赞成票超过实到会有选举权团员的半数，始得当选。"
        ),
        _p(
            f"四、选举结束后，请于{rules_of(election).int('report_days')}日内"
            "将选举结果报告报送我委。"
        ),
    ]
    if opinion.strip():
        body.append(_p(opinion.strip()))
    return {
        "issuer_mark": f"{committee.name}文件",
        "number": election.plan_reply_number,
        "title": f"关于同意{election.org.name}换届选举的批复",
        "recipients": election.org.name,
        "body": body,
        "signer": committee.name,
        "copies": _copies(election),
    }


def _officer_lines(election: Election) -> list[dict]:
    return [
        _p(
            f"{o.candidate.member.name}　{o.get_role_display()}"
            + (f"（{o.duty}）" if o.duty else ""),
            0,
        )
        for o in election.officers.all()
    ]


def report_context(election: Election, *, by: AbstractBaseUser) -> dict:
    """选举结果报告, signed off by ``by``."""
    rounds = list(election.rounds.all())
    elected = list(election.candidates.filter(elected=True))
    body = [
        _p(
            f"根据{_committee_name(election)}《关于同意{election.org.name}换届选举的批复》"
            f"（{election.plan_reply_number}），我支部于{date_cn(election.held_on)}"
            f"在{election.place}召开团员大会，进行换届选举。现将选举结果报告如下："
        ),
        _p("一、计票情况", 1),
        *[_p(f"{r.get_kind_display()}：{r.summary.splitlines()[0]}", 0) for r in rounds],
        _p("二、当选委员（按得票多少为序）", 1),
        *[_p(f"{c.member.name}，得赞成票{c.votes}票", 0) for c in elected],
    ]
    if election.vacant_seats:
        body.append(
            _p(f"应选{election.seats}名，当选{len(elected)}名，减少名额{election.vacant_seats}名。")
        )
    body += [_p("三、委员会分工", 1), *_officer_lines(election), _p("特此报告，请予批复。")]
    return {
        "issuer_mark": f"{election.org.name}文件",
        "number": election.report_number,
        "signatory": signatory_name(by),
        "title": "关于换届选举结果的报告",
        "recipients": _committee_name(election),
        "body": body,
        "signer": election.org.name,
        "copies": _copies(election),
    }


def result_reply_context(election: Election, opinion: str) -> dict:
    """批复 of the result: the new committee takes office on the approval date."""
    committee = league_committee_of(election.org)
    body = [
        _p(
            f"你支部《关于换届选举结果的报告》（{election.report_number}）收悉。经研究，"
            f"同意你支部换届选举结果。新一届支部委员会自{date_cn(election.approved_on)}起任职，"
            "组成如下："
        ),
        *_officer_lines(election),
    ]
    if opinion.strip():
        body.append(_p(opinion.strip()))
    return {
        "issuer_mark": f"{committee.name}文件",
        "number": election.result_reply_number,
        "title": f"关于同意{election.org.name}换届选举结果的批复",
        "recipients": election.org.name,
        "body": body,
        "signer": committee.name,
        "copies": _copies(election),
    }
