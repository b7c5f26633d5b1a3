"""Who acts at each step of 推优入党, by office in the organisation tree."""

from __future__ import annotations

from workflows.engine.routing import Office, Route
from workflows.org.models import Role
from workflows.org.selectors import league_committee_of, party_org_of


def _branch_offices(application) -> tuple[Office, ...]:
    branch = application.round.branch
    offices = [Office(Role.SECRETARY, branch), Office(Role.DEPUTY_SECRETARY, branch)]
    committee = league_committee_of(branch)
    if committee is not None:
        offices.append(Office(Role.SECRETARY, committee))
    return tuple(offices)


def _committee(application):
    return league_committee_of(application.round.branch)


def branch_secretary(application) -> Route:
    return Route(offices=_branch_offices(application))


def applicant(application) -> Route:
    return Route(user=application.applicant)


def committee_reviewers(application) -> Route:
    committee = _committee(application)
    return Route(
        offices=(
            Office(Role.ORGANIZATION_MEMBER, committee),
            Office(Role.DEPUTY_SECRETARY, committee),
            Office(Role.SECRETARY, committee),
        )
    )


def committee_secretary(application) -> Route:
    committee = _committee(application)
    return Route(
        offices=(Office(Role.SECRETARY, committee), Office(Role.DEPUTY_SECRETARY, committee))
    )


def party_secretary(application) -> Route:
    party = party_org_of(application.round.branch)
    return Route(offices=(Office(Role.SECRETARY, party), Office(Role.DEPUTY_SECRETARY, party)))
