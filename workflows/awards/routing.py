"""Who acts at each step of 五四评优, by office in the organisation tree."""

from __future__ import annotations

from workflows.engine.offices import (
    branch_offices,
    committee_review_offices,
    committee_secretary_offices,
    party_secretary_offices,
)
from workflows.engine.routing import Route


def campaign_secretary(campaign) -> Route:
    return Route(offices=committee_secretary_offices(campaign.org))


def campaign_party(campaign) -> Route:
    return Route(offices=party_secretary_offices(campaign.org))


def branch_secretary(nomination) -> Route:
    return Route(offices=branch_offices(nomination.org))


def nominator(nomination) -> Route:
    return Route(user=nomination.applicant)


def committee_reviewers(nomination) -> Route:
    return Route(offices=committee_review_offices(nomination.campaign.org))


def committee_secretary(nomination) -> Route:
    return Route(offices=committee_secretary_offices(nomination.campaign.org))


def party_secretary(nomination) -> Route:
    return Route(offices=party_secretary_offices(nomination.campaign.org))
