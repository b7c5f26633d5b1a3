from fractions import Fraction

import pytest

from workflows.rules.defaults import (
    DEFAULTS,
    LABELS,
    PROCESS_CHOICES,
    Kind,
    defaults_for,
    fraction_parse,
    setting_label,
)
from workflows.rules.selectors import ResolvedRules


def test_rulebooks_are_membership_evaluations_and_the_four_league_processes():
    assert [key for key, _label in PROCESS_CHOICES] == [
        "membership",
        "evaluation",
        "party_recommendation",
        "election",
        "award",
        "civilization_post",
    ]


def test_party_recommendation_defaults_follow_2019_no_9():
    values = defaults_for("party_recommendation")
    assert values == {
        "age_min": 18,
        "age_max": 28,
        "league_years_min": 1,
        "application_months_min": 0,
        "activist_years_min": 1,
        "quota_percent": 20,
        "quota_minimum": 0,
        "quorum_fraction": "1/2",
        "pass_fraction": "1/2",
        "publicity_working_days": 5,
        "validity_years": 2,
        "party_branch_decides": True,
        "review_unqualified_bars": True,
    }
    assert "中青发〔2019〕9号" in DEFAULTS["party_recommendation"]["pass_fraction"].source


def test_election_defaults_follow_2025_no_1():
    values = defaults_for("election")
    assert values["term_years"] == 3
    assert values["student_term_years"] == 1
    assert values["committee_min_members"] == 7
    assert (values["committee_size_min"], values["committee_size_max"]) == (3, 5)
    assert values["committee_size_hard_max"] == 7
    assert fraction_parse(values["competition_ratio"]) == Fraction(6, 5)
    assert fraction_parse(values["quorum_fraction"]) == Fraction(4, 5)
    assert (values["report_days"], values["reply_days"], values["postpone_max_months"]) == (
        7,
        30,
        6,
    )
    assert values["shortfall_remedy"] == "re_elect"
    rules = {k: s for k, s in DEFAULTS["election"].items() if k != "remind_months"}
    assert all(s.source == "中青发〔2025〕1号" for s in rules.values())
    assert DEFAULTS["election"]["remind_months"].source == "本系统默认"


def test_award_and_civilization_post_defaults():
    assert defaults_for("award") == {
        "quota_percent_red_flag_branch": 10,
        "quota_percent_excellent_member": 3,
        "quota_percent_excellent_cadre": 8,
        "quota_percent_red_flag_committee": 10,
        "quota_rounding": "floor",
        "quota_minimum": 1,
        "deeds_max_chars": 1500,
        "publicity_working_days": 5,
        "shortlist_fraction": "1/2",
        "score_pass_mark": 60,
        "cadre_satisfaction_min_percent": 0,
    }
    assert defaults_for("civilization_post") == {
        "members_min": 6,
        "members_max": 200,
        "young_share_min": "1/2",
        "young_age_max": 35,
        "leader_age_max": 40,
        "rectify_days": 30,
        "trim_extremes": True,
        "publicity_working_days": 5,
        "peer_reviewers_max": 5,
        "peer_reviews_min": 3,
        "peer_review_working_days": 10,
        "outlier_points": 15,
        "pass_score": 80,
        "two_star_score": 88,
        "three_star_score": 95,
    }


def test_every_setting_has_a_chinese_label_a_source_and_a_default_of_its_kind():
    for settings in DEFAULTS.values():
        for key, setting in settings.items():
            assert setting.label and setting.source
            assert LABELS[key] == setting.label
            if setting.kind == Kind.FRACTION:
                fraction_parse(setting.default)
            elif setting.kind == Kind.BOOL:
                assert isinstance(setting.default, bool)
            elif setting.kind == Kind.INT:
                assert type(setting.default) is int
            else:
                assert setting.default in dict(setting.choices)


def test_shared_keys_mean_the_same_everywhere():
    assert setting_label("publicity_working_days") == "公示期（工作日）"
    assert setting_label("no_such_key") == "no_such_key"


def test_unknown_process_is_refused():
    with pytest.raises(KeyError):
        defaults_for("no_such_process")


@pytest.mark.parametrize("text", ["0.5", "1/0", "-1/2", " 1/2", "1 / 2", "", "a/b"])
def test_fraction_parse_accepts_only_plain_a_over_b(text):
    with pytest.raises(ValueError, match="a/b"):
        fraction_parse(text)


def test_fraction_parse():
    assert fraction_parse("4/5") == Fraction(4, 5)
    assert fraction_parse("6/5") == Fraction(6, 5)
    with pytest.raises(ValueError):
        fraction_parse(Fraction(1, 2))


def test_resolved_rules_typed_accessors():
    rules = ResolvedRules(process="election", values=defaults_for("election"))
    assert rules.int("term_years") == 3
    assert rules.fraction("quorum_fraction") == Fraction(4, 5)
    assert rules.text("shortfall_remedy") == "re_elect"
    assert rules.label == "全国默认"
    with pytest.raises(TypeError):
        rules.int("quorum_fraction")
    with pytest.raises(KeyError, match="团支部换届选举"):
        rules.flag("party_branch_decides")


def test_snapshot_round_trip_without_rulebooks():
    rules = ResolvedRules(process="award", values=defaults_for("award"))
    snapshot = rules.snapshot()
    assert snapshot["rulebooks"] == []
    assert ResolvedRules.from_snapshot(snapshot) == rules


def test_the_small_branch_minimum_is_a_documented_setting_defaulting_to_zero():
    setting = DEFAULTS["party_recommendation"]["quota_minimum"]
    assert setting.default == 0 and setting.kind == Kind.INT
    assert "团员 4 人 × 20% = 0.8，向下取整为 0 名" in setting.source
    assert "团委可设为 1" in setting.source
