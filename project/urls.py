from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from workflows.engine.site import site

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="engine:inbox", permanent=False)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("workflow/", site.urls),
    path("", include("workflows.engine.urls")),
    path("audit/", include("workflows.audit.urls")),
    path("", include("workflows.documents.urls")),
    path("tuiyou/", include("workflows.party_recommendation.urls")),
    path("huanjie/", include("workflows.elections.urls")),
    path("pingyou/", include("workflows.awards.urls")),
    path("wenminghao/", include("workflows.civilization_posts.urls")),
    path("api/v1/", include("workflows.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
