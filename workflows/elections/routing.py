"""Who acts at each step of a 换届选举 or a term change, by office in the organisation tree."""

from __future__ import annotations

from workflows.engine.offices import (
    branch_offices,
    committee_review_offices,
    party_secretary_offices,
)
from workflows.engine.routing import Route


def branch_secretary(case) -> Route:
    return Route(offices=branch_offices(case.org))


def committee_reviewers(case) -> Route:
    return Route(offices=committee_review_offices(case.org))


def party_secretary(case) -> Route:
    return Route(offices=party_secretary_offices(case.org))
