"""REST API v1 for 五四评优: campaigns, nominations, the judge's ballot, the panel's results and
the honours roll.

The campaign's steps (评审汇总 ``publish_shortlist``, 党委审定 ``confirm``, 印发表彰决定
``issue_decision``) and each nomination's reviews are acted on through the generic task
endpoints (``/api/v1/tasks/<pk>/act/``), exactly as the pages do; ``data`` passes through to
the step's handler.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from workflows.awards import panel, selectors, services
from workflows.awards.conditions import rules_of
from workflows.awards.models import (
    Ballot,
    Campaign,
    CampaignStatus,
    Category,
    Nomination,
    NominationStatus,
)
from workflows.awards.presets import category_presets
from workflows.awards.records import quota_for
from workflows.engine.bounds import ID, SCORE, YEAR
from workflows.engine.errors import CaseError
from workflows.org.models import Organization, OrgKind
from workflows.rules.selectors import rules_resolve
from workflows.wording import person_name

from .base import ApiListView, ApiView
from .filtering import query_valid, status_documented, status_filtered
from .serializers import WithActiveTasks


# Representations.
class QuotaSerializer(serializers.Serializer):
    limit = serializers.IntegerField()
    explain = serializers.CharField(help_text="The arithmetic behind the limit, in words.")


class ConditionsSerializer(serializers.Serializer):
    """Who may be nominated for the category; null or 0 where it sets no condition."""

    age_min = serializers.IntegerField(allow_null=True)
    age_max = serializers.IntegerField(allow_null=True)
    league_years_min = serializers.IntegerField()
    league_member_required = serializers.BooleanField()
    review_required = serializers.CharField()
    volunteer_hours_min = serializers.IntegerField()
    dues_arrears_max = serializers.IntegerField(allow_null=True)
    cadre_years_min = serializers.IntegerField(allow_null=True)
    exclude_full_time_cadre = serializers.BooleanField()
    repeat_gap_years = serializers.IntegerField()
    unit_members_min = serializers.IntegerField()
    term_current_required = serializers.BooleanField()
    deeds_max_chars = serializers.IntegerField()


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    judging = serializers.CharField()
    judging_display = serializers.CharField(source="get_judging_display")
    basis = serializers.CharField()
    basis_display = serializers.CharField(source="get_basis_display")
    quota_value = serializers.IntegerField(help_text="Percent of the basis, or the fixed count.")
    unit_quota_value = serializers.IntegerField(allow_null=True)
    conditions = ConditionsSerializer(source="*")
    quota = serializers.SerializerMethodField(
        help_text="The awards the campaign may give in this category."
    )

    @extend_schema_field(QuotaSerializer)
    def get_quota(self, category: Category) -> dict:
        campaign = category.campaign
        quota = quota_for(
            category=category, unit=campaign.org, rules=self.context["rules"], whole=True
        )
        return QuotaSerializer(quota).data


class UnitQuotaSerializer(serializers.Serializer):
    category = serializers.IntegerField(source="category.pk")
    category_name = serializers.CharField(source="category.name")
    unit = serializers.IntegerField(source="unit.pk")
    unit_name = serializers.CharField(source="unit.name")
    limit = serializers.IntegerField(source="quota.limit")
    used = serializers.IntegerField()
    left = serializers.IntegerField()
    explain = serializers.CharField(source="quota.explain")


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return person_name(user)


class CampaignSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    title = serializers.CharField()
    year = serializers.IntegerField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    org = serializers.IntegerField(source="org_id")
    org_name = serializers.CharField(source="org.name")
    cutoff_date = serializers.DateField()
    deadline = serializers.DateField()
    accepts_nominations = serializers.BooleanField()
    notice_number = serializers.CharField()
    decision_number = serializers.CharField()
    confirmed_on = serializers.DateField(allow_null=True)
    decided_on = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


class CampaignDetailSerializer(WithActiveTasks, CampaignSerializer):
    """The campaign with its categories, the caller's unit quotas and the steps open on it."""

    notice = serializers.CharField()
    categories = serializers.SerializerMethodField()
    unit_quotas = serializers.SerializerMethodField(
        help_text="The quota of each unit the caller nominates from, per category."
    )
    judges = PersonSerializer(source="judges.all", many=True)
    managed = serializers.SerializerMethodField(
        help_text="The caller runs the campaign (results, opening the 通知)."
    )
    is_judge = serializers.SerializerMethodField()

    @extend_schema_field(CategorySerializer(many=True))
    def get_categories(self, campaign: Campaign) -> list[dict]:
        context = {"rules": rules_of(campaign)}
        return CategorySerializer(campaign.categories.all(), many=True, context=context).data

    @extend_schema_field(UnitQuotaSerializer(many=True))
    def get_unit_quotas(self, campaign: Campaign) -> list[dict]:
        rows = selectors.unit_quotas(user=self.context["user"], campaign=campaign)
        return UnitQuotaSerializer(rows, many=True).data

    def get_managed(self, campaign: Campaign) -> bool:
        return selectors.campaign_managed_by(campaign=campaign, user=self.context["user"])

    def get_is_judge(self, campaign: Campaign) -> bool:
        return campaign.judges.filter(pk=self.context["user"].pk).exists()


class NominationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    category = serializers.IntegerField(source="category_id")
    category_code = serializers.CharField(source="category.code")
    category_name = serializers.CharField(source="category.name")
    nominee_name = serializers.CharField()
    member = serializers.IntegerField(source="subject_id", allow_null=True)
    nominee_org = serializers.IntegerField(source="nominee_org_id", allow_null=True)
    quota_unit = serializers.IntegerField(source="quota_unit_id")
    quota_unit_name = serializers.CharField(source="quota_unit.name")
    nominated_by = serializers.CharField()
    nominated_by_display = serializers.CharField(source="get_nominated_by_display")
    votes_for = serializers.IntegerField(allow_null=True)
    judges_counted = serializers.IntegerField(allow_null=True)
    score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


class NominationDetailSerializer(WithActiveTasks, NominationSerializer):
    """The nomination as submitted (the 推荐审批表) and the steps open on it."""

    deeds = serializers.CharField()
    honours = serializers.CharField()
    form = serializers.DictField(help_text="The 推荐审批表 fields copied on the day.")


class BallotItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    headline = serializers.CharField()
    nominee_name = serializers.CharField()
    unit_name = serializers.CharField(source="org.name")
    category = serializers.IntegerField(source="category_id")
    category_name = serializers.CharField(source="category.name")
    judging = serializers.CharField(source="category.judging")
    judging_display = serializers.CharField(source="category.get_judging_display")
    deeds = serializers.CharField()


class CastSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(source="nomination_id")
    approve = serializers.BooleanField()
    score = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    cast_at = serializers.DateTimeField()


class BallotSheetSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    status = serializers.CharField()
    open = serializers.BooleanField(help_text="The campaign is in its panel stage.")
    cast = serializers.BooleanField(help_text="The caller has already submitted a ballot.")
    nominations = BallotItemSerializer(many=True, help_text="Those the caller judges.")
    recused = BallotItemSerializer(many=True, help_text="Those the caller must not judge.")
    ballots = CastSerializer(many=True, help_text="What the caller cast, once submitted.")


class TallySerializer(serializers.Serializer):
    nomination = serializers.IntegerField(source="nomination_id")
    name = serializers.CharField()
    votes_for = serializers.IntegerField()
    judges = serializers.IntegerField(help_text="Judges able to judge: the panel less recusals.")
    score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    passed = serializers.BooleanField()


class CategoryResultSerializer(serializers.Serializer):
    category = serializers.IntegerField(source="category.pk")
    code = serializers.CharField(source="category.code")
    name = serializers.CharField(source="category.name")
    judging = serializers.CharField(source="category.judging")
    quota = QuotaSerializer()
    tallies = TallySerializer(many=True)
    ranked = serializers.SerializerMethodField(help_text="Those who passed, best first.")
    selected = serializers.ListField(source="ranking.selected", child=serializers.IntegerField())
    tied = serializers.SerializerMethodField(help_text="Tied at the quota line.")
    tie_seats = serializers.IntegerField(source="ranking.tie_seats")
    tie_open = serializers.BooleanField(source="ranking.tie_open")
    tie_text = serializers.CharField(source="ranking.tie_text")

    def get_ranked(self, result) -> list[int]:
        return [tally.nomination_id for tally in result.ranking.ranked]

    def get_tied(self, result) -> list[int]:
        return [tally.nomination_id for tally in result.ranking.tied]


class ResultsSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    status = serializers.CharField()
    judges_missing = PersonSerializer(many=True)
    categories = CategoryResultSerializer(many=True)


class HonourSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    holder = serializers.SerializerMethodField()
    member = serializers.IntegerField(source="member_id", allow_null=True)
    org = serializers.IntegerField(source="org_id", allow_null=True)
    category_code = serializers.CharField()
    title = serializers.CharField()
    year = serializers.IntegerField()
    awarded_by = serializers.IntegerField(source="awarded_by_id")
    awarded_by_name = serializers.CharField(source="awarded_by.name")
    awarded_on = serializers.DateField()
    document_number = serializers.CharField()
    nomination = serializers.IntegerField(source="nomination_id", allow_null=True)

    def get_holder(self, honour) -> str:
        return honour.member.name if honour.member_id else honour.org.name


# Input. What the rules speak about (blank deeds, a deadline in the past, the quota) is left to
# the services, so the answer names the rule.
class CampaignCreateSerializer(serializers.Serializer):
    org = serializers.IntegerField(help_text="The 团委 running the campaign.", **ID.limits)
    title = serializers.CharField(max_length=120, allow_blank=True)
    year = serializers.IntegerField(**YEAR.limits)
    cutoff_date = serializers.DateField()
    deadline = serializers.DateField()
    notice = serializers.CharField(max_length=6000, allow_blank=True)
    judges = serializers.ListField(
        child=serializers.IntegerField(**ID.limits),
        min_length=1,
        max_length=100,
        help_text="User ids holding office in the committee or the units under it.",
    )
    codes = serializers.ListField(
        child=serializers.CharField(max_length=30, allow_blank=True),
        required=False,
        min_length=1,
        max_length=50,
        help_text="Category codes; all the usual categories when left out.",
    )


class NominationCreateSerializer(serializers.Serializer):
    category = serializers.IntegerField(**ID.limits)
    member = serializers.IntegerField(
        required=False, allow_null=True, help_text="For an individual category.", **ID.limits
    )
    org = serializers.IntegerField(
        required=False, allow_null=True, help_text="For a collective category.", **ID.limits
    )
    deeds = serializers.CharField(allow_blank=True, max_length=20000)
    honours = serializers.CharField(allow_blank=True, max_length=2000, default="")
    post = serializers.CharField(allow_blank=True, max_length=60, default="")


class NominationQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=NominationStatus.choices, required=False)
    category = serializers.IntegerField(required=False, help_text="A category id.", **ID.limits)


class HonourQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, **YEAR.limits)


class BallotEntrySerializer(serializers.Serializer):
    nomination = serializers.IntegerField(**ID.limits)
    approve = serializers.BooleanField(required=False, help_text="For a voted category.")
    score = serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        coerce_to_string=False,
        required=False,
        help_text="For a scored category, with at most one decimal.",
        **SCORE.limits,
    )


class BallotCastSerializer(serializers.Serializer):
    entries = BallotEntrySerializer(many=True, max_length=1000)

    def validate_entries(self, entries: list[dict]) -> list[dict]:
        ids = [entry["nomination"] for entry in entries]
        if len(ids) != len(set(ids)):
            raise CaseError(_("同一推荐只能评审一次"))
        return entries


