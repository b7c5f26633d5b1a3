"""Step forms whose recorded outcome can end a case (a 团员大会 that votes a candidate down, an
election round that must be held again): the page shows the outcome before it is recorded, and
asks the person recording it to confirm a failure. The first submission without the box ticked
comes back with the outcome and the box; the second, ticked, goes through."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class OutcomeConfirmMixin:
    """For a ``forms.Form`` subclass of a step: ``confirm_action`` is the action key whose
    outcome is previewed; ``outcome_confirm`` is called from ``clean`` with the outcome."""

    confirm_action = ""

    def confirm_field_add(self) -> None:
        self.fields["confirm_outcome"] = forms.BooleanField(
            label=gettext_lazy("已核对表决结果，确认提交"), required=False
        )
        self.outcome_sentence = ""
        self.outcome_failing = False

    def recording(self) -> bool:
        """Whether the submission records the outcome (and not, say, returns the case)."""
        return self.is_bound and self.data.get("action") == self.confirm_action

    def outcome_confirm(self, *, sentence: str, failing: bool) -> None:
        self.outcome_sentence, self.outcome_failing = sentence, failing
        if failing and not self.cleaned_data.get("confirm_outcome"):
            self.add_error(
                "confirm_outcome",
                _("%(outcome)s。请核对后勾选“已核对表决结果，确认提交”") % {"outcome": sentence},
            )
