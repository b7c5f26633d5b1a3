"""The committee's page for the offices of the units below it: who holds which office, appoint
and relieve between elections, and name dated stand-ins (代理人)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from workflows.engine.errors import CaseError
from workflows.engine.forms import PersonField, PersonPicker
from workflows.engine.views.common import FormActionView, form_errors_report, report_error
from workflows.engine.views.people import people_response

from . import appointments, member_forms
from .models import Appointment, Member, Substitute
from .selectors import members_under


def _units(request):
    units = appointments.offices_managed(user=request.user, on=timezone.localdate())
    if not units.exists():
        raise PermissionDenied
    return units.order_by("path")


def _unit_or_404(request, pk):
    unit = _units(request).filter(pk=pk or 0).first()
    if unit is None:
        raise Http404
    return unit


def _people(unit):
    """Who may hold an office of ``unit`` or stand in: members of its tree with a login."""
    return members_under(org=unit).exclude(user=None)


class _MemberPicked:
    """The form's member chosen with the people picker over ``members`` (still posting the
    member's id) instead of a select, which listed every member of the unit, once for each
    office on the page."""

    def __init__(self, *args, members, unit, **kwargs):
        super().__init__(*args, members=members, **kwargs)
        label = self.fields["member"].label
        self.fields["member"] = PersonField(
            queryset=members,
            user_path="user__",
            label=label,
            widget=PersonPicker(ids_as_value=True, attrs={"placeholder": _("姓名或用户名")}),
        )
        self.fields["member"].widget.url = reverse("org:office_people", args=[unit.pk])


class AppointForm(_MemberPicked, member_forms.AppointForm):
    pass


class SubstituteForm(_MemberPicked, member_forms.SubstituteForm):
    pass


def _end_prefix(pk: int) -> str:
    return f"end{pk}"


def _substitute_prefix(pk: int) -> str:
    return f"sub{pk}"


def _redirect(unit):
    return HttpResponseRedirect(f"{reverse('org:offices')}?unit={unit.pk}")


class OfficesView(LoginRequiredMixin, View):
    def get(self, request):
        units = _units(request)
        unit = _unit_or_404(request, request.GET.get("unit")) if "unit" in request.GET else None
        context = {"units": units, "unit": unit}
        if unit is not None:
            today = timezone.localdate()
            current = (
                Appointment.objects.on(today)
                .filter(org=unit)
                .select_related("user__member")
                .order_by("role", "start_date")
            )
            people = _people(unit)
            context |= {
                # Each office has its own pair of forms; prefixes keep their field ids apart.
                "current": [
                    (
                        appointment,
                        member_forms.AppointmentEndForm(
                            prefix=_end_prefix(appointment.pk), initial={"end_date": today}
                        ),
                        SubstituteForm(
                            prefix=_substitute_prefix(appointment.pk),
                            members=people,
                            unit=unit,
                            initial={"start_date": today},
                        ),
                    )
                    for appointment in current
                ],
                "past": Appointment.objects.filter(org=unit, end_date__lt=today)
                .select_related("user")
                .order_by("-end_date")[:20],
                "substitutes": Substitute.objects.filter(
                    principal__appointments__in=current, end_date__gte=today
                )
                .distinct()
                .select_related("principal", "substitute"),
                "appoint_form": AppointForm(
                    members=people, unit=unit, initial={"start_date": today}
                ),
            }
        return render(request, "org/offices.html", context)


class AppointView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        unit = _unit_or_404(request, pk)
        form = AppointForm(request.POST, members=_people(unit), unit=unit)
        if not form.is_valid():
            form_errors_report(request, form)
            return _redirect(unit)
        member: Member = form.cleaned_data["member"]
        try:
            appointments.appointment_start(
                org=unit,
                user=member.user,
                role=form.cleaned_data["role"],
                start_date=form.cleaned_data["start_date"],
                by=request.user,
            )
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("已任命%(name)s") % {"name": member.name})
        return _redirect(unit)


def _appointment_or_404(request, pk: int) -> Appointment:
    appointment = (
        Appointment.objects.filter(pk=pk, org__in=_units(request)).select_related("org").first()
    )
    if appointment is None:
        raise Http404
    return appointment


class AppointmentEndView(FormActionView):
    def target(self, request, pk):
        return _appointment_or_404(request, pk)

    def form(self, request, target):
        return member_forms.AppointmentEndForm(request.POST, prefix=_end_prefix(target.pk))

    def act(self, target, data, by):
        appointments.appointment_end(
            appointment=target, end_date=data["end_date"], reason=data["reason"], by=by
        )
        return _("已免去该职务")

    def back(self, target):
        return _redirect(target.org)


class SubstituteAddView(AppointmentEndView):
    def form(self, request, target):
        return SubstituteForm(
            request.POST,
            prefix=_substitute_prefix(target.pk),
            members=_people(target.org),
            unit=target.org,
        )

    def act(self, target, data, by):
        appointments.substitute_add(
            appointment=target,
            substitute=data["member"].user,
            start_date=data["start_date"],
            end_date=data["end_date"],
            reason=data["reason"],
            by=by,
        )
        return _("已设置代理人")


class OfficePeopleView(LoginRequiredMixin, View):
    """The people picker's search on this page: members of the unit's tree with a login."""

    def get(self, request, pk: int):
        unit = _unit_or_404(request, pk)
        people = get_user_model().objects.filter(member__in=_people(unit))
        return people_response(request, people, key=lambda user: user.member.pk)
