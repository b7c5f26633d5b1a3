"""Translations: Chinese UI first, English through Django i18n, viewflow in Chinese.

The project's msgids are Chinese (locale/en carries the English); viewflow's are English
and locale/zh_Hans ships their Chinese, overriding viewflow's own, almost empty catalogue.
The tests read the compiled .mo files, which ``make setup`` builds (compilemessages).
"""

import ast
import re
from pathlib import Path

import pytest
import viewflow
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

BASE = Path(settings.BASE_DIR)
LOCALE = BASE / "locale"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
ZH_PO = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"
VIEWFLOW_PO = Path(viewflow.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


# --- a small .po reader (polib is not a dependency) -----------------------------------


def _unquote(line: str) -> str:
    body = line.strip()[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], body)


def read_po(path: Path) -> list[dict]:
    """Entries as dicts: ctx, msgid, plural, msgstr (list of forms), flags, obsolete."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry = {"ctx": None, "msgid": None, "plural": None, "msgstr": [], "flags": set()}
        entry["obsolete"] = block.lstrip().startswith("#~")
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif match := re.match(
                r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line
            ):
                keyword, value = match.groups()
                if keyword.startswith("msgstr"):
                    entry["msgstr"].append(_unquote(value))
                    field = "msgstr"
                else:
                    field = {"msgctxt": "ctx", "msgid": "msgid", "msgid_plural": "plural"}[keyword]
                    entry[field] = _unquote(value)
            elif line.startswith('"') and field == "msgstr":
                entry["msgstr"][-1] += _unquote(line)
            elif line.startswith('"'):
                entry[field] += _unquote(line)
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


def messages(path: Path) -> list[dict]:
    """Real messages: no header, no obsolete (#~) entries."""
    return [e for e in read_po(path) if e["msgid"] and not e["obsolete"]]


# --- the catalogues -----------------------------------------------------------------


@pytest.mark.parametrize("po", [EN_PO, ZH_PO], ids=["en", "zh_Hans"])
def test_catalogue_is_compiled(po):
    assert po.with_suffix(".mo").exists(), f"{po.with_suffix('.mo')} missing: run `make setup`"


@pytest.mark.parametrize("po", [EN_PO, ZH_PO], ids=["en", "zh_Hans"])
def test_every_msgstr_is_filled_and_none_is_fuzzy(po):
    entries = messages(po)
    assert entries
    untranslated = [e["msgid"] for e in entries if not e["msgstr"] or not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in read_po(po) if "fuzzy" in e["flags"]]
    assert not untranslated, f"untranslated in {po.relative_to(BASE)}: {untranslated}"
    assert not fuzzy, f"fuzzy in {po.relative_to(BASE)}: {fuzzy}"


def test_headers():
    en, zh = read_po(EN_PO)[0], read_po(ZH_PO)[0]
    assert en["msgid"] == "" and "Language: en\n" in en["msgstr"][0]
    assert zh["msgid"] == "" and "Language: zh_Hans\n" in zh["msgstr"][0]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in zh["msgstr"][0]


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{[\w.]*\}")


def test_placeholders_survive_translation():
    for po in (EN_PO, ZH_PO):
        for e in messages(po):
            allowed = set(PLACEHOLDER.findall(e["msgid"] + (e["plural"] or "")))
            for form in e["msgstr"]:
                assert set(PLACEHOLDER.findall(form)) <= allowed, (po.name, e["msgid"], form)
            if not e["plural"]:
                assert set(PLACEHOLDER.findall(e["msgstr"][0])) == allowed, (po.name, e["msgid"])


def test_every_viewflow_msgid_is_in_the_zh_hans_catalogue():
    ours = {(e["ctx"], e["msgid"]): e for e in messages(ZH_PO)}
    theirs = messages(VIEWFLOW_PO)
    assert len(theirs) > 100
    for e in theirs:
        key = (e["ctx"], e["msgid"])
        assert key in ours, f"viewflow msgid missing from locale/zh_Hans: {key}"
        assert ours[key]["plural"] == e["plural"], key


# Literal msgids in the sources, so a new string fails here even before makemessages runs.
TEMPLATE_MSGID = re.compile(r"""\{%\s*(?:translate|trans)\s+(?:"([^"]+)"|'([^']+)')""")
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}


