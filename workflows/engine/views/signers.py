"""加签 from the task page: the holder adds someone to sign before or after themself."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.wording import person_name

from .. import selectors
from ..errors import CaseError
from ..services.signers import task_signer_add
from ..signers import Added
from .common import FormActionView


class AddSignerForm(forms.Form):
    """Whom to add: a user name typed (or chosen from the list the page offers), or the user
    id a people picker posts as ``signer_id``."""

    signer = forms.CharField(label=gettext_lazy("加签人"), max_length=150, required=False)
    signer_id = forms.IntegerField(required=False, min_value=1)
    position = forms.ChoiceField(
        label=gettext_lazy("加签方式"),
        choices=[
            (Added.BEFORE.value, gettext_lazy("前加签")),
            (Added.AFTER.value, gettext_lazy("后加签")),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("加签原因"),
        max_length=500,
        error_messages={"required": gettext_lazy("加签须填写原因")},
    )

    def clean(self):
        data = super().clean()
        if not data.get("signer_id") and not data.get("signer", "").strip():
            raise forms.ValidationError(_("请填写加签人"))
        return data


def _signer(data: dict):
    users = get_user_model().objects
    if data.get("signer_id"):
        found = users.filter(pk=data["signer_id"]).first()
    else:
        found = users.filter(username=data["signer"].strip()).first()
    if found is None:
        name = data.get("signer") or data.get("signer_id")
        raise CaseError(_("找不到用户 %(username)s") % {"username": name})
    return found


class TaskSignerAddView(FormActionView):
    def target(self, request: HttpRequest, pk: int):
        found = selectors.task_for_user(user=request.user, task_pk=pk)
        if found is None:
            raise Http404
        return found[1]

    def form(self, request: HttpRequest, target) -> AddSignerForm:
        return AddSignerForm(request.POST)

    def act(self, target, data: dict, by) -> str:
        signer = _signer(data)
        task_signer_add(
            task=target, user=signer, position=data["position"], reason=data["reason"], by=by
        )
        if data["position"] == Added.BEFORE:
            return _("已前加签：请 %(name)s 先签署，之后由您办理") % {"name": person_name(signer)}
        return _("已后加签：您同意后，%(name)s 也须同意") % {"name": person_name(signer)}

    def back(self, target) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("engine:task", args=[target.pk]))
