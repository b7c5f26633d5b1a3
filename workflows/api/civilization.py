"""REST API v1 for 青年文明号: collectives and their rosters, two-year cycles with their rubric,
创建备案 and 申报, the reviewer's 互检互查 score sheets, the committee's results, the
recognitions and the yearly review.

The cycle's steps are acted on through the generic task endpoints (``/api/v1/tasks/<pk>/act/``),
exactly as the pages do; ``data`` passes through to the step's handler:

- 发布申报通知 ``open_applications``: ``{"application_deadline": "2026-12-31"}`` (optional);
- 组织互检互查 ``start_peer_review``: ``{"review_due_on": "2027-01-15"}`` (optional; else the
  rulebook's working days);
- 团委评定 ``publish_assessment``: ``{"stars": {"<application id>": 0–3}, "allow_missing": false}``
  (an application left out of ``stars`` takes the level ``results`` suggests; 0 leaves it out);
- 印发命名决定 ``issue_recognition``.

Each filing's and application's steps (``approve``, ``return``, ``reject``; ``resubmit`` with
the revised text or ``scores``; ``withdraw``; an objection's ``dismiss`` or ``uphold``) and the
yearly review's (``submit_yearly_report`` with ``report``; ``pass_review``, ``warn``,
``downgrade`` with ``stars``, ``revoke``; ``submit_rectification`` with ``rectification``;
``rectified`` or ``not_rectified``) go the same way. Evidence files are attached on the pages.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from workflows.civilization_posts import peer_review, selectors, services, yearly
from workflows.civilization_posts.models import (
    CYCLE_START_YEAR,
    ApplicationStatus,
    CollectiveKind,
    Cycle,
    CycleStatus,
    Filing,
    FilingStatus,
    PostApplication,
    PostRole,
    RecognitionStatus,
    YearlyStatus,
)
from workflows.civilization_posts.records import basic_rules, collective_facts, collective_problems
from workflows.civilization_posts.roster import collective_register, manages, person_add
from workflows.civilization_posts.rubric import rubric_from_data
from workflows.civilization_posts.vetoes import age_on
from workflows.engine.bounds import ID, YEAR
from workflows.engine.errors import CaseError
from workflows.org.models import LEAGUE_KINDS, Organization
from workflows.rules.selectors import rules_resolve
from workflows.wording import person_name

from .base import ApiListView, ApiView
from .filtering import query_valid, status_documented, status_filtered
from .serializers import WithActiveTasks

# Points as sent: a finite number (JSON number or numeric text), bounded here; the rubric's own
# limits (0 up to the item's points, in half points) are checked and worded by the services.
POINTS = {
    "max_digits": None,
    "decimal_places": None,
    "min_value": -10000,
    "max_value": 10000,
    "coerce_to_string": False,
}


# Representations.
class BasicFactsSerializer(serializers.Serializer):
    """The roster counted for the basic conditions on one day."""

    on = serializers.DateField()
    members = serializers.IntegerField()
    young = serializers.IntegerField(help_text="Aged ``young_age_max`` or under that day.")
    leader_name = serializers.CharField(allow_null=True)
    leader_age = serializers.IntegerField(allow_null=True)


class BasicRulesSerializer(serializers.Serializer):
    members_min = serializers.IntegerField()
    members_max = serializers.IntegerField()
    young_age_max = serializers.IntegerField()
    young_share_min = serializers.CharField(help_text="A fraction, e.g. ``1/2``.")
    leader_age_max = serializers.IntegerField()


class RosterPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    gender = serializers.CharField()
    birth_date = serializers.DateField()
    age = serializers.SerializerMethodField()
    post = serializers.CharField()
    role = serializers.CharField()
    role_display = serializers.CharField(source="get_role_display")
    has_account = serializers.SerializerMethodField(
        help_text="Linked to a user account: a 号长 or 副号长 with one scores 互检互查."
    )

    def get_age(self, person) -> int:
        return age_on(person.birth_date, self.context["today"])

    def get_has_account(self, person) -> bool:
        return person.user_id is not None


class RecognitionEventSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    on = serializers.DateField()
    stars_before = serializers.IntegerField(allow_null=True)
    stars_after = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()


class RecognitionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    collective = serializers.IntegerField(source="collective_id")
    collective_name = serializers.CharField(source="collective.name")
    cycle = serializers.IntegerField(source="cycle_id", allow_null=True)
    application = serializers.IntegerField(source="application_id", allow_null=True)
    title = serializers.CharField()
    stars = serializers.IntegerField()
    stars_display = serializers.CharField(source="get_stars_display")
    awarded_by = serializers.IntegerField(source="awarded_by_id")
    awarded_by_name = serializers.CharField(source="awarded_by.name")
    recognised_on = serializers.DateField()
    document_number = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    revoked_on = serializers.DateField(allow_null=True)
    events = RecognitionEventSerializer(source="events.all", many=True)


class CollectiveSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    org = serializers.IntegerField(source="org_id")
    org_name = serializers.CharField(source="org.name")
    group = serializers.IntegerField(source="group_id", allow_null=True)
    group_name = serializers.CharField(source="group", allow_null=True)
    is_active = serializers.BooleanField()
    headcount = serializers.IntegerField(help_text="People on the roster now.")


class CollectiveDetailSerializer(CollectiveSerializer):
    """The collective with its roster, the basic conditions it meets or fails today and its
    青年文明号 record."""

    headcount = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    managed = serializers.SerializerMethodField(help_text="The caller may change the roster.")
    roster = RosterPersonSerializer(many=True)
    rules_label = serializers.SerializerMethodField(help_text="The rulebook the numbers are from.")
    conditions = serializers.SerializerMethodField()
    facts = serializers.SerializerMethodField()
    problems = serializers.SerializerMethodField(help_text="Each failed condition, in words.")
    recognitions = serializers.SerializerMethodField()

    def get_headcount(self, collective) -> int:
        return len(collective.roster())

    def get_managed(self, collective) -> bool:
        return manages(user=self.context["user"], org=collective.org)

    def get_rules_label(self, collective) -> str:
        return self.context["rules"].label

    @extend_schema_field(BasicRulesSerializer)
    def get_conditions(self, collective) -> dict:
        return BasicRulesSerializer(basic_rules(self.context["rules"])).data

    @extend_schema_field(BasicFactsSerializer)
    def get_facts(self, collective) -> dict:
        facts = collective_facts(
            collective=collective, on=self.context["today"], rules=self.context["rules"]
        )
        return BasicFactsSerializer(facts).data

    def get_problems(self, collective) -> list[str]:
        return collective_problems(
            collective=collective, on=self.context["today"], rules=self.context["rules"]
        )

    @extend_schema_field(RecognitionSerializer(many=True))
    def get_recognitions(self, collective) -> list[dict]:
        recognitions = collective.recognitions.select_related("awarded_by")
        return RecognitionSerializer(recognitions.prefetch_related("events"), many=True).data


class RubricItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="``<section>.<item>``, e.g. ``2.1``.")
    text = serializers.CharField()
    max = serializers.DecimalField(
        max_digits=None, decimal_places=None, help_text="Points, in half points."
    )


class RubricSectionSerializer(serializers.Serializer):
    name = serializers.CharField()
    items = RubricItemSerializer(many=True)


class RubricVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    sections = RubricSectionSerializer(many=True)
    max = serializers.DecimalField(source="rubric.max", max_digits=None, decimal_places=None)
    created_at = serializers.DateTimeField()


class CycleSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    title = serializers.CharField()
    start_year = serializers.IntegerField(help_text="Odd: 创建备案; the next year 申报 and 评审.")
    review_year = serializers.IntegerField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    org = serializers.IntegerField(source="org_id")
    org_name = serializers.CharField(source="org.name")
    filing_deadline = serializers.DateField()
    application_deadline = serializers.DateField()
    accepts_filings = serializers.BooleanField()
    accepts_applications = serializers.BooleanField()
    review_due_on = serializers.DateField(allow_null=True)
    notice_number = serializers.CharField()
    application_notice_number = serializers.CharField()
    decision_number = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


class CycleDetailSerializer(WithActiveTasks, CycleSerializer):
    """The cycle with its current rubric and the steps open on it."""

    notice = serializers.CharField()
    rubric = RubricVersionSerializer(source="rubric_version")
    managed = serializers.SerializerMethodField(
        help_text="The caller runs the cycle (rubric, 通知, results)."
    )

    def get_managed(self, cycle: Cycle) -> bool:
        return services.cycle_managed_by(cycle=cycle, user=self.context["user"])


class CollectiveCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    cycle = serializers.IntegerField(source="cycle_id")
    collective = serializers.IntegerField(source="collective_id")
    collective_name = serializers.CharField(source="collective.name")
    org = serializers.IntegerField(source="org_id")
    org_name = serializers.CharField(source="collective.org.name")
    by_unit = serializers.BooleanField(help_text="Sent by the unit's league organisation.")
    created_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


class FilingSerializer(CollectiveCaseSerializer):
    slogan = serializers.CharField()


class FilingDetailSerializer(WithActiveTasks, FilingSerializer):
    plan = serializers.CharField()
    targets = serializers.CharField()
    carriers = serializers.CharField()
    pledge = serializers.CharField()
    basic_facts = serializers.DictField(help_text="The roster as counted on submission.")


class PostApplicationSerializer(CollectiveCaseSerializer):
    rubric_version = serializers.IntegerField(source="rubric.version")
    self_total = serializers.DecimalField(max_digits=6, decimal_places=1)
    peer_mean = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    peer_count = serializers.IntegerField(allow_null=True)
    stars = serializers.IntegerField(allow_null=True, help_text="The proposed star level.")


class PostApplicationDetailSerializer(WithActiveTasks, PostApplicationSerializer):
    summary = serializers.CharField()
    self_scores = serializers.DictField(child=serializers.CharField())
    basic_facts = serializers.DictField(help_text="The roster as counted on submission.")


class PeerReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    cycle = serializers.IntegerField(source="application.cycle_id")
    cycle_title = serializers.CharField(source="application.cycle.title")
    application = serializers.IntegerField(source="application_id")
    application_reference = serializers.CharField(source="application.reference")
    collective_name = serializers.CharField(source="application.collective.name")
    reviewer_collective = serializers.IntegerField(source="reviewer_collective_id")
    reviewer_collective_name = serializers.CharField(source="reviewer_collective.name")
    due_on = serializers.DateField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    total = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    scores = serializers.DictField(child=serializers.CharField())
    comment = serializers.CharField()


class PeerReviewDetailSerializer(PeerReviewSerializer):
    """One score sheet with what is scored: the applicant's rubric and summary."""

    rubric = RubricVersionSerializer(source="application.rubric")
    summary = serializers.CharField(source="application.summary")
    self_total = serializers.DecimalField(
        source="application.self_total", max_digits=6, decimal_places=1
    )


