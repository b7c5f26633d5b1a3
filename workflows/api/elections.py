"""REST API v1 for 换届: report a 请示, read elections, the terms dashboard, term changes.

The election's steps after the 请示 are acted on through the generic task endpoints
(``/api/v1/tasks/<pk>/act/``), exactly as the pages do.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from workflows.elections import selectors as election_selectors
from workflows.elections.models import Election, Method, Status, Term
from workflows.elections.services import PROCESS_KEY, election_submit, plan_from_data
from workflows.elections.terms import term_change_request
from workflows.engine.bounds import ID, SEATS
from workflows.engine.visibility import cases_visible_to
from workflows.rules.selectors import rules_resolve

from .base import ApiListView, ApiView
from .filtering import query_valid, status_documented, status_filtered
from .serializers import WithActiveTasks

TERM_STATES = ["overdue", "due_soon", "ok", "no_term"]


# Representations.
class CandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    member = serializers.IntegerField(source="member_id")
    name = serializers.CharField(source="member.name")
    elected = serializers.BooleanField()
    votes = serializers.IntegerField(allow_null=True)


class RoundVoteSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(source="candidate_id")
    votes = serializers.IntegerField()
    elected = serializers.BooleanField()
    tied = serializers.BooleanField(help_text="Tied at the cut: the next round is among these.")


class RoundSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    meeting_date = serializers.DateField()
    seats = serializers.IntegerField()
    should_attend = serializers.IntegerField()
    present = serializers.IntegerField()
    issued = serializers.IntegerField()
    returned = serializers.IntegerField()
    void = serializers.IntegerField()
    outcome = serializers.CharField()
    summary = serializers.CharField()
    problems = serializers.ListField(child=serializers.CharField())
    votes = RoundVoteSerializer(many=True)


class OfficerSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="candidate.member_id")
    name = serializers.CharField(source="candidate.member.name")
    role = serializers.CharField()
    role_display = serializers.CharField(source="get_role_display")
    duty = serializers.CharField()


class ElectionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    branch = serializers.IntegerField(source="org_id")
    org = serializers.CharField(source="org.name")
    meeting_date = serializers.DateField()
    place = serializers.CharField()
    seats = serializers.IntegerField()
    vacant_seats = serializers.IntegerField()
    method = serializers.CharField()
    candidates = CandidateSerializer(many=True)
    rounds = RoundSerializer(many=True)
    officers = OfficerSerializer(many=True)
    request_number = serializers.CharField()
    plan_reply_number = serializers.CharField()
    report_number = serializers.CharField()
    result_reply_number = serializers.CharField()
    held_on = serializers.DateField(allow_null=True)
    reported_on = serializers.DateField(allow_null=True)
    report_due_on = serializers.DateField(allow_null=True)
    reply_due_on = serializers.DateField(allow_null=True)
    approved_on = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


class ElectionDetailSerializer(WithActiveTasks, ElectionSerializer):
    """The election with the steps open on it now (their ids go to ``/tasks/<pk>/act/``)."""


class TermRowSerializer(serializers.Serializer):
    branch = serializers.IntegerField(source="branch.pk")
    branch_name = serializers.CharField(source="branch.name")
    members = serializers.IntegerField()
    term = serializers.IntegerField(source="term.pk", allow_null=True, default=None)
    starts_on = serializers.DateField(source="term.starts_on", allow_null=True, default=None)
    ends_on = serializers.DateField(source="term.ends_on", allow_null=True, default=None)
    due_on = serializers.DateField(source="term.due_on", allow_null=True, default=None)
    years = serializers.IntegerField(source="term.years", allow_null=True, default=None)
    state = serializers.ChoiceField(choices=TERM_STATES)
    days_left = serializers.IntegerField(allow_null=True)
    days_overdue = serializers.IntegerField()
    election = serializers.IntegerField(source="election.pk", allow_null=True, default=None)
    election_reference = serializers.CharField(
        source="election.reference", allow_null=True, default=None
    )


class TermChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    term = serializers.IntegerField(source="term_id")
    due_before = serializers.DateField()
    due_after = serializers.DateField()
    reason = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


# Input. Fields the rules speak about (blank place, missing resume) are left to the services,
# so the answer names the rule rather than a generic "this field is required".
class CandidateInputSerializer(serializers.Serializer):
    member = serializers.IntegerField(**ID.limits)
    resume = serializers.CharField(max_length=2000, allow_blank=True, default="")


class ElectionCreateSerializer(serializers.Serializer):
    branch = serializers.IntegerField(**ID.limits)
    meeting_date = serializers.DateField()
    place = serializers.CharField(max_length=120, allow_blank=True, default="")
    agenda = serializers.CharField(max_length=2000, allow_blank=True, default="")
    seats = serializers.IntegerField(**SEATS.limits)
    method = serializers.ChoiceField(choices=Method.choices, default=Method.DIRECT)
    candidates = CandidateInputSerializer(many=True, max_length=100)
    scrutineers = serializers.ListField(
        child=serializers.IntegerField(**ID.limits), default=list, max_length=20
    )
    tellers = serializers.ListField(
        child=serializers.IntegerField(**ID.limits), default=list, max_length=20
    )


class TermQuerySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=TERM_STATES, required=False)


class TermChangeInputSerializer(serializers.Serializer):
    due_after = serializers.DateField()
    reason = serializers.CharField(max_length=2000, allow_blank=True, default="")


# Views.
def _elections_for(request: Request):
    return cases_visible_to(
        queryset=Election.objects.select_related("org").prefetch_related(
            "candidates__member", "rounds__votes", "officers__candidate__member"
        ),
        user=request.user,
    )


@status_documented(Status.values)
class ElectionListCreateView(ApiListView):
    """换届选举 in the user's scope (``?status=``), and reporting a new 请示."""

    serializer_class = ElectionSerializer
    # Candidates are a list of objects: JSON only, no form encoding to flatten them.
    parser_classes = [JSONParser]

    def get_queryset(self):
        return status_filtered(_elections_for(self.request), self)

    @extend_schema(
        request=ElectionCreateSerializer,
        responses={201: ElectionDetailSerializer},
        description="A branch secretary or deputy reports the 换届请示; 404 for a branch "
        "the user does not lead. Rule violations answer 400 with ``violations``.",
    )
    def post(self, request: Request) -> Response:
        serializer = ElectionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        today = timezone.localdate()
        branch = (
            election_selectors.branches_led_by(user=request.user, on=today)
            .filter(pk=data["branch"])
            .first()
        )
        if branch is None:
            raise Http404
        election = election_submit(
            branch=branch, plan=plan_from_data(data, branch=branch), by=request.user
        )
        election = _elections_for(request).get(pk=election.pk)
        return Response(ElectionDetailSerializer(election).data, status=status.HTTP_201_CREATED)


