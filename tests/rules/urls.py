"""Only the admin: the rules admin tests must not depend on the other apps' views."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
