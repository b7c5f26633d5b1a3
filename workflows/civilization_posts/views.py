"""Pages for 青年文明号: cycles with their rubric, filings and applications, collectives with
their rosters, review groups, the reviewer's score sheets, plaques, the yearly review and the
roll of recognised collectives. Task steps run on the engine's task page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from workflows.documents.archives import documents_zip_response
from workflows.documents.selectors import documents_for
from workflows.engine.errors import CaseError
from workflows.engine.services.publicity import publicity_latest
from workflows.engine.spreadsheets import SheetInvalid, SheetRow, fix_sheet, fixed_rows
from workflows.engine.views.common import report_error
from workflows.engine.visibility import case_visible_to
from workflows.org.models import Organization
from workflows.rules.selectors import rules_resolve

from . import peer_review, roster, selectors, services, yearly
from .documents import PLAQUE_KIND
from .forms import (
    ApplicationForm,
    CollectiveForm,
    CycleForm,
    FilingForm,
    GroupForm,
    GroupSetForm,
    PeerReviewForm,
    PersonForm,
    RosterUploadForm,
    RubricForm,
    YearlyStartForm,
)
from .models import (
    Collective,
    CollectiveMember,
    CycleStatus,
    PeerReview,
    ReviewGroup,
)
from .records import collective_facts, collective_problems
from .roster_file import ROSTER_COLUMNS, roster_rows, roster_workbook


def _cycle_or_404(request, pk: int):
    cycle = selectors.cycles_visible_to(user=request.user).filter(pk=pk).first()
    if cycle is None:
        raise Http404
    return cycle


def _managed_or_404(request, cycle):
    if not services.cycle_managed_by(cycle=cycle, user=request.user):
        raise Http404
    return cycle


def _collective_or_404(request, pk: int) -> Collective:
    collective = selectors.collectives_visible_to(user=request.user).filter(pk=pk).first()
    if collective is None:
        raise Http404
    return collective


class IndexView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "civilization_posts/index.html",
            {
                "cycles": selectors.cycles_visible_to(user=request.user),
                "committees": selectors.committees_led_by(user=request.user),
                "pending_reviews": sum(
                    1
                    for review in selectors.reviews_of(user=request.user)
                    if review.submitted_at is None
                ),
            },
        )


class CycleNewView(LoginRequiredMixin, View):
    def _committee(self, request) -> Organization:
        committees = selectors.committees_led_by(user=request.user)
        committee = committees.filter(pk=request.GET.get("org") or 0).first() or committees.first()
        if committee is None:
            raise Http404
        return committee

    def _render(self, request, committee, form, status=200):
        return render(
            request,
            "civilization_posts/new.html",
            {"form": form, "committee": committee},
            status=status,
        )

    def get(self, request):
        committee = self._committee(request)
        today = timezone.localdate()
        start = today.year if today.year % 2 else today.year + 1
        form = CycleForm(
            initial={"title": f"{start}—{start + 1}年度青年文明号创建评审", "start_year": start}
        )
        return self._render(request, committee, form)

    def post(self, request):
        committee = self._committee(request)
        form = CycleForm(request.POST)
        if form.is_valid():
            try:
                cycle = services.cycle_create(org=committee, by=request.user, **form.cleaned_data)
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("届期已创建，请核对考核评分细则后发布创建通知"))
                return HttpResponseRedirect(reverse("civilization_posts:cycle", args=[cycle.pk]))
        return self._render(request, committee, form, status=400)


# Past this many applications under review, the committee's page shows one group at a time.
RESULTS_ALL_MAX = 60


def _results_group(request, groups) -> int | None:
    """The review group whose 互检互查 results the page shows; None for all of them."""
    chosen = request.GET.get("group", "")
    if chosen.isdigit() and any(g.pk == int(chosen) for g in groups):
        return int(chosen)
    if chosen == "all" or sum(g.applications for g in groups) <= RESULTS_ALL_MAX:
        return None
    return groups[0].pk if groups else None


class CycleView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        cycle = _cycle_or_404(request, pk)
        managed = services.cycle_managed_by(cycle=cycle, user=request.user)
        reviewing = managed and cycle.status == CycleStatus.PEER_REVIEW
        groups = list(selectors.groups_under_review(cycle=cycle)) if reviewing else []
        group_id = _results_group(request, groups)
        return render(
            request,
            "civilization_posts/cycle.html",
            {
                "cycle": cycle,
                "managed": managed,
                "record_visible": case_visible_to(case=cycle, user=request.user),
                "rubric": cycle.rubric_version(),
                "filings": selectors.cycle_cases(queryset=cycle.filings.all(), user=request.user),
                "applications": selectors.cycle_cases(
                    queryset=cycle.applications.all(), user=request.user
                ),
                "results": peer_review.cycle_results(cycle=cycle, group_id=group_id)
                if reviewing
                else [],
                "groups": groups,
                "group_id": group_id,
                "missing": peer_review.reviews_missing(cycle=cycle) if reviewing else [],
                "sendable": selectors.sendable_collectives(user=request.user, cycle=cycle).exists(),
                "documents": [d for d in documents_for(subject=cycle) if d.kind != PLAQUE_KIND],
                "publicity": publicity_latest(cycle),
            },
        )


class CycleOpenView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        cycle = _managed_or_404(request, _cycle_or_404(request, pk))
        try:
            services.cycle_open(cycle=cycle, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("创建通知已发布，开始受理创建备案"))
        return HttpResponseRedirect(reverse("civilization_posts:cycle", args=[pk]))


class RubricView(LoginRequiredMixin, View):
    def _render(self, request, cycle, form, status=200):
        return render(
            request,
            "civilization_posts/rubric.html",
            {"cycle": cycle, "form": form, "versions": cycle.rubrics.all()},
            status=status,
        )

    def get(self, request, pk: int):
        cycle = _managed_or_404(request, _cycle_or_404(request, pk))
        form = RubricForm(initial={"text": cycle.rubric_version().rubric.as_text()})
        return self._render(request, cycle, form)

    def post(self, request, pk: int):
        cycle = _managed_or_404(request, _cycle_or_404(request, pk))
        form = RubricForm(request.POST)
        if form.is_valid():
            try:
                version = services.rubric_update(
                    cycle=cycle, rubric=form.cleaned_data["text"], by=request.user
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(
                    request, _("已保存为第 %(version)s 版") % {"version": version.version}
                )
                return HttpResponseRedirect(reverse("civilization_posts:cycle", args=[pk]))
        return self._render(request, cycle, form, status=400)


class _CycleCaseView(LoginRequiredMixin, View):
    """A page where a collective sends something to the cycle (创建备案 or 申报)."""

    template_name = ""

    def _collectives(self, request, cycle):
        collectives = selectors.sendable_collectives(user=request.user, cycle=cycle)
        if not collectives.exists():
            raise Http404
        return collectives

    def _render(self, request, cycle, form, status=200):
        return render(request, self.template_name, {"cycle": cycle, "form": form}, status=status)


class FilingView(_CycleCaseView):
    template_name = "civilization_posts/file.html"

    def get(self, request, pk: int):
        cycle = _cycle_or_404(request, pk)
        form = FilingForm(collectives=self._collectives(request, cycle))
        return self._render(request, cycle, form)

    def post(self, request, pk: int):
        cycle = _cycle_or_404(request, pk)
        form = FilingForm(request.POST, collectives=self._collectives(request, cycle))
        if form.is_valid():
            try:
                filing = services.filing_submit(cycle=cycle, by=request.user, **form.cleaned_data)
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(
                    request, _("已提交创建备案：%(reference)s") % {"reference": filing.reference}
                )
                return HttpResponseRedirect(filing.get_absolute_url())
        return self._render(request, cycle, form, status=400)


class ApplyView(_CycleCaseView):
    template_name = "civilization_posts/apply.html"

    def _form(self, request, cycle, data=None, files=None):
        return ApplicationForm(
            data,
            files,
            collectives=self._collectives(request, cycle),
            rubric=cycle.rubric_version().rubric,
        )

    def get(self, request, pk: int):
        cycle = _cycle_or_404(request, pk)
        return self._render(request, cycle, self._form(request, cycle))

    def post(self, request, pk: int):
        cycle = _cycle_or_404(request, pk)
        form = self._form(request, cycle, request.POST, request.FILES)
        if form.is_valid():
            try:
                application = services.application_submit(
                    cycle=cycle,
                    collective=form.cleaned_data["collective"],
                    summary=form.cleaned_data["summary"],
                    scores=form.scores(),
                    evidence=form.cleaned_data["evidence"],
                    by=request.user,
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(
                    request, _("已提交申报：%(reference)s") % {"reference": application.reference}
                )
                return HttpResponseRedirect(application.get_absolute_url())
        return self._render(request, cycle, form, status=400)


class RemindView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        cycle = _managed_or_404(request, _cycle_or_404(request, pk))
        sent = peer_review.reviews_remind(cycle=cycle, by=request.user)
        messages.success(request, _("已催办 %(count)s 位评审人") % {"count": sent})
        return HttpResponseRedirect(reverse("civilization_posts:cycle", args=[pk]))


class PlaquesZipView(LoginRequiredMixin, View):
    """Every recognised collective's latest plaque in one ZIP, for the committee."""

    def get(self, request, pk: int):
        cycle = _managed_or_404(request, _cycle_or_404(request, pk))
        files = [
            (f"{r.get_stars_display()}-{r.collective.name}-{r.pk}.pdf", document)
            for r, document in selectors.plaques_of(cycle=cycle)
        ]
        return documents_zip_response(
            files=files,
            filename=f"{cycle.reference}-青年文明号牌匾证书.zip",
            empty=_("尚无牌匾证书"),
        )


