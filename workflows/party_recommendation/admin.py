from django.contrib import admin

from .models import Application, Round


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "branch", "track", "meeting_date", "is_open"]
    list_filter = ["track", "is_open"]
    search_fields = ["title", "branch__name"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """View only: decisions go through the task pages, where routing and audit happen."""

    list_display = ["reference", "subject", "org", "track", "status", "recommended_on"]
    list_filter = ["status", "track"]
    search_fields = ["reference", "subject__name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
