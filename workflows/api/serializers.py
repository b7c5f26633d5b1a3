"""API representations. Writes go through the same services as the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from viewflow.workflow.models import Task

from workflows.audit.selectors import events_for_reader
from workflows.documents.selectors import documents_for
from workflows.engine.bounds import ID
from workflows.engine.models import Opinion
from workflows.engine.registry import processes
from workflows.engine.selectors import active_tasks_of, is_overdue, task_due_on

# The longest opinion, comment or statement a page takes.
TEXT_MAX = 2000


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
    finished = serializers.DateTimeField(allow_null=True, help_text="Null while the task is open.")
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
        """What the caller may do here: nothing on a case about themselves (回避)."""
        request = self.context.get("request")
        if request is not None and task.flow_task.is_recused(request.user, task):
            return []
        return list(task.flow_task.actions)

    def get_case(self, task: Task) -> dict | None:
        case = getattr(task, "case", None)
        return CaseBriefSerializer(case).data if case is not None else None


class WithActiveTasks(serializers.Serializer):
    """A case with the steps open on it now (their ids go to ``/tasks/<pk>/act/``)."""

    active_tasks = serializers.SerializerMethodField()

    @extend_schema_field(TaskSerializer(many=True))
    def get_active_tasks(self, case) -> list[dict]:
        return TaskSerializer(active_tasks_of(case=case), many=True, context=self.context).data


class OpinionSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    decision_display = serializers.CharField(source="get_decision_display")

    class Meta:
        model = Opinion
        fields = ["step", "decision", "decision_display", "text", "author", "created_at"]

    def get_author(self, opinion: Opinion) -> str:
        return _name(opinion.author)


def declared_actions() -> list[str]:
    return sorted({key for spec in processes() for step in spec.steps for key in step.action_keys})


class ActSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=declared_actions(), help_text="One of the task's ``actions``."
    )
    opinion = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TEXT_MAX
    )
    data = serializers.DictField(
        required=False, default=dict, help_text="What the step's handler reads (see the step)."
    )


class BulkItemSerializer(serializers.Serializer):
    task = serializers.IntegerField(**ID.limits)
    opinion = serializers.CharField(allow_blank=True, default="", max_length=TEXT_MAX)


class BulkSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["approve"], default="approve")
    # A list field rather than ``many=True``: the schema then states the bounds (minItems).
    items = serializers.ListField(child=BulkItemSerializer(), min_length=1, max_length=500)


class BulkOutcomeSerializer(serializers.Serializer):
    task = serializers.IntegerField(source="task_pk")
    ok = serializers.BooleanField()
    message = serializers.CharField()


class OpinionOnlySerializer(serializers.Serializer):
    opinion = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TEXT_MAX
    )


class CommentSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX, allow_blank=True)


class ApplicationCreateSerializer(serializers.Serializer):
    round = serializers.IntegerField(**ID.limits)
    statement = serializers.CharField(max_length=TEXT_MAX, allow_blank=True)


class AddSignerSerializer(serializers.Serializer):
    """加签: whom (a user id), before or after the caller, and why."""

    signer = serializers.IntegerField(**ID.limits)
    position = serializers.ChoiceField(
        choices=["before", "after"],
        help_text="``before``: they sign first, then the task returns to the caller; ``after``: "
        "once the caller agrees, they must agree too.",
    )
    reason = serializers.CharField(min_length=1, max_length=500)


class TaskQuerySerializer(serializers.Serializer):
    box = serializers.ChoiceField(
        choices=["inbox", "queue", "archive"],
        default="inbox",
        help_text="``inbox``: assigned to the caller; ``queue``: shared with the caller's "
        "office, to claim; ``archive``: finished by the caller.",
    )


class CaseQuerySerializer(serializers.Serializer):
    process = serializers.ChoiceField(choices=[], required=False, help_text="Default the first.")
    status = serializers.ChoiceField(choices=[], required=False)
    mine = serializers.BooleanField(
        required=False, help_text="The caller's own cases across every process."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entries = processes()
        self.fields["process"].choices = [entry.key for entry in entries]
        self.fields["status"].choices = sorted(
            {
                value
                for entry in entries
                for value, _label in entry.case_model._meta.get_field("status").choices
            }
        )


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    title = serializers.CharField()
    number = serializers.CharField()
    version = serializers.IntegerField()
    short_code = serializers.CharField()
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()


class CaseDetailSerializer(WithActiveTasks, CaseBriefSerializer):
    """A case with its opinions, the steps open on it and its documents."""

    history = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()

    @extend_schema_field(OpinionSerializer(many=True))
    def get_history(self, case) -> list[dict]:
        opinions = Opinion.objects.for_case(case).select_related("author")
        return OpinionSerializer(opinions, many=True).data

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, case) -> list[dict]:
        return DocumentSerializer(documents_for(subject=case), many=True).data


class AuditEventSerializer(serializers.Serializer):
    """An event as the caller may read it (``events_for_reader``: a 实名 objection's author
    stays hidden from the person it is about)."""

    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor_name")
    action = serializers.CharField()
    case = serializers.CharField(source="case_label")
    before = serializers.CharField()
    after = serializers.CharField()
    opinion = serializers.CharField()
    hash = serializers.CharField()

    def to_representation(self, event):
        request = self.context.get("request")
        if request is not None:
            [event] = events_for_reader([event], user=request.user)
        return super().to_representation(event)
