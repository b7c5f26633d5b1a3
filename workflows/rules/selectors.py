"""Which numbers apply to a case: code defaults, then the national rulebook, then each committee
from the top of the organisation tree down to the case's own unit."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from workflows.org.models import Organization
from workflows.wording import site_language

from .defaults import PROCESS_LABELS, Kind, fraction_parse, settings_for
from .models import Rulebook

DEFAULT_LABEL = "全国默认"


@dataclass(frozen=True)
class AppliedRulebook:
    id: int
    committee: int | None
    version: int


@dataclass(frozen=True)
class ResolvedRules:
    process: str
    values: dict[str, Any]
    rulebook: Rulebook | None = None
    label: str = DEFAULT_LABEL
    applied: tuple[AppliedRulebook, ...] = field(default=())

    @classmethod
    def from_snapshot(cls, snapshot: dict) -> ResolvedRules:
        """The rules a case recorded; ``rulebook`` is left unloaded (the ids are in ``applied``)."""
        return cls(
            process=snapshot["process"],
            values=dict(snapshot["values"]),
            label=snapshot.get("label", DEFAULT_LABEL),
            applied=tuple(AppliedRulebook(**row) for row in snapshot.get("rulebooks", [])),
        )

    def snapshot(self) -> dict:
        return {
            "process": self.process,
            "label": self.label,
            "values": dict(self.values),
            "rulebooks": [
                {"id": row.id, "committee": row.committee, "version": row.version}
                for row in self.applied
            ],
        }

    def _get(self, key: str, kind: Kind) -> Any:
        setting = settings_for(self.process).get(key)
        if setting is None or key not in self.values:
            raise KeyError(
                _("%(process)s没有设置项“%(key)s”")
                % {"process": PROCESS_LABELS[self.process], "key": key}
            )
        if setting.kind != kind:
            raise TypeError(
                _("设置项“%(label)s”(%(key)s) 的类型是 %(kind)s，不是 %(expected)s")
                % {"label": setting.label, "key": key, "kind": setting.kind, "expected": kind}
            )
        return self.values[key]

    def fraction(self, key: str) -> Fraction:
        return fraction_parse(self._get(key, Kind.FRACTION))

    def flag(self, key: str) -> bool:
        return bool(self._get(key, Kind.BOOL))

    def text(self, key: str) -> str:
        return str(self._get(key, Kind.CHOICE))

    # Defined last: inside the class body the name shadows the builtin for later annotations.
    def int(self, key: str) -> int:
        return int(self._get(key, Kind.INT))


def rules_resolve(*, process: str, org: Organization | None, on: datetime.date) -> ResolvedRules:
    """The rules in force for a case of ``process`` in ``org`` on ``on``.

    At each level the row in force is the one with the latest ``effective_from`` not after ``on``
    (the highest version among rows sharing that date); its ``settings`` replace the levels above.
    """
    levels = [*org.ancestors(), org] if org is not None else []
    return _resolved(process, _rows_in_force(process=process, levels=levels, on=on))


def rulebook_effective(*, rulebook: Rulebook) -> ResolvedRules:
    """What ``rulebook`` yields with the levels above it, as of its own ``effective_from``."""
    above: list[Rulebook] = []
    if rulebook.committee_id is not None:
        above = _rows_in_force(
            process=rulebook.process,
            levels=rulebook.committee.ancestors(),
            on=rulebook.effective_from,
        )
    return _resolved(rulebook.process, [*above, rulebook])


def _rows_in_force(
    *, process: str, levels: list[Organization], on: datetime.date
) -> list[Rulebook]:
    """National row first, then one row per level that has one, root to leaf."""
    by_id = {org.pk: org for org in levels}
    rows = Rulebook.objects.filter(process=process, effective_from__lte=on).filter(
        Q(committee__isnull=True) | Q(committee_id__in=list(by_id))
    )
    latest: dict[int | None, Rulebook] = {}
    for row in rows.order_by("-effective_from", "-version"):
        latest.setdefault(row.committee_id, row)
    applied = []
    for key in [None, *by_id]:
        if key in latest:
            row = latest[key]
            if key is not None:
                row.committee = by_id[key]
            applied.append(row)
    return applied


def _resolved(process: str, rows: list[Rulebook]) -> ResolvedRules:
    values = {key: setting.default for key, setting in settings_for(process).items()}
    for row in rows:
        # Keys the defaults no longer know are ignored rather than leaking into decisions.
        values.update({k: v for k, v in row.settings.items() if k in values})
    most_specific = rows[-1] if rows else None
    # The label is stored with each case's rules, so it is worded in the site's language.
    with site_language():
        label = most_specific.level_label if most_specific else DEFAULT_LABEL
    return ResolvedRules(
        process=process,
        values=values,
        rulebook=most_specific,
        label=label,
        applied=tuple(AppliedRulebook(row.pk, row.committee_id, row.version) for row in rows),
    )
