from django.urls import path

from . import views

app_name = "civilization_posts"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("new/", views.CycleNewView.as_view(), name="new"),
    path("<int:pk>/", views.CycleView.as_view(), name="cycle"),
    path("<int:pk>/open/", views.CycleOpenView.as_view(), name="open"),
    path("<int:pk>/rubric/", views.RubricView.as_view(), name="rubric"),
    path("<int:pk>/file/", views.FilingView.as_view(), name="file"),
    path("<int:pk>/apply/", views.ApplyView.as_view(), name="apply"),
    path("<int:pk>/remind/", views.RemindView.as_view(), name="remind"),
    path("<int:pk>/plaques.zip", views.PlaquesZipView.as_view(), name="plaques"),
    path("collectives/", views.CollectiveListView.as_view(), name="collectives"),
    path("collectives/new/", views.CollectiveNewView.as_view(), name="collective_new"),
    path("collectives/<int:pk>/", views.CollectiveView.as_view(), name="collective"),
    path("collectives/<int:pk>/people/", views.PersonAddView.as_view(), name="person_add"),
    path("collectives/<int:pk>/roster/", views.RosterUploadView.as_view(), name="roster_upload"),
    path("collectives/<int:pk>/roster.xlsx", views.RosterFileView.as_view(), name="roster_file"),
    path("collectives/<int:pk>/group/", views.CollectiveGroupView.as_view(), name="group_set"),
    path("people/<int:pk>/remove/", views.PersonRemoveView.as_view(), name="person_remove"),
    path("groups/", views.GroupListView.as_view(), name="groups"),
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", views.ReviewView.as_view(), name="review"),
    path("yearly/", views.YearlyView.as_view(), name="yearly"),
    path("recognitions/", views.RecognitionListView.as_view(), name="recognitions"),
]
