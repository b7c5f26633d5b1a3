from django.contrib import admin

from .models import Appointment, Member, MemberYear, Organization, Substitute


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "party_org", "issuer_mark"]
    list_filter = ["kind", "is_student"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent", "party_org"]


class MemberYearInline(admin.TabularInline):
    model = MemberYear
    extra = 0


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    inlines = [MemberYearInline]
    list_display = [
        "name",
        "gender",
        "birth_date",
        "branch",
        "political_status",
        "party_progress",
        "id_number_masked",
        "standing",
    ]
    list_filter = ["political_status", "party_progress", "standing", "gender"]
    search_fields = ["name", "department", "phone"]
    autocomplete_fields = ["branch", "user"]

    @admin.display(description="身份证号")
    def id_number_masked(self, member: Member) -> str:
        return member.id_number_masked


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["user", "org", "role", "start_date", "end_date"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "org__name"]
    autocomplete_fields = ["user", "org"]


@admin.register(Substitute)
class SubstituteAdmin(admin.ModelAdmin):
    list_display = ["principal", "substitute", "start_date", "end_date", "reason"]
    autocomplete_fields = ["principal", "substitute"]
