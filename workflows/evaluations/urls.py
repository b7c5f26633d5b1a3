from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("rounds/new/", views.RoundOpenView.as_view(), name="round_open"),
    path("rounds/<int:pk>/", views.RoundView.as_view(), name="round"),
    path("rounds/<int:pk>/close/", views.RoundCloseView.as_view(), name="round_close"),
    path("rounds/<int:pk>/finalise/", views.RoundFinaliseView.as_view(), name="round_finalise"),
    path("rounds/<int:pk>/results/", views.RoundResultsView.as_view(), name="round_results"),
    path("publicity/<int:pk>/", views.PublicityView.as_view(), name="publicity"),
    path("branches/<int:pk>/", views.BranchView.as_view(), name="branch"),
    path("branches/<int:pk>/self/", views.SelfAssessmentView.as_view(), name="self_assessment"),
    path("surveys/new/", views.SurveyOpenView.as_view(), name="survey_open"),
    path("surveys/<int:pk>/", views.SurveyView.as_view(), name="survey"),
    path("surveys/<int:pk>/close/", views.SurveyCloseView.as_view(), name="survey_close"),
    path("surveys/<int:pk>/ballot/", views.BallotView.as_view(), name="ballot"),
]
