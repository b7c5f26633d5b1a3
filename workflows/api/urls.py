from django.urls import path, re_path

from . import awards, civilization, elections, views
from .exceptions import not_found

app_name = "api"

urlpatterns = [
    path("tasks/", views.TaskListView.as_view(), name="tasks"),
    path("tasks/bulk/", views.TaskBulkView.as_view(), name="task_bulk"),
    path("tasks/<int:task_pk>/", views.TaskDetailView.as_view(), name="task"),
    path("tasks/<int:task_pk>/claim/", views.TaskClaimView.as_view(), name="task_claim"),
    path("tasks/<int:task_pk>/unclaim/", views.TaskUnclaimView.as_view(), name="task_unclaim"),
    path("tasks/<int:task_pk>/signers/", views.TaskSignerView.as_view(), name="task_signers"),
    path("tasks/<int:task_pk>/act/", views.TaskActView.as_view(), name="task_act"),
    path("tasks/<int:task_pk>/approve/", views.TaskApproveView.as_view(), name="task_approve"),
    path("tasks/<int:task_pk>/return/", views.TaskReturnView.as_view(), name="task_return"),
    path("tasks/<int:task_pk>/reject/", views.TaskRejectView.as_view(), name="task_reject"),
    path("cases/", views.CaseListView.as_view(), name="cases"),
    path("cases/<str:label>/<int:pk>/", views.CaseDetailView.as_view(), name="case"),
    path(
        "cases/<str:label>/<int:pk>/comments/", views.CaseCommentView.as_view(), name="case_comment"
    ),
    path("cases/<str:label>/<int:pk>/events/", views.CaseEventsView.as_view(), name="case_events"),
    path(
        "cases/<str:label>/<int:pk>/documents/",
        views.DocumentListView.as_view(),
        name="case_documents",
    ),
    path("audit/events/", views.AuditEventListView.as_view(), name="audit_events"),
    path(
        "party-recommendation/applications/",
        views.ApplicationCreateView.as_view(),
        name="application_create",
    ),
    path("elections/", elections.ElectionListCreateView.as_view(), name="elections"),
    path("elections/<int:pk>/", elections.ElectionDetailView.as_view(), name="election"),
    path("terms/", elections.TermListView.as_view(), name="terms"),
    path("terms/<int:pk>/change/", elections.TermChangeCreateView.as_view(), name="term_change"),
    path("campaigns/", awards.CampaignListCreateView.as_view(), name="campaigns"),
    path("campaigns/<int:pk>/", awards.CampaignDetailView.as_view(), name="campaign"),
    path("campaigns/<int:pk>/open/", awards.CampaignOpenView.as_view(), name="campaign_open"),
    path(
        "campaigns/<int:pk>/nominations/",
        awards.NominationListCreateView.as_view(),
        name="campaign_nominations",
    ),
    path("campaigns/<int:pk>/ballot/", awards.BallotView.as_view(), name="campaign_ballot"),
    path("campaigns/<int:pk>/results/", awards.ResultsView.as_view(), name="campaign_results"),
    path("honours/", awards.HonourListView.as_view(), name="honours"),
    path("collectives/", civilization.CollectiveListCreateView.as_view(), name="collectives"),
    path("collectives/<int:pk>/", civilization.CollectiveDetailView.as_view(), name="collective"),
    path(
        "collectives/<int:pk>/people/",
        civilization.PersonCreateView.as_view(),
        name="collective_people",
    ),
    path("post-cycles/", civilization.CycleListCreateView.as_view(), name="post_cycles"),
    path("post-cycles/<int:pk>/", civilization.CycleDetailView.as_view(), name="post_cycle"),
    path(
        "post-cycles/<int:pk>/open/", civilization.CycleOpenView.as_view(), name="post_cycle_open"
    ),
    path(
        "post-cycles/<int:pk>/rubric/",
        civilization.RubricView.as_view(),
        name="post_cycle_rubric",
    ),
    path(
        "post-cycles/<int:pk>/filings/",
        civilization.FilingListCreateView.as_view(),
        name="post_cycle_filings",
    ),
    path(
        "post-cycles/<int:pk>/applications/",
        civilization.ApplicationListCreateView.as_view(),
        name="post_cycle_applications",
    ),
    path(
        "post-cycles/<int:pk>/results/",
        civilization.ResultsView.as_view(),
        name="post_cycle_results",
    ),
    path("peer-reviews/", civilization.PeerReviewListView.as_view(), name="peer_reviews"),
    path("peer-reviews/<int:pk>/", civilization.PeerReviewView.as_view(), name="peer_review"),
    path("recognitions/", civilization.RecognitionListView.as_view(), name="recognitions"),
    path(
        "recognitions/<int:pk>/",
        civilization.RecognitionDetailView.as_view(),
        name="recognition",
    ),
    path(
        "post-yearly-reviews/",
        civilization.YearlyReviewListCreateView.as_view(),
        name="post_yearly_reviews",
    ),
    re_path(r"", not_found),
]
