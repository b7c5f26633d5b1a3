"""A case's timeline with its chain verified, and its dossier: issue a new version, download
the latest. Whoever may read the case's audit timeline may do both; others get a 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from workflows.documents.jobs import zip_job_start
from workflows.engine.models import CaseBase

from .case_chain import case_chain_verify
from .dossier import (
    DOSSIER_ZIP_KIND,
    DOSSIER_ZIP_MAX,
    case_dossier_issue,
    dossier_case,
    dossier_case_keys,
    dossier_latest,
)
from .filters import events_filter
from .selectors import case_timeline_for
from .views import AuditorRequiredMixin, CaseTimelineView


def _readable_case(request, ct: int, pk: int) -> CaseBase:
    if case_timeline_for(user=request.user, case_type_id=ct, case_id=pk) is None:
        raise Http404
    case = dossier_case(case_type_id=ct, case_id=pk)
    if case is None:
        raise Http404
    return case


class CaseTimelineVerifiedView(CaseTimelineView):
    """The case timeline, marked with the verification of the case's events."""

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        ct, pk = self.kwargs["ct"], self.kwargs["pk"]
        case = dossier_case(case_type_id=ct, case_id=pk)
        context.update(
            {
                "chain": case_chain_verify(case_type_id=ct, case_id=pk),
                "case": case,
                "dossier": dossier_latest(case=case) if case is not None else None,
                "ct": ct,
                "case_pk": pk,
            }
        )
        return context


class DossierIssueView(AuditorRequiredMixin, View):
    def post(self, request, ct: int, pk: int):
        case = _readable_case(request, ct, pk)
        document = case_dossier_issue(case=case, by=request.user)
        messages.success(request, _("已生成案卷第%(version)s版") % {"version": document.version})
        return HttpResponseRedirect(reverse("audit:case_timeline", args=[ct, pk]))


class DossierDownloadView(AuditorRequiredMixin, View):
    def get(self, request, ct: int, pk: int):
        document = dossier_latest(case=_readable_case(request, ct, pk))
        if document is None:
            raise Http404
        name = f"{document.title}（第{document.version}版）.pdf".replace("/", "_")
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=name,
            content_type="application/pdf",
        )


class DossierZipStartView(AuditorRequiredMixin, View):
    """A ZIP of the dossiers of every case the event list's filters (in the query) select."""

    def post(self, request):
        keys = dossier_case_keys(events=events_filter(request).qs)
        back = reverse("audit:event_list") + (f"?{request.GET.urlencode()}" if request.GET else "")
        if not keys:
            messages.error(request, _("筛选结果中没有可生成案卷的案件"))
            return HttpResponseRedirect(back)
        if len(keys) > DOSSIER_ZIP_MAX:
            messages.error(
                request,
                _("筛选结果超过 %(max)s 件案件，请缩小筛选范围后再打包") % {"max": DOSSIER_ZIP_MAX},
            )
            return HttpResponseRedirect(back)
        job = zip_job_start(
            kind=DOSSIER_ZIP_KIND,
            title=_("案卷（%(count)s 件）") % {"count": len(keys)},
            items=keys,
            by=request.user,
        )
        return HttpResponseRedirect(reverse("documents:job", args=[job.pk]))
