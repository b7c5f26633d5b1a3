"""The task action endpoint's request in the OpenAPI schema: one shape per process step action
that takes input, its ``data`` the serializer the step declares (the same one the service checks),
and the plain shape for every action that needs only an opinion."""

from __future__ import annotations

from functools import cache

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from workflows.engine.registry import processes

from .serializers import TEXT_MAX, ActSerializer


def _camel(key: str) -> str:
    return "".join(part.capitalize() for part in key.split("_"))


def _action_field(key: str) -> type[serializers.ChoiceField]:
    """The action, as a pattern: drf-spectacular names each enum after its field ("action"),
    and one action shared by several steps (resubmit) would make colliding enum components."""
    return extend_schema_field({"type": "string", "pattern": f"^{key}$"})(
        type(f"{_camel(key)}ActionField", (serializers.ChoiceField,), {})
    )


@cache
def step_act_serializers() -> list[type[serializers.Serializer]]:
    shapes: list[type[serializers.Serializer]] = [ActSerializer]
    for spec in processes():
        for step in spec.steps:
            for act in step.actions:
                if act.input is None:
                    continue
                name = f"{_camel(spec.key)}{_camel(step.node)}{_camel(act.action.key)}"
                # A subclass per action: the schema names components by class.
                data = type(f"{name}Data", (act.input,), {})
                fields = {
                    "action": _action_field(act.action.key)(
                        choices=[act.action.key],
                        help_text=f"{spec.label} · {step.title} · {act.action.label}",
                    ),
                    "opinion": serializers.CharField(
                        required=False, allow_blank=True, default="", max_length=TEXT_MAX
                    ),
                    "data": data(),
                }
                shapes.append(type(f"{name}Act", (serializers.Serializer,), fields))
    return shapes


TASK_ACT_REQUEST = PolymorphicProxySerializer(
    component_name="TaskAct",
    serializers=step_act_serializers,
    resource_type_field_name=None,
)