class CollectiveListView(LoginRequiredMixin, View):
    def get(self, request):
        collectives = selectors.collectives_with_counts(
            selectors.collectives_visible_to(user=request.user)
        )
        group = request.GET.get("group")
        if group and group.isdigit():
            collectives = collectives.filter(group_id=int(group))
        return render(
            request,
            "civilization_posts/collectives.html",
            {
                "collectives": collectives[:500],
                "can_register": selectors.registering_units(user=request.user).exists(),
            },
        )


class CollectiveNewView(LoginRequiredMixin, View):
    def _form(self, request, data=None):
        orgs = selectors.registering_units(user=request.user)
        if not orgs.exists():
            raise Http404
        return CollectiveForm(data, orgs=orgs)

    def get(self, request):
        return render(
            request, "civilization_posts/collective_new.html", {"form": self._form(request)}
        )

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            try:
                collective = roster.collective_register(by=request.user, **form.cleaned_data)
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("已登记，请录入名册"))
                return HttpResponseRedirect(
                    reverse("civilization_posts:collective", args=[collective.pk])
                )
        return render(request, "civilization_posts/collective_new.html", {"form": form}, status=400)


class CollectiveView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        collective = _collective_or_404(request, pk)
        rules = rules_resolve(
            process=services.PROCESS_KEY, org=collective.org, on=timezone.localdate()
        )
        today = timezone.localdate()
        managed = roster.manages(user=request.user, org=collective.org)
        committee_groups = ReviewGroup.objects.filter(
            committee__in=selectors.committees_led_by(user=request.user)
        )
        return render(
            request,
            "civilization_posts/collective.html",
            {
                "collective": collective,
                "roster": collective.roster(),
                "facts": collective_facts(collective=collective, on=today, rules=rules),
                "problems": collective_problems(collective=collective, on=today, rules=rules),
                "young_age_max": rules.int("young_age_max"),
                "managed": managed,
                "person_form": PersonForm(),
                "upload_form": RosterUploadForm(),
                "group_form": GroupSetForm(
                    groups=committee_groups, initial={"group": collective.group_id}
                )
                if committee_groups.exists()
                else None,
                "recognitions": collective.recognitions.prefetch_related("events"),
                "filings": selectors.cycle_cases(
                    queryset=collective.filings.all(), user=request.user
                ),
                "applications": selectors.cycle_cases(
                    queryset=collective.applications.all(), user=request.user
                ),
            },
        )


