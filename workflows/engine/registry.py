"""The processes the engine runs, as each declared itself (``<app>/process.py``).

Engine pages (inbox, task page, case detail) stay generic and ask the registry for the
process-specific parts.
"""

from __future__ import annotations

from workflows.documents.selectors import circulated_kinds_register, document_kinds_register
from workflows.documents.tasks import batch_builders_register
from workflows.rules.defaults import rulebook_declare

from .declaration import FlowSpec, Process

_entries: dict[str, FlowSpec] = {}


def process_declare(process: Process) -> None:
    """Register ``process``: its rulebook settings, its flows and their steps' nodes, and the
    flows' pages on the site."""
    from viewflow.workflow.flow import FlowAppViewset

    from .nodes import HumanTask
    from .site import site

    rulebook_declare(
        process=process.key,
        label=process.label,
        settings=process.settings,
        deadlines={**process.deadline_settings(), **process.signers_settings()},
        ordered_pairs=process.ordered_pairs,
    )
    for spec in process.flows:
        _entries[spec.key] = spec
        for node in spec.flow_class.instance.nodes():
            step = spec.step(node.name)
            if isinstance(node, HumanTask) and step is not None:
                node.bind(
                    step,
                    deadline_key=spec.deadline_key(step),
                    signers_keys=spec.signers_keys(step),
                    rulebook=process.key,
                )
        site.viewsets.append(FlowAppViewset(spec.flow_class, icon=spec.icon))
    circulated_kinds_register(*process.circulated_kinds)
    document_kinds_register(process.document_kinds)
    batch_builders_register(process.document_batches)


def processes() -> list[FlowSpec]:
    return list(_entries.values())


def process_for_flow(flow_class: type) -> FlowSpec:
    for entry in _entries.values():
        if entry.flow_class is flow_class:
            return entry
    raise LookupError(flow_class)


def process_for_model_label(label: str) -> FlowSpec:
    for entry in _entries.values():
        if entry.case_model._meta.label_lower == label:
            return entry
    raise LookupError(label)
