"""Who acts at each step of 推优入党, by office in the organisation tree."""

from __future__ import annotations

from workflows.engine.offices import (
    branch_offices,
    committee_review_offices,
    committee_secretary_offices,
    party_secretary_offices,
)
from workflows.engine.routing import Route


def branch_secretary(application) -> Route:
    return Route(offices=branch_offices(application.round.branch))


def applicant(application) -> Route:
    return Route(user=application.applicant)


def committee_reviewers(application) -> Route:
    return Route(offices=committee_review_offices(application.round.branch))


def committee_secretary(application) -> Route:
    return Route(offices=committee_secretary_offices(application.round.branch))


def party_secretary(application) -> Route:
    return Route(offices=party_secretary_offices(application.round.branch))
