from django.contrib import admin

from workflows.engine.admin import ViewOnlyAdmin

from .models import BallotRound, Election, Term, TermChange


@admin.register(Term)
class TermAdmin(ViewOnlyAdmin):
    """Terms start through elections or the 换届 dashboard, where each start is audited."""

    list_display = ["branch", "starts_on", "years", "ends_on", "due_on", "ended_on"]
    list_filter = ["years"]
    search_fields = ["branch__name"]


@admin.register(Election)
class ElectionAdmin(ViewOnlyAdmin):
    list_display = ["reference", "org", "meeting_date", "seats", "status", "approved_on"]
    list_filter = ["status"]
    search_fields = ["reference", "org__name"]


@admin.register(TermChange)
class TermChangeAdmin(ViewOnlyAdmin):
    list_display = ["reference", "org", "kind", "due_before", "due_after", "status"]
    list_filter = ["status", "kind"]


@admin.register(BallotRound)
class BallotRoundAdmin(ViewOnlyAdmin):
    list_display = ["election", "kind", "meeting_date", "should_attend", "present", "outcome"]
