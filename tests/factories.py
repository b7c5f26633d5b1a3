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

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pass")


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


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    user = factory.SubFactory(UserFactory)
    org = factory.SubFactory(OrganizationFactory)
    role = Role.SECRETARY
    start_date = datetime.date(2020, 1, 1)