class ReviewLineSerializer(serializers.Serializer):
    review = serializers.IntegerField(source="review.pk")
    reviewer_collective = serializers.IntegerField(source="review.reviewer_collective_id")
    reviewer_collective_name = serializers.CharField(source="review.reviewer_collective.name")
    reviewer_name = serializers.SerializerMethodField()
    total = serializers.DecimalField(
        source="review.total", max_digits=6, decimal_places=1, allow_null=True
    )
    submitted_at = serializers.DateTimeField(source="review.submitted_at", allow_null=True)
    outlier = serializers.BooleanField(
        help_text="Further than the rulebook's points from the median of the totals."
    )

    def get_reviewer_name(self, line) -> str:
        return person_name(line.review.reviewer)


class ApplicationResultSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="application.pk")
    reference = serializers.CharField(source="application.reference")
    collective = serializers.IntegerField(source="application.collective_id")
    collective_name = serializers.CharField(source="application.collective.name")
    group_name = serializers.CharField(source="application.collective.group", allow_null=True)
    reviews = ReviewLineSerializer(source="lines", many=True)
    count = serializers.IntegerField(help_text="Score sheets submitted.")
    missing = serializers.IntegerField(help_text="Score sheets not submitted yet.")
    mean = serializers.DecimalField(
        source="mean.value", max_digits=6, decimal_places=2, allow_null=True
    )
    trimmed = serializers.BooleanField(
        source="mean.trimmed", help_text="The highest and the lowest total were left out."
    )
    dropped = serializers.ListField(
        source="mean.dropped", child=serializers.DecimalField(max_digits=6, decimal_places=1)
    )
    suggested_stars = serializers.IntegerField(
        source="suggested", help_text="The level the mean reaches; 0 below the pass score."
    )
    summary = serializers.CharField(help_text="The result in words, as the assessment records it.")