# Views.
def _campaign_or_404(request: Request, pk: int) -> Campaign:
    campaign = selectors.campaigns_visible_to(user=request.user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def _managed_or_404(request: Request, pk: int) -> Campaign:
    campaign = _campaign_or_404(request, pk)
    if not selectors.campaign_managed_by(campaign=campaign, user=request.user):
        raise Http404
    return campaign


def _judged_or_404(request: Request, pk: int) -> Campaign:
    campaign = _campaign_or_404(request, pk)
    if not campaign.judges.filter(pk=request.user.pk).exists():
        raise Http404
    return campaign


def _detail(request: Request, campaign: Campaign) -> dict:
    return CampaignDetailSerializer(campaign, context={"user": request.user}).data


def _committees_led(user):
    committees = Organization.objects.filter(kind=OrgKind.LEAGUE_COMMITTEE)
    if user.is_superuser:
        return committees
    return committees.filter(pk__in=selectors.units_led_by(user=user))


def _judges(ids: list[int]) -> list:
    """The users behind ``ids``; whether each may judge is the service's to say."""
    users = list(get_user_model().objects.filter(pk__in=ids))
    unknown = sorted(set(ids) - {user.pk for user in users})
    if unknown:
        raise CaseError(
            _("用户 %(ids)s 不存在，不能担任评委") % {"ids": "、".join(str(pk) for pk in unknown)}
        )
    return users


def _codes(committee: Organization, codes: list[str] | None) -> list[str] | None:
    if codes is None:
        return None
    rules = rules_resolve(process=services.PROCESS_KEY, org=committee, on=timezone.localdate())
    known = {preset["code"] for preset in category_presets(rules)}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise CaseError(_("没有奖项代码：%(codes)s") % {"codes": "、".join(unknown)})
    return codes


@status_documented(CampaignStatus.values)
class CampaignListCreateView(ApiListView):
    """五四评优 campaigns the user sees (``?status=``); drafts only to the organising committee.
    POST starts a draft with the usual categories."""

    serializer_class = CampaignSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        return status_filtered(selectors.campaigns_visible_to(user=self.request.user), self)

    @extend_schema(
        request=CampaignCreateSerializer,
        responses={201: CampaignDetailSerializer},
        description="A secretary or deputy of a 团委 starts a draft campaign; 404 for a "
        "committee the user does not lead. Rule violations answer 400 with ``violations``.",
    )
    def post(self, request: Request) -> Response:
        serializer = CampaignCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        committee = _committees_led(request.user).filter(pk=data["org"]).first()
        if committee is None:
            raise Http404
        campaign = services.campaign_create(
            org=committee,
            title=data["title"],
            year=data["year"],
            cutoff_date=data["cutoff_date"],
            deadline=data["deadline"],
            notice=data["notice"],
            judges=_judges(data["judges"]),
            codes=_codes(committee, data.get("codes")),
            by=request.user,
        )
        return Response(_detail(request, campaign), status=status.HTTP_201_CREATED)


class CampaignDetailView(ApiView):
    @extend_schema(responses=CampaignDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, _campaign_or_404(request, pk)))


class CampaignOpenView(ApiView):
    @extend_schema(
        request=None,
        responses=CampaignDetailSerializer,
        description="Publish the 通知: nominations open until the deadline. Only the "
        "organising committee's secretary or deputy; 404 for anyone who does not run it.",
    )
    def post(self, request: Request, pk: int) -> Response:
        campaign = _managed_or_404(request, pk)
        services.campaign_open(campaign=campaign, by=request.user)
        return Response(_detail(request, campaign))


