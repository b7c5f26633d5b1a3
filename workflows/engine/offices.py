"""The offices that usually act for a unit, in order of preference, for process routers."""

from __future__ import annotations

from workflows.org.models import Organization, Role
from workflows.org.selectors import league_committee_of, party_org_of

from .routing import Office


def branch_offices(branch: Organization) -> tuple[Office, ...]:
    """A branch's secretary, its deputy, and the committee secretary when the branch has none."""
    offices = [Office(Role.SECRETARY, branch), Office(Role.DEPUTY_SECRETARY, branch)]
    committee = league_committee_of(branch)
    if committee is not None:
        offices.append(Office(Role.SECRETARY, committee))
    return tuple(offices)


def committee_review_offices(branch: Organization) -> tuple[Office, ...]:
    """Who reviews for the 团委 above ``branch``: 组织委员 first, then the (deputy) secretary."""
    committee = league_committee_of(branch)
    return (
        Office(Role.ORGANIZATION_MEMBER, committee),
        Office(Role.DEPUTY_SECRETARY, committee),
        Office(Role.SECRETARY, committee),
    )


def committee_secretary_offices(branch: Organization) -> tuple[Office, ...]:
    committee = league_committee_of(branch)
    return (Office(Role.SECRETARY, committee), Office(Role.DEPUTY_SECRETARY, committee))


def party_secretary_offices(branch: Organization) -> tuple[Office, ...]:
    party = party_org_of(branch)
    return (Office(Role.SECRETARY, party), Office(Role.DEPUTY_SECRETARY, party))
