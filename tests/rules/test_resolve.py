import datetime
import json
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import RulebookFactory, UserFactory
from workflows.rules.models import Rulebook, RulebookImmutableError
from workflows.rules.selectors import ResolvedRules, rulebook_effective, rules_resolve
from workflows.rules.services import rulebook_create

PR = "party_recommendation"
DAY = datetime.date(2026, 6, 1)


@pytest.mark.django_db
def test_defaults_apply_without_any_rulebook(tree):
    rules = rules_resolve(process=PR, org=tree["branch"], on=DAY)
    assert rules.label == "全国默认"
    assert rules.rulebook is None
    assert rules.int("age_max") == 28
    assert rules.int("quota_percent") == 20
    assert rules.fraction("pass_fraction") == Fraction(1, 2)
    assert rules.flag("party_branch_decides") is True
    assert rules.snapshot()["rulebooks"] == []


@pytest.mark.django_db
def test_each_level_overrides_the_one_above(tree):
    national = rulebook_create(
        process=PR,
        settings={"quota_percent": 15, "age_max": 27},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )
    city = rulebook_create(
        process=PR,
        committee=tree["city"],
        settings={"quota_percent": 10},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )
    hospital = rulebook_create(
        process=PR,
        committee=tree["hospital"],
        settings={"pass_fraction": "2/3"},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )

    rules = rules_resolve(process=PR, org=tree["branch"], on=DAY)

    assert rules.int("quota_percent") == 10
    assert rules.int("age_max") == 27
    assert rules.fraction("pass_fraction") == Fraction(2, 3)
    assert rules.int("age_min") == 18
    assert rules.rulebook == hospital
    assert rules.label == "院团委 第1版"
    assert rules.snapshot()["rulebooks"] == [
        {"id": national.pk, "committee": None, "version": 1},
        {"id": city.pk, "committee": tree["city"].pk, "version": 1},
        {"id": hospital.pk, "committee": tree["hospital"].pk, "version": 1},
    ]


@pytest.mark.django_db
def test_a_committee_rulebook_stays_inside_its_subtree(tree):
    rulebook_create(
        process=PR,
        committee=tree["hospital"],
        settings={"quota_percent": 10},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )
    rulebook_create(
        process="election",
        committee=tree["other_hospital"],
        settings={"term_years": 2},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )
    assert rules_resolve(process=PR, org=tree["other_branch"], on=DAY).int("quota_percent") == 20
    assert rules_resolve(process=PR, org=tree["city"], on=DAY).int("quota_percent") == 20
    assert rules_resolve(process="election", org=tree["branch"], on=DAY).int("term_years") == 3
    # The committee's own row applies to the committee itself as well as below it.
    assert rules_resolve(process=PR, org=tree["hospital"], on=DAY).int("quota_percent") == 10


@pytest.mark.django_db
def test_national_level_only_when_no_org(tree):
    rulebook_create(process=PR, settings={"validity_years": 3}, effective_from=DAY, by=None)
    rules = rules_resolve(process=PR, org=None, on=DAY)
    assert rules.int("validity_years") == 3
    assert rules.label == "全国 第1版"


@pytest.mark.django_db
def test_a_new_version_is_a_new_row_and_old_snapshots_keep_their_numbers(tree):
    v1 = rulebook_create(
        process=PR,
        committee=tree["city"],
        settings={"quota_percent": 15},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )
    # What a case stores when it is opened.
    stored = json.loads(
        json.dumps(rules_resolve(process=PR, org=tree["branch"], on=DAY).snapshot())
    )

    v2 = rulebook_create(
        process=PR,
        committee=tree["city"],
        settings={"quota_percent": 12},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )

    assert (v1.version, v2.version) == (1, 2)
    assert v2.pk != v1.pk
    assert Rulebook.objects.filter(committee=tree["city"], process=PR).count() == 2
    v1.refresh_from_db()
    assert v1.settings == {"quota_percent": 15}
    now = rules_resolve(process=PR, org=tree["branch"], on=DAY)
    assert now.int("quota_percent") == 12
    assert now.label == "委团委 第2版"
    old = ResolvedRules.from_snapshot(stored)
    assert old.int("quota_percent") == 15
    assert old.label == "委团委 第1版"
    assert stored["rulebooks"] == [{"id": v1.pk, "committee": tree["city"].pk, "version": 1}]


@pytest.mark.django_db
def test_effective_from_is_respected(tree):
    rulebook_create(
        process=PR,
        committee=tree["hospital"],
        settings={"quota_percent": 15},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )
    rulebook_create(
        process=PR,
        committee=tree["hospital"],
        settings={"quota_percent": 10},
        effective_from=datetime.date(2026, 3, 1),
        by=None,
    )
    branch = tree["branch"]
    assert (
        rules_resolve(process=PR, org=branch, on=datetime.date(2024, 12, 31)).int("quota_percent")
        == 20
    )
    assert (
        rules_resolve(process=PR, org=branch, on=datetime.date(2026, 2, 28)).int("quota_percent")
        == 15
    )
    assert (
        rules_resolve(process=PR, org=branch, on=datetime.date(2026, 3, 1)).int("quota_percent")
        == 10
    )