class NominationListCreateView(ApiListView):
    """The campaign's nominations the user may see (``?status=``, ``?category=``); POST
    nominates a member (individual categories) or a unit (collective ones)."""

    serializer_class = NominationSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        campaign = _campaign_or_404(self.request, self.kwargs["pk"])
        queryset = selectors.campaign_nominations(campaign=campaign, user=self.request.user)
        query = query_valid(NominationQuerySerializer, self.request)
        if query.get("status"):
            queryset = queryset.filter(status=query["status"])
        if query.get("category"):
            queryset = queryset.filter(category_id=query["category"])
        return queryset

    @extend_schema(parameters=[NominationQuerySerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=NominationCreateSerializer,
        responses={201: NominationDetailSerializer},
        description="Nominate oneself, a member of a branch one leads, or a unit one leads (or "
        "directly above). Late, ineligible or over-quota nominations answer 400 with "
        "``violations`` naming the rule.",
    )
    def post(self, request: Request, pk: int) -> Response:
        campaign = _campaign_or_404(request, pk)
        serializer = NominationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        category = campaign.categories.filter(pk=data["category"]).first()
        if category is None:
            raise CaseError(_("本次评选没有这个奖项"))
        member = org = None
        if category.is_collective:
            if data.get("org") is None:
                raise CaseError(_("请选择推荐的集体"))
            org = (
                selectors.nominee_units(user=request.user, category=category)
                .filter(pk=data["org"])
                .first()
            )
            if org is None:
                raise CaseError(_("不是您可以申报的集体"))
        elif data.get("member") is not None:
            member = (
                selectors.nominee_members(user=request.user, campaign=campaign)
                .filter(pk=data["member"])
                .first()
            )
            if member is None:
                raise CaseError(_("只能推荐本人或所在团支部的团员"))
        nomination = services.nomination_submit(
            category=category,
            by=request.user,
            member=member,
            org=org,
            deeds=data["deeds"],
            honours=data["honours"],
            extra={"职务": data["post"]} if data["post"].strip() else {},
        )
        nomination = Nomination.objects.get(pk=nomination.pk)
        return Response(NominationDetailSerializer(nomination).data, status=status.HTTP_201_CREATED)


def _sheet(campaign: Campaign, user) -> dict:
    mine, recused = panel.ballot_sheet(campaign=campaign, user=user)
    cast = list(
        Ballot.objects.filter(judge=user, nomination__campaign=campaign).order_by("nomination_id")
    )
    return BallotSheetSerializer(
        {
            "campaign": campaign.pk,
            "status": campaign.status,
            "open": campaign.status == CampaignStatus.PANEL,
            "cast": bool(cast),
            "nominations": mine,
            "recused": recused,
            "ballots": cast,
        }
    ).data


class BallotView(ApiView):
    """A judge's ballot: every nomination they judge, each by vote or by score, in one go."""

    parser_classes = [JSONParser]

    @extend_schema(
        responses=BallotSheetSerializer,
        description="The caller's ballot sheet; 404 for anyone not on the panel.",
    )
    def get(self, request: Request, pk: int) -> Response:
        campaign = _judged_or_404(request, pk)
        return Response(_sheet(campaign, request.user))

    @extend_schema(
        request=BallotCastSerializer,
        responses={201: BallotSheetSerializer},
        description="Cast the whole ballot once: ``approve`` for a voted category, ``score`` "
        "(0–100) for a scored one, for every nomination on the sheet and none the caller is "
        "recused from. 404 for anyone not on the panel.",
    )
    def post(self, request: Request, pk: int) -> Response:
        campaign = _judged_or_404(request, pk)
        serializer = BallotCastSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entries = {}
        for entry in serializer.validated_data["entries"]:
            value = {key: entry[key] for key in ("approve", "score") if key in entry}
            entries[entry["nomination"]] = value
        panel.ballot_cast(campaign=campaign, by=request.user, entries=entries)
        return Response(_sheet(campaign, request.user), status=status.HTTP_201_CREATED)


class ResultsView(ApiView):
    @extend_schema(
        responses=ResultsSerializer,
        description="The panel's tallies and ranking per category within the campaign's quota, "
        "from the ballots cast so far; only for those who run the campaign (404 otherwise).",
    )
    def get(self, request: Request, pk: int) -> Response:
        campaign = _managed_or_404(request, pk)
        body = {
            "campaign": campaign.pk,
            "status": campaign.status,
            "judges_missing": panel.judges_missing(campaign=campaign),
            "categories": panel.panel_results(campaign=campaign),
        }
        return Response(ResultsSerializer(body).data)


class HonourListView(ApiListView):
    """Honours on the records of the members and units in the user's scope (``?year=``)."""

    serializer_class = HonourSerializer

    def get_queryset(self):
        queryset = selectors.honours_visible_to(user=self.request.user)
        year = query_valid(HonourQuerySerializer, self.request).get("year")
        return queryset.filter(year=year) if year else queryset

    @extend_schema(parameters=[HonourQuerySerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)
