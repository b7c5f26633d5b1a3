"""What a person may start in 五四评优: a nomination in a campaign open to their unit, and, as
a committee's secretary or deputy, a new campaign."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.engine.starts import Start
from workflows.org.models import OrgKind
from workflows.wording import date_text

from .models import CampaignStatus
from .selectors import campaigns_visible_to, units_led_by


def award_starts(*, user: AbstractBaseUser) -> list[Start]:
    today = timezone.localdate()
    campaigns = campaigns_visible_to(user=user).filter(
        status=CampaignStatus.OPEN, deadline__gte=today
    )[:3]
    starts = [
        Start(
            label=_("五四评优推荐"),
            url=reverse("awards:campaign", args=[campaign.pk]),
            note=_("%(title)s，%(deadline)s 截止")
            % {"title": campaign.title, "deadline": date_text(campaign.deadline)},
        )
        for campaign in campaigns
    ]
    if units_led_by(user=user).filter(kind=OrgKind.LEAGUE_COMMITTEE).exists():
        starts.append(Start(label=_("发起五四评优"), url=reverse("awards:new")))
    return starts
