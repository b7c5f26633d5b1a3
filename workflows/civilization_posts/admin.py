from django.contrib import admin

from .models import Collective, CollectiveMember, ReviewGroup


class CollectiveMemberInline(admin.TabularInline):
    model = CollectiveMember
    fields = ["name", "gender", "birth_date", "post", "role", "user", "is_active"]
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Collective)
class CollectiveAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "org", "group", "is_active"]
    list_filter = ["kind", "is_active", "group"]
    search_fields = ["name"]
    raw_id_fields = ["org"]
    inlines = [CollectiveMemberInline]


@admin.register(ReviewGroup)
class ReviewGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "division", "committee", "order"]
    raw_id_fields = ["committee"]
