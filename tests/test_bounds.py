"""The shared bounds (workflows/engine/bounds.py) on the pages: every form of every process
refuses a number or a date outside its bound next to the field, naming the limit, and takes
the limit itself; the admin's model forms do the same through the models' validators."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.awards.helpers import campaign_for
from tests.factories import MemberFactory
from workflows.awards.forms import CampaignForm, CategoryForm
from workflows.awards.models import Basis
from workflows.civilization_posts.forms import CycleForm, PersonForm
from workflows.elections.forms import PlanForm, TermStartForm
from workflows.party_recommendation.forms import PartyDecisionForm, RoundForm, TallyForm

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _errors(form) -> dict[str, list[str]]:
    form.is_valid()
    return {name: list(errors) for name, errors in form.errors.items()}


def test_a_birth_date_from_1900_to_today():
    person = {"name": "吉𠮷", "gender": "女", "post": "", "role": "member"}
    for day in ("1900-01-01", TODAY().isoformat()):
        assert _errors(PersonForm({**person, "birth_date": day})) == {}
    window = f"日期应在 1900-01-01 至 {TODAY().isoformat()} 之间"
    for day in ("1899-12-31", "0001-01-01", (TODAY() + datetime.timedelta(days=1)).isoformat()):
        assert _errors(PersonForm({**person, "birth_date": day})) == {"birth_date": [window]}


def test_meeting_and_decision_dates_within_2000_to_2100(submitted):
    for day in ("2000-01-01", "2100-12-31"):
        form = TallyForm({"meeting_date": day}, case=submitted, task=None)
        assert "meeting_date" not in _errors(form)
    window = "日期应在 2000-01-01 至 2100-12-31 之间"
    for day in ("1999-12-31", "2101-01-01"):
        form = PartyDecisionForm({"decided_on": day}, case=None, task=None)
        assert _errors(form)["decided_on"] == [window]
    assert _errors(RoundForm({"track": "applicant", "title": "第一批", "meeting_date": "1999-1-1"}))
    assert _errors(TermStartForm({"starts_on": "9999-12-31"})) == {"starts_on": [window]}


def test_vote_counts_up_to_a_realistic_roll(submitted):
    form = TallyForm({"votes_for": 100_000}, case=submitted, task=None)
    assert "votes_for" not in _errors(form)
    form = TallyForm({"votes_for": 2**31}, case=submitted, task=None)
    assert _errors(form)["votes_for"] == ["确保该值小于或等于100000。"]


def test_seats_years_and_quotas(world):
    plan = PlanForm({"seats": 16}, branch=world.branch_a)
    assert _errors(plan)["seats"] == ["确保该值小于或等于15。"]
    assert _errors(CampaignForm({"year": 1999}, judges_queryset=None, presets=[]))["year"] == [
        "确保该值大于或等于2000。"
    ]
    assert _errors(CycleForm({"start_year": 2100}))["start_year"] == ["确保该值小于或等于2099。"]
    category = campaign_for(world).categories.get(code="excellent_member")
    assert category.basis != Basis.FIXED
    values = {f: getattr(category, f) for f in CategoryForm._meta.fields}
    values = {k: "" if v is None else v for k, v in values.items()}
    form = CategoryForm({**values, "quota_value": 101, "age_min": 30, "age_max": 20})
    assert _errors(form) == {
        "quota_value": ["按比例计算名额时，比例不能超过 100%"],
        "age_max": ["最大年龄不能小于最小年龄"],
    }
    form = CategoryForm({**values, "volunteer_hours_min": 10_000, "deeds_max_chars": 0})
    assert _errors(form) == {
        "volunteer_hours_min": ["确保该值小于或等于8760。"],
        "deeds_max_chars": ["确保该值大于或等于1。"],
    }
    assert _errors(CategoryForm({**values, "quota_value": 100})) == {}


def test_the_admin_refuses_a_member_born_in_year_1(world):
    member = MemberFactory.build(branch=world.branch_a, birth_date=datetime.date(1, 1, 1))
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert refused.value.message_dict["birth_date"] == [
        f"日期应在 1900-01-01 至 {TODAY().isoformat()} 之间"
    ]


def test_the_roster_page_names_the_limit(client, world):
    from workflows.civilization_posts.models import Collective

    collective = Collective.objects.create(name="急诊科", kind="department", org=world.branch_a)
    client.force_login(world.secretary_a)
    response = client.post(
        reverse("civilization_posts:person_add", args=[collective.pk]),
        {"name": "吉𠮷", "gender": "女", "birth_date": "1899-12-31", "role": "member"},
        follow=True,
    )
    assert (
        f"出生日期：日期应在 1900-01-01 至 {TODAY().isoformat()} 之间" in response.content.decode()
    )
    assert not collective.people.exists()