class ElectionDetailView(ApiView):
    @extend_schema(responses=ElectionDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        election = _elections_for(request).filter(pk=pk).first()
        if election is None:
            raise Http404
        return Response(ElectionDetailSerializer(election).data)


class TermListView(ApiListView):
    """The 换届 dashboard: every branch in scope with its current term, most urgent first."""

    serializer_class = TermRowSerializer

    @extend_schema(parameters=[TermQuerySerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        state = query_valid(TermQuerySerializer, self.request).get("state")
        today = timezone.localdate()
        notice = rules_resolve(process=PROCESS_KEY, org=None, on=today).int("remind_months")
        return election_selectors.terms_dashboard(
            user=self.request.user, on=today, notice_months=notice, state=state
        )


class TermChangeCreateView(ApiView):
    @extend_schema(
        request=TermChangeInputSerializer,
        responses={201: TermChangeSerializer},
        description="延期/提前换届申请 for a term in the user's scope; the committee decides "
        "through the task endpoints.",
    )
    def post(self, request: Request, pk: int) -> Response:
        term = Term.objects.select_related("branch").filter(pk=pk).first()
        visible = election_selectors.branches_visible_to(user=request.user)
        if term is None or not visible.filter(pk=term.branch_id).exists():
            raise Http404
        serializer = TermChangeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        change = term_change_request(
            term=term,
            due_after=serializer.validated_data["due_after"],
            reason=serializer.validated_data["reason"],
            by=request.user,
        )
        return Response(TermChangeSerializer(change).data, status=status.HTTP_201_CREATED)