def source_msgids() -> dict[str, str]:
    found = {}
    for path in sorted((BASE / "templates").rglob("*.html")):
        for match in TEMPLATE_MSGID.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1) or match.group(2), str(path.relative_to(BASE)))
    for root in ("workflows", "project"):
        for path in sorted((BASE / root).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                arg = node.args[-1] if name and name.startswith("pgettext") else node.args[0]
                if name in GETTEXT_NAMES and isinstance(arg, ast.Constant):
                    found.setdefault(arg.value, f"{path.relative_to(BASE)}:{node.lineno}")
    return found


def test_every_marked_source_string_has_an_english_translation():
    translated = {e["msgid"] for e in messages(EN_PO) if all(e["msgstr"])}
    missing = {msgid: where for msgid, where in source_msgids().items() if msgid not in translated}
    assert not missing, (
        "run `manage.py makemessages -l en --ignore='.venv/*' --ignore='tests/*' "
        f"--no-obsolete` and translate: {missing}"
    )


# --- gettext at run time -------------------------------------------------------------


def test_viewflow_strings_are_chinese():
    with translation.override("zh-hans"):
        assert gettext("Assign") == "认领"
        assert gettext("Unassign") == "取消认领"
        assert gettext("Process") == "流程"
        assert gettext("Task") == "任务"
        assert gettext("Inbox") == "待办"
        assert gettext("Queue") == "待认领"
        assert gettext("Archive") == "已办"
        assert gettext("Undo") == "撤销"
        assert gettext("Revive") == "恢复"
        assert pgettext("STATUS", "Done") == "已完成"
        assert pgettext("STATUS", "Canceled") == "已取消"
        assert gettext("Task {task} has been assigned.").format(task="T1") == "任务 T1 已认领。"


def test_viewflow_strings_stay_english_in_english():
    with translation.override("en"):
        assert gettext("Assign") == "Assign"
        assert gettext("Process") == "Process"


def test_project_strings_are_english_in_english():
    with translation.override("en"):
        assert gettext("待办") == "Inbox"
        assert gettext("待认领") == "Queue"
        assert gettext("推优入党") == "Recommending League members to the Party"
        assert gettext("团支部") == "League branch"
        assert gettext("入党积极分子") == "Party activist"
        events = "共 %(counter)s 条事件"
        assert ngettext(events, events, 1) % {"counter": 1} == "1 event"
        assert ngettext(events, events, 3) % {"counter": 3} == "3 events"


def test_project_strings_are_chinese_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        assert gettext("待办") == "待办"
        assert gettext("推优入党") == "推优入党"


# --- pages ---------------------------------------------------------------------------


@pytest.fixture
def user(db):
    return User.objects.create_user("i18n-user", password="x")


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("i18n-admin", "admin@example.com", "x")


def test_inbox_in_english(client, user):
    client.force_login(user)
    response = client.get(reverse("engine:inbox"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en">' in body
    for word in ("Inbox", "Queue", "Archive", "My applications", "Log out", "League Approvals"):
        assert word in body
    assert "待办" not in body and "退出" not in body


def test_inbox_in_chinese(client, user):
    client.force_login(user)
    response = client.get(reverse("engine:inbox"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="zh-hans">' in body
    for word in ("待办", "待认领", "已办", "我的申请", "退出", "团务审批"):
        assert word in body
    assert "Inbox" not in body and "Log out" not in body


def test_chinese_without_accept_language(client, user):
    client.force_login(user)
    body = client.get(reverse("engine:inbox")).content.decode()
    assert '<html lang="zh-hans">' in body and "待办" in body


def test_language_switcher_sets_english(client, user):
    client.force_login(user)
    inbox = reverse("engine:inbox")
    response = client.post(reverse("set_language"), {"language": "en", "next": inbox})
    assert response.status_code == 302 and response["Location"] == inbox
    body = client.get(inbox, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Inbox" in body and "待办" not in body


def test_login_page_in_english(client, db):
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in" in body and "Username" in body and "Password" in body


def test_viewflow_site_in_chinese(client, superuser):
    client.force_login(superuser)
    response = client.get("/workflow/", HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "退出登录" in body and "Log out" not in body


def test_viewflow_site_in_english(client, superuser):
    client.force_login(superuser)
    response = client.get("/workflow/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.status_code == 200
    assert "Log out" in response.content.decode()


# --- messages produced in Python -----------------------------------------------------


def test_fractions_and_dates_follow_the_language():
    import datetime
    from fractions import Fraction

    from workflows.wording import date_text, fraction_text, list_text

    day = datetime.date(2026, 11, 25)
    with translation.override("zh-hans"):
        assert fraction_text(Fraction(4, 5)) == "五分之四"
        assert fraction_text(Fraction(1, 2)) == "二分之一"
        assert date_text(day) == "2026年11月25日"
        assert list_text(["PDF", "PNG"]) == "PDF、PNG"
    with translation.override("en"):
        assert fraction_text(Fraction(4, 5)) == "four fifths"
        assert fraction_text(Fraction(1, 2)) == "one half"
        assert fraction_text(Fraction(2, 3)) == "two thirds"
        assert fraction_text(Fraction(13, 17)) == "13/17"
        assert date_text(day) == "2026-11-25"
        assert list_text(["PDF", "PNG"]) == "PDF, PNG"


def _quorum_failure() -> list[str]:
    from fractions import Fraction

    from workflows.engine.meeting import MeetingRules, Tally, tally_violations

    tally = Tally(
        should_attend=50, present=38, ballots=38, votes_for=30, votes_against=5, votes_abstain=3
    )
    return tally_violations(tally, MeetingRules(quorum=Fraction(4, 5), pass_line=Fraction(1, 2)))


def test_quorum_violation_in_english_and_chinese():
    with translation.override("en"):
        assert _quorum_failure() == [
            "38 present, not more than four fifths of the expected attendance of 50: "
            "the meeting is invalid"
        ]
    with translation.override("zh-hans"):
        assert _quorum_failure() == ["到会 38 人，未超过应到会 50 人的五分之四，会议无效"]


def _eligibility_problems(**overrides) -> list[str]:
    import datetime

    from tests.factories import member_record
    from workflows.party_recommendation.eligibility import (
        TRACK_ACTIVIST,
        EligibilityRules,
        eligibility_problems,
    )

    return eligibility_problems(
        member=member_record(birth_date=datetime.date(1997, 11, 25), **overrides),
        track=TRACK_ACTIVIST,
        on=datetime.date(2026, 11, 25),
        rules=EligibilityRules(
            age_min=18,
            age_max=28,
            league_years_min=1,
            application_months_min=0,
            activist_years_min=1,
        ),
    )


def test_eligibility_failure_in_english_and_chinese():
    import datetime

    late_joiner = {"league_join_date": datetime.date(2026, 1, 1)}
    with translation.override("en"):
        assert _eligibility_problems() == [
            "Aged 29 on the recommendation date (2026-11-25), not between 18 and 28"
        ]
        assert _eligibility_problems(**late_joiner)[1] == (
            "Joined the League on 2026-01-01: less than 1 year of League membership by the "
            "recommendation date (2026-11-25)"
        )
    with translation.override("zh-hans"):
        assert _eligibility_problems() == ["推荐日（2026年11月25日）年龄 29 岁，不在 18–28 岁之间"]
        assert _eligibility_problems(**late_joiner)[1] == (
            "入团时间 2026年1月1日，至推荐日（2026年11月25日）团龄不满 1 年"
        )


def test_stale_task_message_in_english_and_chinese():
    import datetime
    from types import SimpleNamespace

    from django.utils import timezone
    from viewflow.workflow.status import STATUS

    from workflows.engine.services.tasks import stale_message

    task = SimpleNamespace(
        status=STATUS.DONE,
        finished=timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 32)),
        owner=User(username="chen", last_name="陈支书"),
    )
    with translation.override("en"):
        assert stale_message(task) == "This task was already handled by 陈支书 at 2026-11-25 10:32"
    with translation.override("zh-hans"):
        assert stale_message(task) == "该待办已由 陈支书 于 2026-11-25 10:32 处理"


def _api_start(world, round_a, **headers):
    from rest_framework.test import APIClient

    world.applicant.party_application_date = None
    world.applicant.save()
    client = APIClient()
    client.force_authenticate(world.applicant_user)
    return client.post(
        reverse("api:application_create"),
        {"round": round_a.pk, "statement": "申请"},
        format="json",
        **headers,
    )


def test_api_rule_violation_in_english(world, round_a):
    response = _api_start(world, round_a, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert body["violations"] == ["No Party membership application has been submitted yet"]
    assert body["detail"] == "No Party membership application has been submitted yet"


def test_api_rule_violation_in_chinese(world, round_a):
    response = _api_start(world, round_a, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json()["violations"] == ["尚未递交入党申请书"]


def test_stored_records_stay_in_the_site_language(client, world, round_a):
    """An English user's actions are audited in Chinese: the trail reads the same for all."""
    from workflows.audit.models import AuditEvent
    from workflows.party_recommendation.models import Application

    client.force_login(world.applicant_user)
    response = client.post(
        reverse("party_recommendation:apply"),
        {"round": round_a.pk, "statement": "积极参加志愿服务。"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    application = Application.objects.get()
    body = response.content.decode()
    assert f"Application submitted: {application.reference}" in body
    assert "Status: " in body and "Awaiting League branch review" in body
    event = AuditEvent.objects.get(action="case.create")
    assert event.after == "待团支部审核"


def test_flash_message_in_english(client, world, submitted):
    client.force_login(world.applicant_user)
    url = reverse("engine:case_action", args=[submitted._meta.label_lower, submitted.pk, "comment"])
    body = client.post(url, {"text": ""}, HTTP_ACCEPT_LANGUAGE="en", follow=True).content
    assert "The comment cannot be empty" in body.decode()
    body = client.post(url, {"text": ""}, HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True).content
    assert "评论内容不能为空" in body.decode()
