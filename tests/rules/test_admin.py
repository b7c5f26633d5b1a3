import datetime

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import CalendarOverrideFactory, UserFactory
from tests.rules.notices import NOTICE_2026
from workflows.rules.admin import RulebookAdmin
from workflows.rules.models import CalendarOverride, HolidayNotice, Rulebook
from workflows.rules.services import rulebook_create

PR = "party_recommendation"
ADD_URL = "admin:rules_rulebook_add"


def _form(**overrides):
    data = {
        "committee": "",
        "process": PR,
        "effective_from": "2026-01-01",
        "settings": '{"quota_percent": 15}',
        "note": "年度调整",
    }
    data.update(overrides)
    return data


@pytest.fixture
def superuser(db):
    return UserFactory(username="sysadmin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_add_form_creates_version_one(admin_client, superuser):
    response = admin_client.post(reverse(ADD_URL), _form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    row = Rulebook.objects.get()
    assert (row.committee, row.version, row.settings) == (None, 1, {"quota_percent": 15})
    assert row.created_by == superuser


def test_saving_a_change_stores_a_new_version_and_keeps_the_old_row(admin_client, tree):
    old = rulebook_create(
        process=PR,
        committee=tree["city"],
        settings={"quota_percent": 15},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )
    url = reverse("admin:rules_rulebook_change", args=[old.pk])

    response = admin_client.post(
        url,
        {
            "effective_from": "2026-03-01",
            "settings": '{"quota_percent": 12}',
            "note": "收紧名额",
            "_continue": "1",
        },
    )

    assert response.status_code == 302
    new = Rulebook.objects.exclude(pk=old.pk).get()
    assert response.url == reverse("admin:rules_rulebook_change", args=[new.pk])
    assert (new.committee, new.process, new.version) == (tree["city"], PR, 2)
    assert new.settings == {"quota_percent": 12}
    assert new.effective_from == datetime.date(2026, 3, 1)
    old.refresh_from_db()
    assert old.settings == {"quota_percent": 15}
    assert old.effective_from == datetime.date(2025, 1, 1)
    assert "委团委 第2版" in admin_client.get(response.url).content.decode()


def test_save_model_appends_a_version(superuser, tree):
    old = rulebook_create(
        process=PR,
        committee=tree["hospital"],
        settings={},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )
    request = RequestFactory().post("/")
    request.user = superuser
    model_admin = RulebookAdmin(Rulebook, site)
    model_admin.message_user = lambda *args, **kwargs: None
    edited = Rulebook.objects.get(pk=old.pk)
    edited.settings = {"age_max": 27}

    model_admin.save_model(request, edited, form=None, change=True)

    assert edited.pk != old.pk
    assert edited.version == 2
    assert Rulebook.objects.get(pk=old.pk).settings == {}
    assert Rulebook.objects.get(pk=edited.pk).settings == {"age_max": 27}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"quota": 15}', "“quota”不是推优入党的设置项"),
        ('{"quota_percent": "15"}', "应为整数"),
        ('{"pass_fraction": 0.5}', "分数"),
        ("[1, 2]", "JSON 对象"),
    ],
)
def test_invalid_settings_are_shown_on_the_form(admin_client, text, message):
    response = admin_client.post(reverse(ADD_URL), _form(settings=text))
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["settings"])
    assert not Rulebook.objects.exists()


def test_empty_settings_mean_no_overrides(admin_client):
    response = admin_client.post(reverse(ADD_URL), _form(settings=""))
    assert response.status_code == 302
    assert Rulebook.objects.get().settings == {}


def test_committee_staff_cannot_set_national_rules(client, tree):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_rulebook", "change_rulebook", "view_rulebook"]
        )
    )
    client.force_login(staff)

    response = client.post(reverse(ADD_URL), _form())
    assert response.status_code == 200
    assert "系统管理员" in str(response.context["adminform"].form.errors["committee"])

    response = client.post(reverse(ADD_URL), _form(committee=str(tree["hospital"].pk)))
    assert response.status_code == 302
    assert Rulebook.objects.get().committee == tree["hospital"]


