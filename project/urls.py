from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from workflows.engine.site import site
from workflows.engine.views.home import HomeView
from workflows.org.views import PasswordChangeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    # Ours, before Django's: it ends a password change that a committee reset requires.
    path("accounts/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("org/", include("workflows.org.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("workflow/", site.urls),
    path("", include("workflows.engine.urls")),
    path("audit/", include("workflows.audit.urls")),
    path("", include("workflows.documents.urls")),
    path("evaluations/", include("workflows.evaluations.urls")),
    path("tuiyou/", include("workflows.party_recommendation.urls")),
    path("huanjie/", include("workflows.elections.urls")),
    path("pingyou/", include("workflows.awards.urls")),
    path("wenminghao/", include("workflows.civilization_posts.urls")),
    path("api/v1/", include("workflows.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the page needs no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
