from django.contrib import admin

from .models import DocumentFailure, DocumentNumberCounter, IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "number", "version", "org", "short_code", "created_at"]
    list_filter = ["kind"]
    search_fields = ["title", "number", "short_code", "sha256"]
    readonly_fields = [field.name for field in IssuedDocument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentNumberCounter)
class DocumentNumberCounterAdmin(admin.ModelAdmin):
    list_display = ["issuer", "year", "last"]


@admin.register(DocumentFailure)
class DocumentFailureAdmin(admin.ModelAdmin):
    list_display = ["kind", "subject_type", "subject_id", "attempts", "created_at", "resolved_at"]
    list_filter = ["kind", "resolved_at"]
    readonly_fields = ["created_at"]
