"""API representations. Writes go through the same services as the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from viewflow.workflow.models import Task

from workflows.engine.models import Opinion
from workflows.engine.selectors import active_tasks_of, is_overdue, task_due_on


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


class CaseBriefSerializer(serializers.Serializer):
    type = serializers.SerializerMethodField()
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    subject = serializers.CharField(source="headline")
    org = serializers.CharField(source="org.name")
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    created_at = serializers.DateTimeField()

    def get_type(self, case) -> str:
        return case._meta.label_lower


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    step = serializers.SerializerMethodField()
    step_key = serializers.SerializerMethodField()
    status = serializers.CharField()
    owner = serializers.SerializerMethodField()
    created = serializers.DateTimeField()
    finished = serializers.DateTimeField()
    due_on = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()

    def get_step(self, task: Task) -> str:
        return task.flow_task.step

    def get_step_key(self, task: Task) -> str:
        """The node's name (``meeting``, ``plan_review``): what the ``act`` data depends on."""
        return task.flow_task.name

    def get_owner(self, task: Task) -> str | None:
        return _name(task.owner)

    def get_due_on(self, task: Task) -> str | None:
        return task_due_on(task)

    def get_overdue(self, task: Task) -> bool:
        return is_overdue(task)

    def get_actions(self, task: Task) -> list[str]:
        return list(task.flow_task.actions)

    def get_case(self, task: Task) -> dict | None:
        case = getattr(task, "case", None)
        return CaseBriefSerializer(case).data if case is not None else None


class WithActiveTasks(serializers.Serializer):
    """A case with the steps open on it now (their ids go to ``/tasks/<pk>/act/``)."""

    active_tasks = serializers.SerializerMethodField()

    @extend_schema_field(TaskSerializer(many=True))
    def get_active_tasks(self, case) -> list[dict]:
        return TaskSerializer(active_tasks_of(case=case), many=True).data


class OpinionSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    decision_display = serializers.CharField(source="get_decision_display")

    class Meta:
        model = Opinion
        fields = ["step", "decision", "decision_display", "text", "author", "created_at"]

    def get_author(self, opinion: Opinion) -> str:
        return _name(opinion.author)


class ActSerializer(serializers.Serializer):
    action = serializers.CharField()
    opinion = serializers.CharField(required=False, allow_blank=True, default="")
    data = serializers.DictField(required=False, default=dict)


class BulkItemSerializer(serializers.Serializer):
    task = serializers.IntegerField()
    opinion = serializers.CharField(allow_blank=True, default="")


class BulkSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["approve"], default="approve")
    items = BulkItemSerializer(many=True, allow_empty=False)


class BulkOutcomeSerializer(serializers.Serializer):
    task = serializers.IntegerField(source="task_pk")
    ok = serializers.BooleanField()
    message = serializers.CharField()


class OpinionOnlySerializer(serializers.Serializer):
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class CommentSerializer(serializers.Serializer):
    text = serializers.CharField()


class ApplicationCreateSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    statement = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    title = serializers.CharField()
    number = serializers.CharField()
    version = serializers.IntegerField()
    short_code = serializers.CharField()
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()


class AuditEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor_name")
    action = serializers.CharField()
    case = serializers.CharField(source="case_label")
    before = serializers.CharField()
    after = serializers.CharField()
    opinion = serializers.CharField()
    hash = serializers.CharField()