class CycleResultsSerializer(serializers.Serializer):
    cycle = serializers.IntegerField()
    status = serializers.CharField()
    missing = serializers.IntegerField(help_text="Score sheets not submitted, in all.")
    applications = ApplicationResultSerializer(many=True)


class YearlyReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    year = serializers.IntegerField()
    collective = serializers.IntegerField(source="collective_id")
    collective_name = serializers.CharField(source="collective.name")
    recognition = serializers.IntegerField(source="recognition_id")
    stars_before = serializers.IntegerField()
    stars_after = serializers.IntegerField(allow_null=True)
    rectify_by = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


# Input. What the rules speak about (blank text, dates, the rubric's points, the roster) is
# left to the services, so the answer names the rule.
class CollectiveFilterSerializer(serializers.Serializer):
    group = serializers.IntegerField(required=False, help_text="A review group id.", **ID.limits)
    kind = serializers.ChoiceField(choices=CollectiveKind.choices, required=False)


class CollectiveCreateSerializer(serializers.Serializer):
    org = serializers.IntegerField(help_text="The league organisation it belongs to.", **ID.limits)
    name = serializers.CharField(max_length=120, allow_blank=True)
    kind = serializers.ChoiceField(choices=CollectiveKind.choices)


class PersonCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50, allow_blank=True)
    gender = serializers.ChoiceField(choices=["男", "女"])
    birth_date = serializers.DateField()
    post = serializers.CharField(max_length=60, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=PostRole.choices, default=PostRole.MEMBER)


