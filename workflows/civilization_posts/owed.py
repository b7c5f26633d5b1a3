"""互检互查 score sheets a reviewer still owes, for the 待办 count."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.engine.owed import Owed
from workflows.org.selectors import acting_user_ids

from .models import CycleStatus, PeerReview


def score_sheets_owed(*, user: AbstractBaseUser) -> list[Owed]:
    count = PeerReview.objects.filter(
        reviewer_id__in=acting_user_ids(user=user, on=timezone.localdate()),
        application__cycle__status=CycleStatus.PEER_REVIEW,
        submitted_at__isnull=True,
    ).count()
    return [Owed(label=_("互检互查评分"), count=count, url=reverse("civilization_posts:reviews"))]
