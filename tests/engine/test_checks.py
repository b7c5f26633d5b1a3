"""The declaration check: a process's steps, its flow's nodes, its case model's transitions and
statuses are held against each other at start, and each mismatch is named."""

import dataclasses

from workflows.engine.checks import declaration_problems, declarations_check
from workflows.engine.declaration import APPROVE, Milestone, Step
from workflows.engine.registry import process_for_flow
from workflows.party_recommendation.flows import PartyRecommendationFlow


def _spec():
    return process_for_flow(PartyRecommendationFlow)


def test_the_declared_processes_pass():
    assert declarations_check() == []


def test_a_human_node_without_a_declared_step_is_named():
    spec = _spec()
    steps = tuple(step for step in spec.steps if step.node != "recommend")
    problems = declaration_problems(dataclasses.replace(spec, steps=steps))
    assert problems == [
        "流程节点 recommend 是人工环节，但 party_recommendation 的声明中没有这个环节"
    ]


def test_a_declared_step_the_flow_lacks_is_named():
    spec = _spec()
    ghost = Step(node="ghost_review", title="不存在的环节", actions=(APPROVE.transition("reject"),))
    problems = declaration_problems(dataclasses.replace(spec, steps=(*spec.steps, ghost)))
    assert problems == ["声明的环节 ghost_review（不存在的环节）不是流程中的人工环节"]


def test_a_transition_the_model_lacks_is_named():
    spec = _spec()
    first = spec.steps[0]
    broken = dataclasses.replace(first, actions=(APPROVE.transition("branch_aprove"),))
    problems = declaration_problems(dataclasses.replace(spec, steps=(broken, *spec.steps[1:])))
    assert problems == [
        "环节 branch_review 的「approve」引用了 Application 没有的状态转换 branch_aprove"
    ]


def test_duplicate_actions_and_unknown_milestone_statuses_are_named():
    spec = _spec()
    first = spec.steps[0]
    doubled = dataclasses.replace(first, actions=(*first.actions, first.actions[0]))
    problems = declaration_problems(
        dataclasses.replace(
            spec,
            steps=(doubled, *spec.steps[1:]),
            milestones=(Milestone("归档", ("archived",)),),
        )
    )
    assert problems == [
        "环节 branch_review 的操作为空或重复：approve, return, reject, approve",
        "里程碑「归档」引用了 Application 没有的状态 archived",
    ]


def test_a_route_naming_an_unknown_status_is_named(monkeypatch):
    switch = PartyRecommendationFlow.after_branch_review
    target, condition = switch._activate_next[0]
    bad = lambda activation: False  # noqa: E731
    bad.statuses = ("branch_aproved",)
    monkeypatch.setattr(switch, "_activate_next", [(target, bad), *switch._activate_next[1:]])
    assert declaration_problems(_spec()) == [
        "节点 after_branch_review 的条件引用了 Application 没有的状态 branch_aproved"
    ]
    assert condition.statuses == ("branch_approved",)
