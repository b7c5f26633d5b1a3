"""Who acts at each step of 青年文明号, by office in the organisation tree."""

from __future__ import annotations

from workflows.engine.offices import (
    branch_offices,
    committee_review_offices,
    committee_secretary_offices,
)
from workflows.engine.routing import Route

from .records import reviewer_of


def cycle_secretary(cycle) -> Route:
    return Route(offices=committee_secretary_offices(cycle.org))


def unit_secretary(case) -> Route:
    """The league organisation the collective belongs to."""
    return Route(offices=branch_offices(case.collective.org))


def applicant(case) -> Route:
    return Route(user=case.applicant)


def committee_reviewers(case) -> Route:
    return Route(offices=committee_review_offices(case.cycle.org))


def committee_secretary(case) -> Route:
    return Route(offices=committee_secretary_offices(case.cycle.org))


def collective_contact(review) -> Route:
    """The collective itself (its 号长), else its unit's league secretary."""
    return Route(user=reviewer_of(review.collective), offices=branch_offices(review.collective.org))


def yearly_reviewers(review) -> Route:
    return Route(offices=committee_review_offices(review.recognition.awarded_by))
