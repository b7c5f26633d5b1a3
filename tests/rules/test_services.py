"""Importing the year's State Council notice into the calendar."""

import datetime

import pytest

from tests.factories import CalendarOverrideFactory, UserFactory
from tests.rules.notices import NOTICE_2026
from workflows.audit.models import AuditEvent
from workflows.rules import calendar
from workflows.rules.calendar import working_days_window
from workflows.rules.models import CalendarOverride, HolidayNotice
from workflows.rules.services import holiday_notice_import

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def admin_user(db):
    return UserFactory(username="sysadmin", is_staff=True, is_superuser=True)


@pytest.fixture
def library_stops_at_2025(monkeypatch, fresh_coverage_warnings):
    """As the installed chinesecalendar did before the 2026 notice came out."""
    monkeypatch.setattr(calendar, "LAST_YEAR", 2025)


def test_before_the_notice_a_window_counts_the_law_alone_and_is_provisional(
    library_stops_at_2025,
):
    with pytest.warns(calendar.CalendarCoverageWarning, match="2026"):
        window = working_days_window(start=D(2026, 9, 25), days=5)
    # 9/28, 9/29, 9/30, (10/1–10/3 off by law, weekend) 10/5, 10/6.
    assert window.end == D(2026, 10, 6)
    assert window.note == "（暂定：2026年放假安排尚未发布）"


def test_the_imported_notice_gives_the_published_window(library_stops_at_2025, admin_user):
    notice = holiday_notice_import(year=2026, text=NOTICE_2026, by=admin_user)
    window = working_days_window(start=D(2026, 9, 25), days=5)
    # As chinese_calendar has it since: 9/28, 9/29, 9/30, then 10/8, 10/9.
    assert (window.end, window.provisional) == (D(2026, 10, 9), False)
    assert CalendarOverride.objects.get(date=D(2026, 10, 10)).is_workday  # a Saturday worked
    assert CalendarOverride.objects.get(date=D(2026, 2, 16)).note == "春节"
    assert notice.days.count() == CalendarOverride.objects.count() == 33 + 6
    event = AuditEvent.objects.get(action="calendar.import")
    assert event.after == "2026年放假安排：放假 33 天，调休上班 6 天"
    assert event.actor == admin_user


def test_importing_again_replaces_the_earlier_notice_days(library_stops_at_2025, admin_user):
    holiday_notice_import(year=2026, text=NOTICE_2026, by=admin_user)
    corrected = NOTICE_2026.replace(
        "七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。",
        "七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）上班。",
    )
    holiday_notice_import(year=2026, text=corrected, by=admin_user)
    assert not CalendarOverride.objects.filter(date=D(2026, 10, 10)).exists()
    assert HolidayNotice.objects.filter(year=2026).count() == 2


def test_a_local_adjustment_on_another_day_stays(library_stops_at_2025, admin_user):
    CalendarOverrideFactory(date=D(2026, 12, 24), is_workday=False, note="院庆")
    holiday_notice_import(year=2026, text=NOTICE_2026, by=admin_user)
    kept = CalendarOverride.objects.get(date=D(2026, 12, 24))
    assert (kept.is_workday, kept.note, kept.notice) == (False, "院庆", None)
