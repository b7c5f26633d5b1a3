from django.contrib import admin

from .models import Attachment, Notification, Objection, Opinion, Publicity


class ViewOnlyAdmin(admin.ModelAdmin):
    """Records of what happened are read here, never edited."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Opinion)
class OpinionAdmin(ViewOnlyAdmin):
    list_display = ["step", "decision", "author", "created_at"]
    list_filter = ["decision"]


@admin.register(Attachment)
class AttachmentAdmin(ViewOnlyAdmin):
    list_display = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(Publicity)
class PublicityAdmin(ViewOnlyAdmin):
    list_display = ["title", "org", "starts_on", "ends_on", "closed_at"]


@admin.register(Objection)
class ObjectionAdmin(ViewOnlyAdmin):
    list_display = ["publicity", "author", "created_at", "resolved_at", "upheld"]


@admin.register(Notification)
class NotificationAdmin(ViewOnlyAdmin):
    list_display = ["user", "text", "created_at", "read_at"]
