"""The league's usual honours (两红两优 and others) with their customary conditions, from which a
committee starts a campaign. Percentages come from the committee's rulebook; everything here
can be edited per campaign before the 通知 goes out.

A campaign stores the names in Chinese, as its documents print them; pages show a name in the
reader's language when it is still the preset's (``Category.__str__``)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from workflows.rules.selectors import ResolvedRules

from .models import Basis, CategoryKind, Judging


def category_presets(rules: ResolvedRules) -> list[dict]:
    deeds = rules.int("deeds_max_chars")
    return [
        {
            "code": "red_flag_committee",
            "name": gettext_noop("五四红旗团委"),
            "kind": CategoryKind.COMMITTEE,
            "judging": Judging.SCORE,
            "basis": Basis.COMMITTEES,
            "quota_value": rules.int("quota_percent_red_flag_committee"),
            "repeat_gap_years": 1,
            "deeds_max_chars": deeds * 2,
        },
        {
            "code": "red_flag_branch",
            "name": gettext_noop("五四红旗团支部"),
            "kind": CategoryKind.BRANCH,
            "judging": Judging.SCORE,
            "basis": Basis.BRANCHES,
            "quota_value": rules.int("quota_percent_red_flag_branch"),
            "unit_members_min": 3,
            "term_current_required": True,
            "repeat_gap_years": 1,
            "deeds_max_chars": deeds * 2,
        },
        {
            "code": "excellent_member",
            "name": gettext_noop("优秀共青团员"),
            "kind": CategoryKind.INDIVIDUAL,
            "judging": Judging.VOTE,
            "basis": Basis.MEMBERS,
            "quota_value": rules.int("quota_percent_excellent_member"),
            "age_max": 28,
            "league_years_min": 1,
            "league_member_required": True,
            "review_required": "excellent",
            "volunteer_hours_min": 20,
            "dues_arrears_max": 0,
            "exclude_full_time_cadre": True,
            "deeds_max_chars": deeds,
        },
        {
            "code": "excellent_cadre",
            "name": gettext_noop("优秀共青团干部"),
            "kind": CategoryKind.INDIVIDUAL,
            "judging": Judging.VOTE,
            "basis": Basis.CADRES,
            "quota_value": rules.int("quota_percent_excellent_cadre"),
            "league_member_required": True,
            "review_required": "qualified",
            "dues_arrears_max": 0,
            "cadre_years_min": 1,
            "deeds_max_chars": deeds,
        },
        {
            "code": "job_expert",
            "name": gettext_noop("青年岗位能手"),
            "kind": CategoryKind.INDIVIDUAL,
            "judging": Judging.SCORE,
            "basis": Basis.FIXED,
            "quota_value": 5,
            "unit_quota_value": 1,
            "age_max": 35,
            "exclude_full_time_cadre": True,
            "repeat_gap_years": 2,
            "deeds_max_chars": deeds,
        },
        {
            "code": "youth_medal",
            "name": gettext_noop("五四青年奖章"),
            "kind": CategoryKind.INDIVIDUAL,
            "judging": Judging.VOTE,
            "basis": Basis.FIXED,
            "quota_value": 2,
            "unit_quota_value": 1,
            "age_min": 14,
            "age_max": 40,
            "repeat_gap_years": 99,
            "deeds_max_chars": deeds * 2,
        },
    ]
