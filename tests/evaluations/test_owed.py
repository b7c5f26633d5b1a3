"""The 自评, ballots and branch ratings a person owes reach the 待办 badge and the inbox."""

from django.urls import reverse

from workflows.evaluations.owed import evaluations_owed_items

from .helpers import round_open
from .test_services import survey_open


def owed_count(user) -> int:
    [item] = evaluations_owed_items(user=user)
    assert (item.label, item.url) == ("评议测评", reverse("evaluations:index"))
    return item.count


def test_what_each_person_owes(small):
    assert owed_count(small.applicant_user) == 0
    round_open(small)
    survey_open(small)
    assert owed_count(small.applicant_user) == 2  # 自评 and ballot
    assert owed_count(small.secretary_a) == 1  # the branch's ratings
    assert owed_count(small.committee_secretary) == 0


def test_the_inbox_lists_them_under_other_work(client, small):
    round_open(small)
    survey_open(small)
    client.force_login(small.applicant_user)
    body = client.get(reverse("engine:inbox")).content.decode()
    assert 'data-testid="tab-inbox-count">2<' in body
    section = body[body.index('data-testid="owed"') :]
    link = reverse("evaluations:index")
    assert f'<a href="{link}">评议测评</a> <span class="badge">2</span>' in section