class PersonAddView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        collective = _collective_or_404(request, pk)
        form = PersonForm(request.POST)
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}：{error}" if label else error)
        else:
            try:
                roster.person_add(collective=collective, by=request.user, **form.cleaned_data)
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("已加入名册"))
        return HttpResponseRedirect(reverse("civilization_posts:collective", args=[pk]))


class PersonRemoveView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        person = CollectiveMember.objects.select_related("collective").filter(pk=pk).first()
        if person is None:
            raise Http404
        collective = _collective_or_404(request, person.collective_id)
        try:
            roster.person_remove(person=person, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("%(name)s 已移出名册") % {"name": person.name})
        return HttpResponseRedirect(reverse("civilization_posts:collective", args=[collective.pk]))


class RosterUploadView(LoginRequiredMixin, View):
    """A roster from an .xlsx or .csv file, or from the rows shown back for correction: when a
    cell is wrong nothing is imported, and the page shows the rows with every wrong cell named
    so only those need fixing."""

    def post(self, request, pk: int):
        collective = _collective_or_404(request, pk)
        try:
            rows = self._rows(request)
            if rows is None:
                messages.error(request, _("请选择名册文件"))
            else:
                count = roster.roster_import(collective=collective, rows=rows, by=request.user)
                messages.success(request, _("已导入名册 %(count)s 人") % {"count": count})
        except SheetInvalid as error:
            return render(
                request,
                "civilization_posts/roster_fix.html",
                {
                    "collective": collective,
                    "problems": error.messages,
                    "sheet": fix_sheet(error, ROSTER_COLUMNS),
                    "upload_form": RosterUploadForm(),
                },
                status=400,
            )
        except CaseError as error:
            report_error(request, error)
        return HttpResponseRedirect(reverse("civilization_posts:collective", args=[pk]))

    def _rows(self, request) -> list[SheetRow] | None:
        if "sheet" in request.POST:
            return fixed_rows(request.POST["sheet"], request.POST, ROSTER_COLUMNS)
        form = RosterUploadForm(request.POST, request.FILES)
        return roster_rows(form.cleaned_data["file"]) if form.is_valid() else None


