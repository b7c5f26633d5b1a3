from django.urls import path

from .views import cases, home, notifications, people, phrases, publicity, signers, tasks

app_name = "engine"

urlpatterns = [
    path("inbox/", tasks.InboxView.as_view(), name="inbox"),
    path("inbox/bulk/", tasks.InboxBulkView.as_view(), name="inbox_bulk"),
    path("queue/", tasks.QueueView.as_view(), name="queue"),
    path("archive/", tasks.ArchiveView.as_view(), name="archive"),
    path("tasks/<int:task_pk>/", tasks.TaskView.as_view(), name="task"),
    path("tasks/<int:task_pk>/claim/", tasks.TaskClaimView.as_view(), name="task_claim"),
    path("tasks/<int:task_pk>/transfer/", tasks.TaskTransferView.as_view(), name="task_transfer"),
    path("tasks/<int:task_pk>/unclaim/", tasks.TaskUnclaimView.as_view(), name="task_unclaim"),
    path("tasks/<int:pk>/signers/", signers.TaskSignerAddView.as_view(), name="task_add_signer"),
    path(
        "tasks/<int:task_pk>/people/",
        people.TransferPeopleView.as_view(),
        name="people_transfer",
    ),
    path(
        "cases/<str:label>/<int:pk>/people/",
        people.CopyPeopleView.as_view(),
        name="people_cc",
    ),
    path("phrases/", phrases.PhrasesView.as_view(), name="phrases"),
    path("phrases/add/", phrases.PhraseAddView.as_view(), name="phrase_add"),
    path("phrases/delete/", phrases.PhraseDeleteView.as_view(), name="phrase_delete"),
    path("my/", cases.MyCasesView.as_view(), name="my_cases"),
    path("cases/", cases.CaseListView.as_view(), name="case_list"),
    path("cases/<str:label>/<int:pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path(
        "cases/<str:label>/<int:pk>/<str:action>/",
        cases.CaseActionView.as_view(),
        name="case_action",
    ),
    path("attachments/<int:pk>/", cases.AttachmentDownloadView.as_view(), name="attachment"),
    path("publicity/", publicity.PublicityListView.as_view(), name="publicity_list"),
    path("publicity/<int:pk>/", publicity.PublicityDetailView.as_view(), name="publicity_detail"),
    path("notifications/", notifications.NotificationListView.as_view(), name="notifications"),
    path("more/", home.MoreView.as_view(), name="more"),
]