def test_change_page_shows_effective_merged_settings(admin_client, tree):
    rulebook_create(
        process=PR, settings={"age_max": 27}, effective_from=datetime.date(2025, 1, 1), by=None
    )
    row = rulebook_create(
        process=PR,
        committee=tree["hospital"],
        settings={"quota_percent": 10},
        effective_from=datetime.date(2025, 1, 1),
        by=None,
    )
    page = admin_client.get(reverse("admin:rules_rulebook_change", args=[row.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "生效值" in html
    assert "每轮推荐人数占支部团员比例上限（%）" in html
    assert "<td>27</td><td>28</td><td>上级</td>" in html
    assert "<td>10</td><td>20</td><td>本版本</td>" in html
    assert "中青发〔2019〕9号" in html


def test_add_page_lists_every_overridable_setting(admin_client):
    html = admin_client.get(reverse(ADD_URL)).content.decode()
    assert "shortfall_remedy" in html
    assert "young_share_min" in html


def test_rulebooks_cannot_be_deleted(admin_client):
    row = rulebook_create(
        process=PR, settings={}, effective_from=datetime.date(2025, 1, 1), by=None
    )
    response = admin_client.post(
        reverse("admin:rules_rulebook_delete", args=[row.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Rulebook.objects.filter(pk=row.pk).exists()


def test_calendar_override_admin(admin_client):
    CalendarOverrideFactory(date=datetime.date(2026, 10, 8), is_workday=False, note="本院补休")
    html = admin_client.get(reverse("admin:rules_calendaroverride_changelist")).content.decode()
    assert "本院补休" in html
    assert "周四" in html

    response = admin_client.post(
        reverse("admin:rules_calendaroverride_add"),
        {"date": "2026-10-10", "is_workday": "", "note": "不调休"},
    )
    assert response.status_code == 302


IMPORT_URL = "admin:rules_calendaroverride_import_notice"


def test_the_calendar_list_offers_the_notice_import(admin_client):
    response = admin_client.get(reverse("admin:rules_calendaroverride_changelist"))
    assert reverse(IMPORT_URL) in response.content.decode()


def test_pasting_a_notice_shows_it_before_saving_anything(admin_client):
    response = admin_client.post(reverse(IMPORT_URL), {"year": 2026, "text": NOTICE_2026})
    body = response.content.decode()
    assert response.status_code == 200
    assert "2026 年放假安排（请核对后确认）" in body
    assert "2月15日、2月16日" in body and "9月20日、10月10日" in body
    assert 'name="confirm"' in body
    assert not CalendarOverride.objects.exists()


def test_confirming_saves_the_notice_as_calendar_rows(admin_client, superuser):
    response = admin_client.post(
        reverse(IMPORT_URL), {"year": 2026, "text": NOTICE_2026, "confirm": "1"}
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:rules_calendaroverride_changelist")
    notice = HolidayNotice.objects.get()
    assert (notice.year, notice.imported_by) == (2026, superuser)
    assert CalendarOverride.objects.filter(notice=notice).count() == 39


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {
                "year": 2027,
                "text": "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日放假。",
            },
            "通知标题为 2026 年，与所填年份 2027 不符",
        ),
        ({"year": 2027, "text": "放假安排另行通知"}, "没有找到"),
    ],
)
def test_a_notice_that_does_not_read_is_refused_and_nothing_saved(admin_client, data, message):
    response = admin_client.post(reverse(IMPORT_URL), {**data, "confirm": "1"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarOverride.objects.exists() and not HolidayNotice.objects.exists()


def test_someone_who_may_not_add_calendar_rows_cannot_import(client, db):
    staff = UserFactory(username="staff_only", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_calendaroverride"))
    client.force_login(staff)
    assert client.get(reverse(IMPORT_URL)).status_code == 403