class RosterFileView(LoginRequiredMixin, View):
    """The roster as .xlsx: the template to fill in, with today's people."""

    def get(self, request, pk: int):
        collective = _collective_or_404(request, pk)
        response = HttpResponse(
            roster_workbook(collective.roster()),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f"attachment; filename*=UTF-8''{_quote(collective.name)}-roster.xlsx"
        )
        return response


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


class CollectiveGroupView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        collective = _collective_or_404(request, pk)
        groups = ReviewGroup.objects.filter(
            committee__in=selectors.committees_led_by(user=request.user)
        )
        form = GroupSetForm(request.POST, groups=groups)
        if form.is_valid():
            try:
                roster.collective_group_set(
                    collective=collective, group=form.cleaned_data["group"], by=request.user
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("已调整评审小组"))
        return HttpResponseRedirect(reverse("civilization_posts:collective", args=[pk]))


class GroupListView(LoginRequiredMixin, View):
    def _committee(self, request):
        committee = selectors.committees_led_by(user=request.user).first()
        if committee is None:
            raise Http404
        return committee

    def _render(self, request, committee, form, status=200):
        return render(
            request,
            "civilization_posts/groups.html",
            {
                "committee": committee,
                "groups": selectors.groups_of(committee=committee),
                "ungrouped": Collective.objects.filter(
                    org_path__startswith=committee.path, group__isnull=True, is_active=True
                ).count(),
                "form": form,
            },
            status=status,
        )

    def get(self, request):
        committee = self._committee(request)
        return self._render(request, committee, GroupForm())

    def post(self, request):
        committee = self._committee(request)
        form = GroupForm(request.POST)
        if form.is_valid():
            try:
                roster.group_create(committee=committee, by=request.user, **form.cleaned_data)
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("已设立评审小组"))
                return HttpResponseRedirect(reverse("civilization_posts:groups"))
        return self._render(request, committee, form, status=400)


class ReviewListView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "civilization_posts/reviews.html",
            {"reviews": selectors.reviews_of(user=request.user)},
        )


class ReviewView(LoginRequiredMixin, View):
    """One score sheet: the applicant's materials beside the rubric."""

    def _review(self, request, pk: int) -> PeerReview:
        review = next((r for r in selectors.reviews_of(user=request.user) if r.pk == pk), None)
        if review is None:
            raise Http404
        return review

    def _render(self, request, review, form, status=200):
        application = review.application
        return render(
            request,
            "civilization_posts/review.html",
            {
                "review": review,
                "application": application,
                "form": form,
                "evidence": selectors.evidence_of(application=application),
            },
            status=status,
        )

    def get(self, request, pk: int):
        review = self._review(request, pk)
        form = PeerReviewForm(rubric=review.application.rubric.rubric)
        return self._render(request, review, form)

    def post(self, request, pk: int):
        review = self._review(request, pk)
        form = PeerReviewForm(request.POST, rubric=review.application.rubric.rubric)
        if form.is_valid():
            try:
                peer_review.review_submit(
                    application=review.application,
                    by=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("评分已提交"))
                return HttpResponseRedirect(reverse("civilization_posts:reviews"))
        return self._render(request, review, form, status=400)


class YearlyView(LoginRequiredMixin, View):
    def _render(self, request, form, status=200):
        reviews = selectors.yearly_reviews_visible_to(user=request.user)
        year = request.GET.get("year")
        if year and year.isdigit():
            reviews = reviews.filter(year=int(year))
        return render(
            request,
            "civilization_posts/yearly.html",
            {"reviews": reviews[:500], "form": form},
            status=status,
        )

    def _form(self, request, data=None):
        committees = selectors.committees_led_by(user=request.user)
        return YearlyStartForm(data, committees=committees) if committees.exists() else None

    def get(self, request):
        return self._render(request, self._form(request))

    def post(self, request):
        form = self._form(request, request.POST)
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                started = yearly.yearly_reviews_start(by=request.user, **form.cleaned_data)
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(
                    request, _("已启动年度复核 %(count)s 个集体") % {"count": len(started)}
                )
                return HttpResponseRedirect(reverse("civilization_posts:yearly"))
        return self._render(request, form, status=400)


class RecognitionListView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "civilization_posts/recognitions.html",
            {"recognitions": selectors.recognitions_visible_to(user=request.user)[:500]},
        )
