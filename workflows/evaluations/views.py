"""Pages of 团员教育评议 and 团支部书记满意度测评: thin, each a form and one service call.

Objects outside a user's part of the tree are 404 (their existence is not revealed); a page
whose action the user may not take at all is 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from workflows.engine.errors import CaseError
from workflows.engine.services.publicity import publicity_visible_to, publicity_window_note
from workflows.engine.views.common import report_error

from . import selectors, services
from .conditions import grading_rules_of
from .forms import (
    BallotForm,
    OpinionForm,
    RatingsForm,
    RoundOpenForm,
    SelfAssessmentForm,
    SurveyOpenForm,
)
from .grading import excellent_limit, share_text
from .models import BranchReview, BranchStatus, ReviewPublicity, ReviewRound, RoundStatus, Survey
from .satisfaction import SCALE


def _redirect(name: str, pk: int | None = None) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse(f"evaluations:{name}", args=[pk] if pk else []))


def _committees_or_403(request):
    committees = selectors.committees_run_by(user=request.user)
    if not committees.exists():
        raise PermissionDenied
    return committees


def _round_or_404(request, pk: int) -> ReviewRound:
    review_round = selectors.rounds_visible_to(user=request.user).filter(pk=pk).first()
    if review_round is None:
        raise Http404
    return review_round


def _managed_round_or_404(request, pk: int) -> ReviewRound:
    review_round = _round_or_404(request, pk)
    if not selectors.round_managed_by(review_round=review_round, user=request.user):
        raise PermissionDenied
    return review_round


def _branch_review_or_404(request, pk: int) -> BranchReview:
    branch_review = (
        BranchReview.objects.select_related("round__committee", "branch").filter(pk=pk).first()
    )
    if branch_review is None or not selectors.branch_review_visible_to(
        branch_review=branch_review, user=request.user
    ):
        raise Http404
    return branch_review


def _survey_or_404(request, pk: int) -> tuple[Survey, bool]:
    """The survey and whether the user sees every branch (the committee's side); a rated
    secretary sees only their own branch, anyone else nothing."""
    survey = Survey.objects.select_related("committee").filter(pk=pk).first()
    if survey is None:
        raise Http404
    if selectors.surveys_visible_to(user=request.user).filter(pk=pk).exists():
        return survey, True
    if selectors.survey_branches_rated(user=request.user).filter(survey=survey).exists():
        return survey, False
    raise Http404


class IndexView(LoginRequiredMixin, View):
    def get(self, request):
        user = request.user
        committees = selectors.committees_run_by(user=user)
        member = selectors.active_member(user)
        surveys_mine = []
        if member is not None:
            for survey in selectors.surveys_for_member(member=member):
                target = selectors.ballot_target(survey=survey, member=member)
                voted = selectors.has_voted(survey=survey, member=member)
                surveys_mine.append((survey, target, voted))
        context = {
            "committees": committees,
            "round_form": RoundOpenForm(committees=committees) if committees else None,
            "survey_form": SurveyOpenForm(committees=committees, prefix="survey")
            if committees
            else None,
            "rounds": selectors.rounds_visible_to(user=user),
            "led_reviews": selectors.branch_reviews_led_by(user=user).order_by("-round__year"),
            "my_reviews": selectors.my_reviews(member=member) if member else [],
            "surveys": selectors.surveys_visible_to(user=user),
            "surveys_mine": surveys_mine,
            "rated": selectors.survey_branches_rated(user=user),
        }
        return render(request, "evaluations/index.html", context)


class RoundOpenView(LoginRequiredMixin, View):
    def post(self, request):
        form = RoundOpenForm(request.POST, committees=_committees_or_403(request))
        if not form.is_valid():
            messages.error(request, _("请选择团委并填写评议年度"))
            return _redirect("index")
        try:
            review_round = services.review_round_open(
                committee=form.cleaned_data["committee"],
                year=form.cleaned_data["year"],
                by=request.user,
            )
        except CaseError as error:
            report_error(request, error)
            return _redirect("index")
        messages.success(request, _("已开始%(round)s") % {"round": review_round})
        return _redirect("round", review_round.pk)


class RoundView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        review_round = _round_or_404(request, pk)
        return render(
            request,
            "evaluations/round.html",
            {
                "round": review_round,
                "managed": selectors.round_managed_by(review_round=review_round, user=request.user),
                "rows": selectors.round_branch_table(review_round=review_round),
                "publicity": ReviewPublicity.objects.filter(round=review_round).first(),
                "today": timezone.localdate(),
            },
        )


class RoundCloseView(LoginRequiredMixin, View):
    """结束评议: to the 公示, or straight to the results when nobody is 不合格."""

    def post(self, request, pk: int):
        review_round = _managed_round_or_404(request, pk)
        try:
            review_round = services.review_rating_close(review_round=review_round, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            if review_round.status == RoundStatus.FINALISED:
                messages.success(request, _("没有评为「不合格」的团员，评议结果已确定"))
            else:
                messages.success(request, _("已发布「不合格」等次公示"))
        return _redirect("round", pk)


class RoundFinaliseView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        review_round = _managed_round_or_404(request, pk)
        try:
            services.review_round_finalise(review_round=review_round, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("评议结果已确定并记入团员年度记录"))
        return _redirect("round", pk)


class RoundResultsView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        review_round = _round_or_404(request, pk)
        return render(
            request,
            "evaluations/results.html",
            {"round": review_round, "results": selectors.round_results(review_round=review_round)},
        )


class PublicityView(LoginRequiredMixin, View):
    """The 公示, for the members and office holders of the committee's subtree."""

    def get(self, request, pk: int):
        publicity = ReviewPublicity.objects.select_related("org", "round").filter(pk=pk).first()
        if publicity is None or not publicity_visible_to(publicity=publicity, user=request.user):
            raise Http404
        return render(
            request,
            "evaluations/publicity.html",
            {"notice": publicity, "window_note": publicity_window_note(publicity)},
        )


class BranchView(LoginRequiredMixin, View):
    """A branch's ratings: the secretary's form while it may change them, the committee's
    confirm or return once submitted, a read-only table otherwise."""

    def _context(self, request, branch_review: BranchReview, form=None) -> dict:
        roster = selectors.branch_roster(branch_review=branch_review)
        rates = selectors.branch_review_rated_by(branch_review=branch_review, user=request.user)
        rules = grading_rules_of(branch_review.round)
        if rates and branch_review.editable and form is None:
            form = RatingsForm(
                roster=roster,
                initial={
                    "meeting_date": branch_review.meeting_date,
                    "should_attend": branch_review.should_attend
                    if branch_review.should_attend is not None
                    else len(roster),
                    "present": branch_review.present,
                },
            )
        return {
            "review": branch_review,
            "roster": roster,
            "form": form if rates and branch_review.editable else None,
            "decides": selectors.round_managed_by(
                review_round=branch_review.round, user=request.user
            )
            and branch_review.status == BranchStatus.SUBMITTED,
            "opinion_form": OpinionForm(),
            "excellent_share": share_text(rules.excellent_max),
            "excellent_limit": excellent_limit(rated=len(roster), share=rules.excellent_max),
            "reason_required": rules.unqualified_reason_required,
        }

    def get(self, request, pk: int):
        branch_review = _branch_review_or_404(request, pk)
        return render(request, "evaluations/branch.html", self._context(request, branch_review))

    def post(self, request, pk: int):
        branch_review = _branch_review_or_404(request, pk)
        action = request.POST.get("action", "")
        try:
            if action in {"save", "submit"}:
                form = RatingsForm(
                    request.POST, roster=selectors.branch_roster(branch_review=branch_review)
                )
                if not form.is_valid():
                    messages.error(request, _("请检查标出的内容"))
                    context = self._context(request, branch_review, form)
                    return render(request, "evaluations/branch.html", context, status=400)
                services.branch_ratings_record(
                    branch_review=branch_review,
                    meeting_date=form.cleaned_data["meeting_date"],
                    should_attend=form.cleaned_data["should_attend"],
                    present=form.cleaned_data["present"],
                    ratings=form.ratings(),
                    by=request.user,
                )
                if action == "submit":
                    services.branch_review_submit(branch_review=branch_review, by=request.user)
                    messages.success(request, _("已提交团委确认"))
                else:
                    messages.success(request, _("已保存"))
            elif action in {"confirm", "return"}:
                opinion = request.POST.get("opinion", "")
                if action == "confirm":
                    services.branch_review_confirm(
                        branch_review=branch_review, by=request.user, opinion=opinion
                    )
                    messages.success(
                        request, _("已确认%(branch)s的评议") % {"branch": branch_review.branch.name}
                    )
                else:
                    services.branch_review_return(
                        branch_review=branch_review, by=request.user, opinion=opinion
                    )
                    messages.success(
                        request, _("已退回%(branch)s") % {"branch": branch_review.branch.name}
                    )
            else:
                raise Http404
        except CaseError as error:
            report_error(request, error)
            if action in {"save", "submit"}:
                context = self._context(request, branch_review, form)
                return render(request, "evaluations/branch.html", context, status=400)
        return _redirect("branch", pk)


def _own_branch_review_or_404(request, pk: int):
    member = selectors.active_member(request.user)
    branch_review = (
        BranchReview.objects.select_related("round__committee", "branch").filter(pk=pk).first()
    )
    if member is None or branch_review is None or branch_review.branch_id != member.branch_id:
        raise Http404
    return member, branch_review


class SelfAssessmentView(LoginRequiredMixin, View):
    """A member's own 自评, and their result once the round is final: nobody else's."""

    def _render(self, request, member, branch_review, form, status=200):
        mine = next(
            (
                m
                for m in selectors.my_reviews(member=member)
                if m.branch_review.pk == branch_review.pk
            ),
            None,
        )
        return render(
            request,
            "evaluations/self_assessment.html",
            {"review": branch_review, "mine": mine, "form": form},
            status=status,
        )

    def get(self, request, pk: int):
        member, branch_review = _own_branch_review_or_404(request, pk)
        own = branch_review.reviews.filter(member=member).first()
        form = SelfAssessmentForm(initial={"text": own.self_assessment if own else ""})
        return self._render(request, member, branch_review, form)

    def post(self, request, pk: int):
        member, branch_review = _own_branch_review_or_404(request, pk)
        form = SelfAssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.self_assessment_save(
                    branch_review=branch_review,
                    member=member,
                    text=form.cleaned_data["text"],
                    by=request.user,
                )
            except CaseError as error:
                report_error(request, error)
            else:
                messages.success(request, _("自评已保存"))
                return _redirect("self_assessment", pk)
        return self._render(request, member, branch_review, form, status=400)


class SurveyOpenView(LoginRequiredMixin, View):
    def post(self, request):
        form = SurveyOpenForm(request.POST, committees=_committees_or_403(request), prefix="survey")
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return _redirect("index")
        data = form.cleaned_data
        try:
            survey = services.survey_open(
                committee=data["committee"],
                year=data["year"],
                items=data["items"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                by=request.user,
            )
        except CaseError as error:
            report_error(request, error)
            return _redirect("index")
        messages.success(request, _("已发起%(survey)s") % {"survey": survey})
        return _redirect("survey", survey.pk)


class SurveyView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        survey, committee_side = _survey_or_404(request, pk)
        targets = (
            survey.branches.all()
            if committee_side
            else selectors.survey_branches_rated(user=request.user).filter(survey=survey)
        )
        return render(
            request,
            "evaluations/survey.html",
            {
                "survey": survey,
                "committee_side": committee_side,
                "managed": selectors.survey_managed_by(survey=survey, user=request.user),
                "rows": selectors.survey_results(survey=survey, targets=targets),
                "unrated": survey.branches.filter(secretary__isnull=True).select_related("branch")
                if committee_side
                else [],
            },
        )


class SurveyCloseView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        survey, _committee_side = _survey_or_404(request, pk)
        if not selectors.survey_managed_by(survey=survey, user=request.user):
            raise PermissionDenied
        try:
            services.survey_close(survey=survey, by=request.user)
        except CaseError as error:
            report_error(request, error)
        else:
            messages.success(request, _("测评已结束"))
        return _redirect("survey", pk)


class BallotView(LoginRequiredMixin, View):
    """A member rates their own branch's secretary, once."""

    def _survey(self, request, pk: int):
        member = selectors.active_member(request.user)
        survey = Survey.objects.select_related("committee").filter(pk=pk).first()
        if member is None or survey is None:
            raise Http404
        target = selectors.ballot_target(survey=survey, member=member)
        if target is None:
            raise Http404
        return member, survey, target

    def _render(self, request, survey, target, form, voted, status=200):
        return render(
            request,
            "evaluations/ballot.html",
            {"survey": survey, "target": target, "form": form, "voted": voted, "scale": SCALE},
            status=status,
        )

    def get(self, request, pk: int):
        member, survey, target = self._survey(request, pk)
        voted = selectors.has_voted(survey=survey, member=member)
        return self._render(request, survey, target, BallotForm(items=survey.items), voted)

    def post(self, request, pk: int):
        member, survey, target = self._survey(request, pk)
        form = BallotForm(request.POST, items=survey.items)
        if not form.is_valid():
            messages.error(request, _("请为每一项作出评价"))
            return self._render(request, survey, target, form, False, status=400)
        try:
            services.survey_vote(
                survey=survey, member=member, scores=form.scores(), by=request.user
            )
        except CaseError as error:
            report_error(request, error)
            return self._render(request, survey, target, form, False, status=400)
        messages.success(request, _("感谢参与，您的评价已匿名记录"))
        return _redirect("ballot", pk)