class CycleCreateSerializer(serializers.Serializer):
    org = serializers.IntegerField(help_text="The 团委 running the cycle.", **ID.limits)
    title = serializers.CharField(max_length=120, allow_blank=True)
    start_year = serializers.IntegerField(**CYCLE_START_YEAR.limits)
    filing_deadline = serializers.DateField()
    application_deadline = serializers.DateField()
    notice = serializers.CharField(max_length=6000, allow_blank=True)


class RubricItemInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200, allow_blank=True)
    max = serializers.DecimalField(help_text="Points, in half points.", **POINTS)


class RubricSectionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60, allow_blank=True)
    items = RubricItemInputSerializer(many=True, max_length=100)


class RubricUpdateSerializer(serializers.Serializer):
    sections = RubricSectionInputSerializer(many=True, max_length=50)


class FilingCreateSerializer(serializers.Serializer):
    collective = serializers.IntegerField(**ID.limits)
    plan = serializers.CharField(max_length=4000, allow_blank=True)
    targets = serializers.CharField(max_length=2000, allow_blank=True)
    carriers = serializers.CharField(max_length=2000, allow_blank=True)
    slogan = serializers.CharField(max_length=60, allow_blank=True)
    pledge = serializers.CharField(max_length=2000, allow_blank=True)


def _scores() -> serializers.DictField:
    return serializers.DictField(
        child=serializers.DecimalField(**POINTS),
        help_text='Points per rubric item: ``{"1.1": "4.5", …}``.',
    )


class PostApplicationCreateSerializer(serializers.Serializer):
    collective = serializers.IntegerField(**ID.limits)
    summary = serializers.CharField(max_length=6000, allow_blank=True)
    scores = _scores()


class ReviewSubmitSerializer(serializers.Serializer):
    scores = _scores()
    comment = serializers.CharField(max_length=2000, allow_blank=True, default="")


class YearlyFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, **YEAR.limits)
    status = serializers.ChoiceField(choices=YearlyStatus.choices, required=False)


