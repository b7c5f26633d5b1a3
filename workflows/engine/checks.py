"""Hold each process's declaration against its flow and its case model at start.

A route is written in three places — the declaration (steps, actions, milestones), the flow's
node graph (who acts, which status leads where) and the case model's FSM — and a mismatch
between them would only show when a case reaches it. ``manage.py check`` (and every start)
fails instead.
"""

from __future__ import annotations

from django.core.checks import CheckMessage
from django.core.checks import Error as CheckError
from viewflow.workflow import flow

from .declaration import FlowSpec
from .nodes import HumanTask
from .registry import processes


def declarations_check(app_configs=None, **kwargs) -> list[CheckMessage]:
    return [
        CheckError(problem, obj=spec.flow_class.__qualname__, id="engine.E001")
        for spec in processes()
        for problem in declaration_problems(spec)
    ]


def declaration_problems(spec: FlowSpec) -> list[str]:
    model = spec.case_model
    status_values = {value for value, _label in model._meta.get_field("status").choices}
    nodes = {node.name: node for node in spec.flow_class.instance.nodes()}
    problems = []
    for name, node in nodes.items():
        if isinstance(node, HumanTask) and spec.step(name) is None:
            problems.append(f"流程节点 {name} 是人工环节，但 {spec.key} 的声明中没有这个环节")
        if isinstance(node, flow.Switch):
            problems += [
                f"节点 {name} 的条件引用了 {model.__name__} 没有的状态 {status}"
                for status in _switch_statuses(node)
                if status not in status_values
            ]
    for step in spec.steps:
        node = nodes.get(step.node)
        if not isinstance(node, HumanTask):
            problems.append(f"声明的环节 {step.node}（{step.title}）不是流程中的人工环节")
        keys = step.action_keys
        if len(set(keys)) != len(keys) or not keys:
            problems.append(f"环节 {step.node} 的操作为空或重复：{', '.join(keys)}")
        problems += [
            f"环节 {step.node} 的「{act.action.key}」引用了 {model.__name__} 没有的状态转换 "
            f"{act.transition}"
            for act in step.actions
            if act.transition and not _is_transition(model, act.transition)
        ]
    problems += [
        f"里程碑「{milestone.label}」引用了 {model.__name__} 没有的状态 {status}"
        for milestone in spec.milestones
        for status in milestone.statuses
        if status not in status_values
    ]
    return problems


def _is_transition(model, name: str) -> bool:
    # django-fsm marks each @transition method with its metadata.
    return hasattr(getattr(model, name, None), "_django_fsm")


def _switch_statuses(node: flow.Switch) -> list[str]:
    return [
        status
        for _target, condition in getattr(node, "_activate_next", [])
        for status in getattr(condition, "statuses", ())
    ]
