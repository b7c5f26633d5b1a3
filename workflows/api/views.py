"""REST API v1: the same services, scoping and rule checks as the pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from workflows.audit.selectors import events_for_case, events_visible_to
from workflows.documents.selectors import documents_for
from workflows.engine import selectors
from workflows.engine.errors import CaseError, NotAllowed
from workflows.engine.registry import processes
from workflows.engine.services.acting import task_act
from workflows.engine.services.bulk import BulkItem, tasks_bulk_act
from workflows.engine.services.cases import case_comment
from workflows.engine.services.signers import task_signer_add
from workflows.engine.services.tasks import task_claim, task_unclaim
from workflows.engine.views.common import visible_case_or_404
from workflows.org.models import Member
from workflows.party_recommendation.models import Round
from workflows.party_recommendation.services import application_submit

from . import serializers
from .base import ApiListView, ApiView
from .filtering import query_valid
from .steps import TASK_ACT_REQUEST

BOXES = {
    "inbox": selectors.inbox_tasks,
    "queue": selectors.queue_tasks,
    "archive": selectors.archive_tasks,
}


def _task(request: Request, task_pk: int):
    found = selectors.task_for_user(user=request.user, task_pk=task_pk)
    if found is None:
        raise Http404
    return found


class TaskListView(ApiListView):
    """The caller's tasks: ``?box=inbox`` (default), ``queue`` or ``archive``."""

    serializer_class = serializers.TaskSerializer

    @extend_schema(parameters=[serializers.TaskQuerySerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        box = query_valid(serializers.TaskQuerySerializer, self.request)["box"]
        return BOXES[box](user=self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.tasks_with_cases(page) if page is not None else page


class TaskDetailView(ApiView):
    @extend_schema(responses=serializers.TaskSerializer)
    def get(self, request: Request, task_pk: int) -> Response:
        task = _task(request, task_pk)[1]
        return Response(serializers.TaskSerializer(task, context={"request": request}).data)


class TaskClaimView(ApiView):
    @extend_schema(request=None, responses=serializers.TaskSerializer)
    def post(self, request: Request, task_pk: int) -> Response:
        task, case = _task(request, task_pk)[1:]
        task_claim(task=task, by=request.user)
        task.case = case
        return Response(serializers.TaskSerializer(task, context={"request": request}).data)


class TaskUnclaimView(ApiView):
    """退回队列: give a claimed shared task back, undecided."""

    @extend_schema(request=None, responses=serializers.TaskSerializer)
    def post(self, request: Request, task_pk: int) -> Response:
        task, case = _task(request, task_pk)[1:]
        task = task_unclaim(task=task, by=request.user)
        task.case = case
        return Response(serializers.TaskSerializer(task, context={"request": request}).data)


class TaskSignerView(ApiView):
    """加签: ask someone in the case's scope to sign the task's step before or after the caller."""

    parser_classes = [JSONParser]

    @extend_schema(request=serializers.AddSignerSerializer, responses=serializers.TaskSerializer)
    def post(self, request: Request, task_pk: int) -> Response:
        task, case = _task(request, task_pk)[1:]
        payload = serializers.AddSignerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        signer = get_user_model().objects.filter(pk=data["signer"], is_active=True).first()
        if signer is None:
            raise CaseError(_("找不到用户 %(username)s") % {"username": data["signer"]})
        task_signer_add(
            task=task,
            user=signer,
            position=data["position"],
            reason=data["reason"],
            by=request.user,
        )
        task.refresh_from_db()
        task.case = case
        return Response(serializers.TaskSerializer(task, context={"request": request}).data)


class TaskActView(ApiView):
    """Finish a task with any action the step offers (``actions`` in the task)."""

    fixed_action: str | None = None
    # ``data`` is an object: JSON only, no form encoding to flatten it.
    parser_classes = [JSONParser]

    def _payload(self, request: Request) -> dict:
        if self.fixed_action:
            serializer = serializers.OpinionOnlySerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            return {"action": self.fixed_action, "data": {}, **serializer.validated_data}
        serializer = serializers.ActSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=TASK_ACT_REQUEST, responses=serializers.CaseBriefSerializer)
    def post(self, request: Request, task_pk: int) -> Response:
        task = _task(request, task_pk)[1]
        payload = self._payload(request)
        case = task_act(
            task=task,
            by=request.user,
            action=payload["action"],
            opinion=payload["opinion"],
            data=payload["data"],
        )
        return Response(serializers.CaseBriefSerializer(case).data)


class TaskApproveView(TaskActView):
    fixed_action = "approve"
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES

    @extend_schema(
        request=serializers.OpinionOnlySerializer, responses=serializers.CaseBriefSerializer
    )
    def post(self, request: Request, task_pk: int) -> Response:
        return super().post(request, task_pk)


class TaskReturnView(TaskApproveView):
    fixed_action = "return"


class TaskRejectView(TaskApproveView):
    fixed_action = "reject"


class TaskBulkView(ApiView):
    """批量同意: each item is decided on its own; the answer lists every outcome."""

    parser_classes = [JSONParser]

    @extend_schema(
        request=serializers.BulkSerializer, responses=serializers.BulkOutcomeSerializer(many=True)
    )
    def post(self, request: Request) -> Response:
        serializer = serializers.BulkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = [
            BulkItem(task_pk=item["task"], opinion=item["opinion"])
            for item in serializer.validated_data["items"]
        ]
        outcomes = tasks_bulk_act(
            items=items, by=request.user, action=serializer.validated_data["action"]
        )
        return Response(serializers.BulkOutcomeSerializer(outcomes, many=True).data)


class CaseListView(ApiListView):
    """Cases in the user's scope: ``?process=`` (default the first), ``?status=``, or
    ``?mine=true`` for the user's own cases across processes."""

    serializer_class = serializers.CaseBriefSerializer

    @extend_schema(parameters=[serializers.CaseQuerySerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = query_valid(serializers.CaseQuerySerializer, self.request)
        if query.get("mine"):
            return selectors.my_cases(user=self.request.user)
        entries = processes()
        entry = next((e for e in entries if e.key == query.get("process")), entries[0])
        return selectors.case_queryset(
            entry=entry, user=self.request.user, status=query.get("status") or None
        )


class CaseDetailView(ApiView):
    @extend_schema(responses=serializers.CaseDetailSerializer)
    def get(self, request: Request, label: str, pk: int) -> Response:
        case = visible_case_or_404(request, label, pk)[1]
        return Response(serializers.CaseDetailSerializer(case).data)


class CaseCommentView(ApiView):
    @extend_schema(
        request=serializers.CommentSerializer, responses={201: serializers.OpinionSerializer}
    )
    def post(self, request: Request, label: str, pk: int) -> Response:
        case = visible_case_or_404(request, label, pk)[1]
        serializer = serializers.CommentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        opinion = case_comment(case=case, by=request.user, text=serializer.validated_data["text"])
        return Response(serializers.OpinionSerializer(opinion).data, status=status.HTTP_201_CREATED)


class CaseEventsView(ApiView):
    @extend_schema(responses=serializers.AuditEventSerializer(many=True))
    def get(self, request: Request, label: str, pk: int) -> Response:
        case = visible_case_or_404(request, label, pk)[1]
        events = events_for_case(case=case)
        return Response(
            serializers.AuditEventSerializer(events, many=True, context={"request": request}).data
        )


class AuditEventListView(ApiListView):
    serializer_class = serializers.AuditEventSerializer

    def get_queryset(self):
        return events_visible_to(user=self.request.user).order_by("-id")


class ApplicationCreateView(ApiView):
    """Start a 推优入党 case for the current user's member record."""

    @extend_schema(
        request=serializers.ApplicationCreateSerializer,
        responses={201: serializers.CaseBriefSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = serializers.ApplicationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = Member.objects.filter(user=request.user).select_related("branch").first()
        if member is None:
            raise NotAllowed(_("当前账号未关联团员档案"))
        round_ = Round.objects.filter(
            pk=serializer.validated_data["round"], branch=member.branch
        ).first()
        if round_ is None:
            raise CaseError(_("推优批次不存在或不属于本人所在团支部"))
        application = application_submit(
            member=member,
            round=round_,
            statement=serializer.validated_data["statement"],
            by=request.user,
        )
        return Response(
            serializers.CaseBriefSerializer(application).data, status=status.HTTP_201_CREATED
        )


class DocumentListView(ApiView):
    @extend_schema(responses=serializers.DocumentSerializer(many=True))
    def get(self, request: Request, label: str, pk: int) -> Response:
        case = visible_case_or_404(request, label, pk)[1]
        return Response(serializers.DocumentSerializer(documents_for(subject=case), many=True).data)
