"""The ballot keeps nothing that leads back to who cast it."""

from django.contrib.auth import get_user_model
from django.db import models

from workflows.evaluations.models import SurveyBallot, SurveyParticipation
from workflows.org.models import Member


def test_a_ballot_references_no_member_or_user_and_carries_no_time_or_order():
    related = {f.related_model for f in SurveyBallot._meta.get_fields() if f.is_relation}
    assert Member not in related and get_user_model() not in related
    concrete = SurveyBallot._meta.concrete_fields
    assert not any(isinstance(f, (models.DateField, models.TimeField)) for f in concrete)
    assert isinstance(SurveyBallot._meta.pk, models.UUIDField)
    assert not SurveyBallot._meta.ordering


def test_participation_is_one_per_member_and_holds_no_ballot():
    related = {f.related_model for f in SurveyParticipation._meta.get_fields() if f.is_relation}
    assert SurveyBallot not in related
    [unique] = SurveyParticipation._meta.constraints
    assert unique.fields == ("survey", "member")