class YearlyStartSerializer(serializers.Serializer):
    committee = serializers.IntegerField(help_text="The 团委 that recognised them.", **ID.limits)
    year = serializers.IntegerField(**YEAR.limits)


# Views.
def _one_or_404(queryset, pk: int):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _cycle_or_404(request: Request, pk: int) -> Cycle:
    return _one_or_404(selectors.cycles_visible_to(user=request.user), pk)


def _managed_or_404(request: Request, pk: int) -> Cycle:
    cycle = _cycle_or_404(request, pk)
    if not services.cycle_managed_by(cycle=cycle, user=request.user):
        raise Http404
    return cycle


def _review_or_404(request: Request, pk: int):
    review = next((r for r in selectors.reviews_of(user=request.user) if r.pk == pk), None)
    if review is None:
        raise Http404
    return review


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _collective_detail(request: Request, collective) -> dict:
    today = timezone.localdate()
    rules = rules_resolve(process=services.PROCESS_KEY, org=collective.org, on=today)
    context = {"user": request.user, "today": today, "rules": rules}
    return CollectiveDetailSerializer(collective, context=context).data


def _cycle_detail(request: Request, cycle: Cycle) -> dict:
    return CycleDetailSerializer(cycle, context={"user": request.user}).data


def _sendable(request: Request, cycle: Cycle, pk: int):
    collective = (
        selectors.sendable_collectives(user=request.user, cycle=cycle).filter(pk=pk).first()
    )
    if collective is None:
        raise CaseError(_("不是您可以报送的集体"))
    return collective


