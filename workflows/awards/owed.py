"""Panel ballots a judge still owes, for the 待办 count."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from workflows.engine.owed import Owed

from .models import Ballot, Campaign, CampaignStatus
from .panel import ballot_sheet


def ballots_owed(*, user: AbstractBaseUser) -> list[Owed]:
    cast = Ballot.objects.filter(judge=user, nomination__campaign=OuterRef("pk"))
    waiting = list(
        Campaign.objects.filter(status=CampaignStatus.PANEL, judges=user)
        .exclude(Exists(cast))
        .select_related("org")
    )
    # Only a judge with a ballot still open pays for this: one recused from every nomination
    # has nothing to cast.
    owed = [campaign for campaign in waiting if ballot_sheet(campaign=campaign, user=user)[0]]
    url = reverse("awards:ballot", args=[owed[0].pk]) if len(owed) == 1 else reverse("awards:index")
    return [Owed(label=_("评审票"), count=len(owed), url=url)]
