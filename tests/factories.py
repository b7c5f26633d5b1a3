"""Factories for the test suite. Names are Chinese, including one outside the BMP (𠮷)."""

import datetime

import factory
from django.contrib.auth import get_user_model

from workflows.org.models import Appointment, Member, Organization, OrgKind, Role

User = get_user_model()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pass")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"第{n}团支部")
    kind = OrgKind.BRANCH
    issuer_mark = "院团"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"吉𠮷{n}")
    gender = "女"
    birth_date = datetime.date(2000, 3, 15)
    league_join_date = datetime.date(2014, 5, 4)
    education = "大学本科"
    department = "心内科"
    party_application_date = datetime.date(2024, 1, 10)
    id_number = "110101200003150027"
    phone = "13800000000"
    branch = factory.SubFactory(OrganizationFactory)


def member_record(**overrides) -> Member:
    """An unsaved, eligible member record, for rule tests that need no database."""
    from workflows.org.models import PartyProgress, PoliticalStatus, Standing

    values = dict(
        name="吉𠮷",
        gender="女",
        birth_date=datetime.date(2000, 1, 1),
        political_status=PoliticalStatus.LEAGUE_MEMBER,
        league_join_date=datetime.date(2015, 5, 4),
        party_application_date=datetime.date(2025, 3, 1),
        party_progress=PartyProgress.APPLICANT,
        standing=Standing.GOOD,
    )
    values.update(overrides)
    return Member(**values)


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    user = factory.SubFactory(UserFactory)
    org = factory.SubFactory(OrganizationFactory)
    role = Role.SECRETARY
    start_date = datetime.date(2020, 1, 1)


class RulebookFactory(factory.django.DjangoModelFactory):
    """A rulebook row stored directly (no validation); the next free version by default."""

    class Meta:
        model = "rules.Rulebook"

    committee = None
    process = "party_recommendation"
    settings = factory.LazyFunction(dict)
    effective_from = datetime.date(2020, 1, 1)

    @factory.lazy_attribute
    def version(self):
        rows = RulebookFactory._meta.get_model_class().objects.filter(
            committee=self.committee, process=self.process
        )
        return max(rows.values_list("version", flat=True), default=0) + 1


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "rules.CalendarOverride"
        django_get_or_create = ("date",)

    date = datetime.date(2026, 10, 8)
    is_workday = False
    note = "本单位调整"


class World:
    """A small organisation: 委党委 → 委团委 → 团支部 A and B, each linked to a party branch.

    Branch A has 50 league members (so a 20% quota of 10), a secretary, a deputy; the
    committee has a secretary and two organisation members (so its review is a shared queue).
    """

    def __init__(self, members_per_branch: int = 50):
        self.party_committee = OrganizationFactory(name="委党委", kind=OrgKind.PARTY_COMMITTEE)
        self.committee = OrganizationFactory(
            name="委团委",
            kind=OrgKind.LEAGUE_COMMITTEE,
            parent=self.party_committee,
            issuer_mark="卫团",
        )
        self.party_a = OrganizationFactory(
            name="心内科党支部", kind=OrgKind.PARTY_BRANCH, parent=self.party_committee
        )
        self.party_b = OrganizationFactory(
            name="外科党支部", kind=OrgKind.PARTY_BRANCH, parent=self.party_committee
        )
        self.branch_a = OrganizationFactory(
            name="心内科团支部", parent=self.committee, party_org=self.party_a
        )
        self.branch_b = OrganizationFactory(
            name="外科团支部", parent=self.committee, party_org=self.party_b
        )
        self.committee_secretary = self._office(
            "tw_shuji", "王委书记", self.committee, Role.SECRETARY
        )
        self.reviewer_1 = self._office(
            "tw_zuzhi1", "李组织", self.committee, Role.ORGANIZATION_MEMBER
        )
        self.reviewer_2 = self._office(
            "tw_zuzhi2", "赵组织", self.committee, Role.ORGANIZATION_MEMBER
        )
        self.secretary_a = self._office("a_shuji", "陈支书", self.branch_a, Role.SECRETARY)
        self.deputy_a = self._office("a_fushuji", "周副书记", self.branch_a, Role.DEPUTY_SECRETARY)
        self.secretary_b = self._office("b_shuji", "孙支书", self.branch_b, Role.SECRETARY)
        self.party_secretary_a = self._office("dz_a", "钱党支书", self.party_a, Role.SECRETARY)
        self.party_secretary_b = self._office("dz_b", "吴党支书", self.party_b, Role.SECRETARY)
        self.members_a = [
            MemberFactory(branch=self.branch_a, user=None) for _ in range(members_per_branch - 1)
        ]
        self.applicant_user = UserFactory(username="applicant", first_name="吉𠮷")
        self.applicant = MemberFactory(branch=self.branch_a, user=self.applicant_user, name="吉𠮷")
        self.members_a.append(self.applicant)
        self.outsider_user = UserFactory(username="b_member", first_name="外科团员")
        self.outsider = MemberFactory(branch=self.branch_b, user=self.outsider_user)

    def _office(self, username, name, org, role):
        user = UserFactory(username=username, first_name=name)
        AppointmentFactory(user=user, org=org, role=role)
        return user