@pytest.mark.django_db
def test_the_latest_effective_date_wins_over_a_higher_version(tree):
    """A change scheduled for 2026 stays scheduled when a later version backdates to 2025."""
    for quota, start in ((18, "2024-01-01"), (10, "2026-01-01"), (15, "2025-01-01")):
        rulebook_create(
            process=PR,
            settings={"quota_percent": quota},
            effective_from=datetime.date.fromisoformat(start),
            by=None,
        )
    branch = tree["branch"]
    assert rules_resolve(process=PR, org=branch, on=datetime.date(2025, 6, 1)).label == "全国 第3版"
    assert (
        rules_resolve(process=PR, org=branch, on=datetime.date(2026, 6, 1)).int("quota_percent")
        == 10
    )


@pytest.mark.django_db
def test_resolving_takes_two_queries(tree, django_assert_num_queries):
    rulebook_create(process=PR, settings={"quota_percent": 15}, effective_from=DAY, by=None)
    rulebook_create(
        process=PR, committee=tree["city"], settings={"age_max": 27}, effective_from=DAY, by=None
    )
    rulebook_create(
        process=PR,
        committee=tree["hospital"],
        settings={"age_min": 19},
        effective_from=DAY,
        by=None,
    )
    with django_assert_num_queries(2):
        rules = rules_resolve(process=PR, org=tree["branch"], on=DAY)
        assert rules.label == "院团委 第1版"


@pytest.mark.django_db
def test_stored_keys_the_defaults_no_longer_know_are_ignored(tree):
    RulebookFactory(settings={"quota_percent": 12, "retired_setting": 1})
    rules = rules_resolve(process=PR, org=tree["branch"], on=DAY)
    assert rules.int("quota_percent") == 12
    assert "retired_setting" not in rules.values


@pytest.mark.django_db
def test_a_saved_rulebook_cannot_be_edited():
    row = RulebookFactory(settings={"quota_percent": 12})
    row.settings = {"quota_percent": 30}
    with pytest.raises(RulebookImmutableError):
        row.save()
    row.refresh_from_db()
    assert row.settings == {"quota_percent": 12}


@pytest.mark.django_db
def test_version_numbers_are_unique_per_level_including_national(tree):
    RulebookFactory(version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RulebookFactory(version=1)
    RulebookFactory(version=1, committee=tree["city"])
    RulebookFactory(version=1, process="election")
    with pytest.raises(IntegrityError), transaction.atomic():
        RulebookFactory(version=1, committee=tree["city"])


@pytest.mark.django_db
def test_versions_count_per_committee_and_process(tree):
    def create(committee, process="party_recommendation"):
        return rulebook_create(
            process=process, committee=committee, settings={}, effective_from=DAY, by=None
        ).version

    assert [create(None), create(None), create(tree["city"]), create(None)] == [1, 2, 1, 3]
    assert create(tree["city"], "award") == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"no_such_key": 1}, "不是推优入党的设置项"),
        ({"age_max": "28"}, "应为整数"),
        ({"age_max": True}, "应为整数"),
        ({"quota_percent": 0}, "不能小于 1"),
        ({"pass_fraction": 0.5}, "分数"),
        ({"pass_fraction": "0.5"}, "分数"),
        ({"party_branch_decides": 1}, "true 或 false"),
        ({"age_min": 30}, "不能大于"),
    ],
)
@pytest.mark.django_db
def test_invalid_overrides_are_refused(overrides, message):
    with pytest.raises(ValidationError) as caught:
        rulebook_create(process=PR, settings=overrides, effective_from=DAY, by=None)
    assert message in str(caught.value.message_dict["settings"])
    assert not Rulebook.objects.exists()


@pytest.mark.django_db
def test_choice_settings_accept_only_their_codes():
    with pytest.raises(ValidationError, match="re_elect"):
        rulebook_create(
            process="election",
            settings={"shortfall_remedy": "coin_toss"},
            effective_from=DAY,
            by=None,
        )
    row = rulebook_create(
        process="election",
        settings={"shortfall_remedy": "reduce_seats"},
        effective_from=DAY,
        by=None,
    )
    assert rulebook_effective(rulebook=row).text("shortfall_remedy") == "reduce_seats"


@pytest.mark.django_db
def test_ordering_is_checked_against_the_levels_above(tree):
    rulebook_create(process=PR, settings={"age_max": 25}, effective_from=DAY, by=None)
    with pytest.raises(ValidationError, match="不能大于"):
        rulebook_create(
            process=PR,
            committee=tree["city"],
            settings={"age_min": 26},
            effective_from=DAY,
            by=None,
        )


@pytest.mark.django_db
def test_only_a_superuser_sets_national_rules(tree):
    staff = UserFactory(is_staff=True)
    with pytest.raises(ValidationError, match="系统管理员"):
        rulebook_create(process=PR, settings={}, effective_from=DAY, by=staff)
    row = rulebook_create(
        process=PR, committee=tree["city"], settings={}, effective_from=DAY, by=staff
    )
    assert row.created_by == staff
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert rulebook_create(process=PR, settings={}, effective_from=DAY, by=admin).version == 1
