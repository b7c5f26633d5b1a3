from django.contrib import admin

from .models import AuditCheckpoint, AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: the services write these rows and nothing changes them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "actor_name", "action", "case_label", "org_path"]
    list_filter = ["action"]
    search_fields = ["actor_name", "case_label", "opinion"]
    list_select_related = ["actor", "org", "case_type"]
    date_hierarchy = "created_at"


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "event_count", "root", "key_id"]
