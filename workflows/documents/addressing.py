"""Who an official document is copied to (抄送, GB/T 9704-2012 7.4.2) and who signs it off."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser

from workflows.org.models import PARTY_KINDS, Organization, OrgKind
from workflows.org.selectors import party_org_of
from workflows.wording import person_name


def copies_text(orgs: Iterable[Organization | None]) -> str:
    """The names, each once and in order, separated by "，"; the template adds the closing
    "。"."""
    names: list[str] = []
    for org in orgs:
        if org is not None and org.name not in names:
            names.append(org.name)
    return "，".join(names)


def superiors_of(committee: Organization) -> list[Organization]:
    """Who a committee copies its own 通知 and 决定 to: its party organisation (the one linked,
    else the nearest above it) and the league committee above it."""
    party = party_org_of(committee) or committee.nearest(PARTY_KINDS)
    above = committee.parent.nearest({OrgKind.LEAGUE_COMMITTEE}) if committee.parent else None
    return [org for org in (party, above) if org is not None]


def between(lower: Organization, upper: Organization) -> list[Organization]:
    """The league organisations strictly between ``lower`` and ``upper`` (a 团总支 between a
    branch and its committee), from the top down."""
    ancestors = lower.ancestors()
    below_upper = [org for org in ancestors if org.path.startswith(upper.path) and org != upper]
    return [org for org in below_upper if org.kind == OrgKind.GENERAL_BRANCH]


def signatory_name(user: AbstractBaseUser | None) -> str:
    """签发人 as printed: the member's registered name, else the account's name."""
    member = getattr(user, "member", None)
    return member.name if member is not None else person_name(user)