class CollectiveListCreateView(ApiListView):
    """Collectives of the units where the user holds office (and below), and their own, each
    with its headcount (``?group=``, ``?kind=``); POST registers one."""

    serializer_class = CollectiveSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        filters = query_valid(CollectiveFilterSerializer, self.request)
        queryset = selectors.collectives_visible_to(user=self.request.user).filter(**filters)
        return selectors.collectives_with_counts(queryset).order_by("org_path", "name", "pk")

    @extend_schema(parameters=[CollectiveFilterSerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=CollectiveCreateSerializer,
        responses={201: CollectiveDetailSerializer},
        description="A secretary or deputy of the organisation, or of one above it, registers "
        "a collective; 404 for an organisation the user does not lead.",
    )
    def post(self, request: Request) -> Response:
        data = _valid(CollectiveCreateSerializer, request.data)
        org = Organization.objects.filter(pk=data["org"], kind__in=LEAGUE_KINDS).first()
        if org is None or not manages(user=request.user, org=org):
            raise Http404
        collective = collective_register(
            org=org, name=data["name"], kind=data["kind"], by=request.user
        )
        return Response(_collective_detail(request, collective), status=status.HTTP_201_CREATED)


class CollectiveDetailView(ApiView):
    @extend_schema(
        responses=CollectiveDetailSerializer,
        description="The roster with ages, the basic conditions counted today under the "
        "committee's rulebook, and the collective's recognitions with their history.",
    )
    def get(self, request: Request, pk: int) -> Response:
        collective = _one_or_404(selectors.collectives_visible_to(user=request.user), pk)
        return Response(_collective_detail(request, collective))


class PersonCreateView(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        request=PersonCreateSerializer,
        responses={201: CollectiveDetailSerializer},
        description="Add one person to the roster (a second 号长 is refused). Only the "
        "secretaries of the collective's organisation and those above it; 404 for a "
        "collective the user does not see.",
    )
    def post(self, request: Request, pk: int) -> Response:
        collective = _one_or_404(selectors.collectives_visible_to(user=request.user), pk)
        data = _valid(PersonCreateSerializer, request.data)
        person_add(collective=collective, by=request.user, **data)
        return Response(_collective_detail(request, collective), status=status.HTTP_201_CREATED)


@status_documented(CycleStatus.values)
class CycleListCreateView(ApiListView):
    """青年文明号 cycles the user sees (``?status=``); drafts only to the organising committee.
    POST starts a draft with the usual rubric."""

    serializer_class = CycleSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        return status_filtered(selectors.cycles_visible_to(user=self.request.user), self)

    @extend_schema(
        request=CycleCreateSerializer,
        responses={201: CycleDetailSerializer},
        description="A secretary or deputy of a 团委 starts a draft cycle; 404 for a committee "
        "the user does not lead. Rule violations (an even start year, deadlines out of order) "
        "answer 400 with ``violations``.",
    )
    def post(self, request: Request) -> Response:
        data = _valid(CycleCreateSerializer, request.data)
        committee = _one_or_404(selectors.committees_led_by(user=request.user), data.pop("org"))
        cycle = services.cycle_create(org=committee, by=request.user, **data)
        return Response(_cycle_detail(request, cycle), status=status.HTTP_201_CREATED)


class CycleDetailView(ApiView):
    @extend_schema(responses=CycleDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_cycle_detail(request, _cycle_or_404(request, pk)))


class CycleOpenView(ApiView):
    @extend_schema(
        request=None,
        responses=CycleDetailSerializer,
        description="Publish the 创建通知: 创建备案 is accepted until the filing deadline. Only "
        "the organising committee's secretary or deputy; 404 for anyone who does not run it.",
    )
    def post(self, request: Request, pk: int) -> Response:
        cycle = _managed_or_404(request, pk)
        services.cycle_open(cycle=cycle, by=request.user)
        return Response(_cycle_detail(request, cycle))


class RubricView(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        request=RubricUpdateSerializer,
        responses=CycleDetailSerializer,
        description="Save the 考核评分细则 as the cycle's next version (items are numbered "
        "``<section>.<item>``); fixed once the 申报通知 is out. 404 for anyone who does not "
        "run the cycle.",
    )
    def put(self, request: Request, pk: int) -> Response:
        cycle = _managed_or_404(request, pk)
        rubric = rubric_from_data(_valid(RubricUpdateSerializer, request.data)["sections"])
        services.rubric_update(cycle=cycle, rubric=rubric, by=request.user)
        return Response(_cycle_detail(request, cycle))


@status_documented(FilingStatus.values)
class FilingListCreateView(ApiListView):
    """The cycle's 创建备案 the user may see (``?status=``); POST files a collective the user
    leads as 号长/副号长 or through its league organisation."""

    serializer_class = FilingSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        cycle = _cycle_or_404(self.request, self.kwargs["pk"])
        queryset = selectors.cycle_cases(queryset=cycle.filings.all(), user=self.request.user)
        return status_filtered(queryset, self)

    @extend_schema(
        request=FilingCreateSerializer,
        responses={201: FilingDetailSerializer},
        description="Late filings, a second filing of the collective and a roster failing the "
        "basic conditions answer 400 with ``violations`` naming the rule.",
    )
    def post(self, request: Request, pk: int) -> Response:
        cycle = _cycle_or_404(request, pk)
        data = _valid(FilingCreateSerializer, request.data)
        collective = _sendable(request, cycle, data.pop("collective"))
        filing = services.filing_submit(cycle=cycle, collective=collective, by=request.user, **data)
        filing = Filing.objects.get(pk=filing.pk)
        return Response(FilingDetailSerializer(filing).data, status=status.HTTP_201_CREATED)


@status_documented(ApplicationStatus.values)
class ApplicationListCreateView(ApiListView):
    """The cycle's 申报 the user may see (``?status=``); POST applies for a filed collective
    with its self-assessment on the cycle's rubric (evidence files go through the pages)."""

    serializer_class = PostApplicationSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        cycle = _cycle_or_404(self.request, self.kwargs["pk"])
        queryset = selectors.cycle_cases(queryset=cycle.applications.all(), user=self.request.user)
        return status_filtered(queryset.select_related("rubric"), self)

    @extend_schema(
        request=PostApplicationCreateSerializer,
        responses={201: PostApplicationDetailSerializer},
        description="Every rubric item needs a score from 0 to its points in half points; late "
        "or unfiled collectives and rosters failing the basic conditions answer 400 with "
        "``violations`` naming the rule.",
    )
    def post(self, request: Request, pk: int) -> Response:
        cycle = _cycle_or_404(request, pk)
        data = _valid(PostApplicationCreateSerializer, request.data)
        application = services.application_submit(
            cycle=cycle,
            collective=_sendable(request, cycle, data["collective"]),
            summary=data["summary"],
            scores={code: str(points) for code, points in data["scores"].items()},
            by=request.user,
        )
        application = PostApplication.objects.get(pk=application.pk)
        return Response(
            PostApplicationDetailSerializer(application).data, status=status.HTTP_201_CREATED
        )


class ResultsView(ApiView):
    @extend_schema(
        responses=CycleResultsSerializer,
        description="Each application under 互检互查 with every reviewer's total (outliers "
        "flagged), the trimmed mean and the star level it suggests, from the sheets submitted "
        "so far; only for those who run the cycle (404 otherwise).",
    )
    def get(self, request: Request, pk: int) -> Response:
        cycle = _managed_or_404(request, pk)
        results = peer_review.cycle_results(cycle=cycle)
        body = {
            "cycle": cycle.pk,
            "status": cycle.status,
            "missing": sum(result.missing for result in results),
            "applications": results,
        }
        return Response(CycleResultsSerializer(body).data)


class PeerReviewListView(ApiListView):
    """The caller's 互检互查 score sheets in cycles still reviewing, those to score first."""

    serializer_class = PeerReviewSerializer

    def get_queryset(self):
        return selectors.reviews_of(user=self.request.user)


class PeerReviewView(ApiView):
    """One of the caller's score sheets; 404 for any sheet that is not theirs to score."""

    parser_classes = [JSONParser]

    @extend_schema(responses=PeerReviewDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(PeerReviewDetailSerializer(_review_or_404(request, pk)).data)

    @extend_schema(
        request=ReviewSubmitSerializer,
        responses=PeerReviewDetailSerializer,
        description="Submit the sheet once, a score for every rubric item; nobody scores their "
        "own collective.",
    )
    def post(self, request: Request, pk: int) -> Response:
        review = _review_or_404(request, pk)
        data = _valid(ReviewSubmitSerializer, request.data)
        peer_review.review_submit(
            application=review.application,
            by=request.user,
            scores={code: str(points) for code, points in data["scores"].items()},
            comment=data["comment"],
        )
        return Response(PeerReviewDetailSerializer(_review_or_404(request, pk)).data)


def _recognitions(request: Request):
    queryset = selectors.recognitions_visible_to(user=request.user)
    return queryset.prefetch_related("events")


@status_documented(RecognitionStatus.values)
class RecognitionListView(ApiListView):
    """青年文明号 held by the collectives in the user's scope (``?status=``), with their
    history."""

    serializer_class = RecognitionSerializer

    def get_queryset(self):
        return status_filtered(_recognitions(self.request), self)


class RecognitionDetailView(ApiView):
    @extend_schema(responses=RecognitionSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(RecognitionSerializer(_one_or_404(_recognitions(request), pk)).data)


class YearlyReviewListCreateView(ApiListView):
    """Yearly reviews in the user's scope (``?year=``, ``?status=``); POST starts the year's
    review of every 青年文明号 a committee recognised before it."""

    serializer_class = YearlyReviewSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        filters = query_valid(YearlyFilterSerializer, self.request)
        return selectors.yearly_reviews_visible_to(user=self.request.user).filter(**filters)

    @extend_schema(parameters=[YearlyFilterSerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=YearlyStartSerializer,
        responses={201: YearlyReviewSerializer(many=True)},
        description="A secretary or deputy of the 团委 starts the reviews; 404 for a committee "
        "the user does not lead. A year still to come, or nothing to review, answers 400.",
    )
    def post(self, request: Request) -> Response:
        data = _valid(YearlyStartSerializer, request.data)
        committee = _one_or_404(selectors.committees_led_by(user=request.user), data["committee"])
        started = yearly.yearly_reviews_start(
            committee=committee, year=data["year"], by=request.user
        )
        return Response(
            YearlyReviewSerializer(started, many=True).data, status=status.HTTP_201_CREATED
        )
