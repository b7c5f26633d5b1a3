"""Pages for 五四评优: campaigns, their categories and quotas, nominating, the judge's ballot,
certificates and the honours roll. Task steps run on the engine's task page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from workflows.documents.archives import documents_zip_response
from workflows.documents.selectors import documents_for
from workflows.engine.errors import CaseError
from workflows.engine.services.publicity import publicity_latest
from workflows.engine.views.common import report_error
from workflows.engine.visibility import case_visible_to
from workflows.org.models import Organization, OrgKind
from workflows.rules.selectors import rules_resolve

from . import panel, selectors, services
from .documents import CERTIFICATE_KIND
from .forms import CampaignForm, CategoryForm, NominationForm, ballot_entries
from .models import Campaign, CampaignStatus, Category
from .presets import category_presets


def _campaign_or_404(request, pk: int) -> Campaign:
    campaign = selectors.campaigns_visible_to(user=request.user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def _managed_or_404(request, campaign: Campaign) -> Campaign:
    if not selectors.campaign_managed_by(campaign=campaign, user=request.user):
        raise Http404
    return campaign


class CampaignListView(LoginRequiredMixin, View):
    def get(self, request):
        campaigns = selectors.campaigns_visible_to(user=request.user)
        committees = selectors.units_led_by(user=request.user).filter(kind=OrgKind.LEAGUE_COMMITTEE)
        return render(
            request,
            "awards/index.html",
            {"campaigns": campaigns, "committees": committees},
        )


class CampaignNewView(LoginRequiredMixin, View):
    def _committee(self, request) -> Organization:
        committees = selectors.units_led_by(user=request.user).filter(kind=OrgKind.LEAGUE_COMMITTEE)
        committee = committees.filter(pk=request.GET.get("org") or 0).first() or committees.first()
        if committee is None:
            raise Http404
        return committee

    def _form(self, request, committee, data=None):
        rules = rules_resolve(process=services.PROCESS_KEY, org=committee, on=timezone.localdate())
        today = timezone.localdate()
        return CampaignForm(
            data,
            judges_queryset=panel.judge_candidates(committee=committee),
            presets=category_presets(rules),
            initial={"year": today.year + 1, "title": f"{today.year}年度五四评优"},
        )

    def get(self, request):
        committee = self._committee(request)
        return render(
            request,
            "awards/new.html",
            {"form": self._form(request, committee), "committee": committee},
        )

    def post(self, request):
        committee = self._committee(request)
        form = self._form(request, committee, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                campaign = services.campaign_create(
                    org=committee,
                    title=data["title"],
                    year=data["year"],
                    cutoff_date=data["cutoff_date"],
                    deadline=data["deadline"],
                    notice=data["notice"],
                    judges=list(data["judges"]),
                    codes=data["codes"],
                    by=request.user,
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("评选已创建，请核对奖项条件和名额后发布通知"))
                return HttpResponseRedirect(reverse("awards:campaign", args=[campaign.pk]))
        return render(
            request, "awards/new.html", {"form": form, "committee": committee}, status=400
        )


class CampaignView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        campaign = _campaign_or_404(request, pk)
        managed = selectors.campaign_managed_by(campaign=campaign, user=request.user)
        rules = services.conditions.rules_of(campaign)
        categories = [
            (
                category,
                services.quota_for(category=category, unit=campaign.org, rules=rules, whole=True),
            )
            for category in campaign.categories.all()
        ]
        # Tallies are live while the panel judges; afterwards each nomination carries its result.
        shows_results = managed and campaign.status == CampaignStatus.PANEL
        is_judge = campaign.judges.filter(pk=request.user.pk).exists()
        return render(
            request,
            "awards/campaign.html",
            {
                "campaign": campaign,
                "managed": managed,
                "record_visible": case_visible_to(case=campaign, user=request.user),
                "categories": categories,
                "unit_quotas": selectors.unit_quotas(user=request.user, campaign=campaign),
                "nominations": selectors.campaign_nominations(campaign=campaign, user=request.user),
                "results": panel.panel_results(campaign=campaign) if shows_results else [],
                "missing_judges": panel.judges_missing(campaign=campaign) if shows_results else [],
                "is_judge": is_judge,
                "documents": [
                    d for d in documents_for(subject=campaign) if d.kind != CERTIFICATE_KIND
                ],
                "publicity": publicity_latest(campaign),
            },
        )


class CampaignOpenView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        campaign = _managed_or_404(request, _campaign_or_404(request, pk))
        try:
            services.campaign_open(campaign=campaign, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("通知已发布，开始接受推荐"))
        return HttpResponseRedirect(reverse("awards:campaign", args=[pk]))


def _category_or_404(request, pk: int) -> Category:
    category = get_object_or_404(Category.objects.select_related("campaign__org"), pk=pk)
    _campaign_or_404(request, category.campaign_id)
    return category


class CategoryEditView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        category = _category_or_404(request, pk)
        _managed_or_404(request, category.campaign)
        return render(
            request,
            "awards/category.html",
            {"category": category, "form": CategoryForm(instance=category)},
        )

    def post(self, request, pk: int):
        category = _category_or_404(request, pk)
        _managed_or_404(request, category.campaign)
        form = CategoryForm(request.POST, instance=Category.objects.get(pk=pk))
        if form.is_valid():
            try:
                services.category_update(
                    category=category, values=form.cleaned_data, by=request.user
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("已保存"))
                return HttpResponseRedirect(reverse("awards:campaign", args=[category.campaign_id]))
        return render(
            request, "awards/category.html", {"category": category, "form": form}, status=400
        )


class NominateView(LoginRequiredMixin, View):
    def _form(self, request, category, data=None):
        campaign = category.campaign
        return NominationForm(
            data,
            category=category,
            members=selectors.nominee_members(user=request.user, campaign=campaign),
            orgs=selectors.nominee_units(user=request.user, category=category),
        )

    def _render(self, request, category, form, status=200):
        return render(
            request,
            "awards/nominate.html",
            {"category": category, "campaign": category.campaign, "form": form},
            status=status,
        )

    def get(self, request, pk: int):
        category = _category_or_404(request, pk)
        return self._render(request, category, self._form(request, category))

    def post(self, request, pk: int):
        category = _category_or_404(request, pk)
        form = self._form(request, category, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                nomination = services.nomination_submit(
                    category=category,
                    by=request.user,
                    member=data.get("member"),
                    org=data.get("org"),
                    deeds=data["deeds"],
                    honours=data["honours"],
                    extra={"职务": data["post"]} if data.get("post") else {},
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(
                    request, _("已提交推荐：%(reference)s") % {"reference": nomination.reference}
                )
                return HttpResponseRedirect(nomination.get_absolute_url())
        return self._render(request, category, form, status=400)


class BallotView(LoginRequiredMixin, View):
    def _campaign(self, request, pk: int) -> Campaign:
        campaign = _campaign_or_404(request, pk)
        if not campaign.judges.filter(pk=request.user.pk).exists():
            raise Http404
        return campaign

    def get(self, request, pk: int, status: int = 200):
        campaign = self._campaign(request, pk)
        mine, recused = panel.ballot_sheet(campaign=campaign, user=request.user)
        cast = campaign.nominations.filter(ballots__judge=request.user).exists()
        return render(
            request,
            "awards/ballot.html",
            {"campaign": campaign, "mine": mine, "recused": recused, "cast": cast},
            status=status,
        )

    def post(self, request, pk: int):
        campaign = self._campaign(request, pk)
        mine = panel.ballot_sheet(campaign=campaign, user=request.user)[0]
        try:
            panel.ballot_cast(
                campaign=campaign, by=request.user, entries=ballot_entries(request.POST, mine)
            )
        except CaseError as error:
            report_error(request, error)
            return self.get(request, pk, status=400)
        messages.success(request, _("评审票已提交"))
        return HttpResponseRedirect(reverse("awards:campaign", args=[pk]))


class CertificatesZipView(LoginRequiredMixin, View):
    """Every awardee's latest certificate in one ZIP, for the organising committee."""

    def get(self, request, pk: int):
        campaign = _managed_or_404(request, _campaign_or_404(request, pk))
        files = [
            (f"{n.category.name}-{n.nominee_name}-{n.pk}.pdf", document)
            for n, document in selectors.certificates_of(campaign=campaign)
        ]
        return documents_zip_response(
            files=files, filename=f"{campaign.reference}-荣誉证书.zip", empty=_("尚无荣誉证书")
        )


class HonourListView(LoginRequiredMixin, View):
    def get(self, request):
        honours = selectors.honours_visible_to(user=request.user)[:500]
        return render(request, "awards/honours.html", {"honours": honours})
