"""常用语: defaults until a person keeps their own, add and delete, and where they are offered."""

import pytest
from django.urls import reverse

from tests.cases import open_task
from workflows.engine.errors import CaseError
from workflows.engine.models import OpinionPhrase
from workflows.engine.phrases import default_phrases, phrases_of
from workflows.engine.services.phrases import PHRASES_MAX, phrase_add, phrase_delete

pytestmark = pytest.mark.django_db


def test_defaults_are_offered_until_a_person_has_phrases(world):
    offered = phrases_of(user=world.secretary_a)
    assert offered == default_phrases()
    assert {"同意", "情况属实，同意推荐", "材料不全，请补充后重新提交"} <= set(offered)
    assert not OpinionPhrase.objects.exists()


def test_a_first_phrase_keeps_the_defaults_beside_it(world):
    phrase_add(text="  经支委会研究，同意𠮷推荐  ", by=world.secretary_a)
    assert phrases_of(user=world.secretary_a) == [*default_phrases(), "经支委会研究，同意𠮷推荐"]


def test_deleting_a_default_keeps_the_others_and_none_brings_them_back(world):
    phrase_delete(text="同意", by=world.secretary_a)
    kept = phrases_of(user=world.secretary_a)
    assert "同意" not in kept and len(kept) == len(default_phrases()) - 1
    for text in kept:
        phrase_delete(text=text, by=world.secretary_a)
    assert phrases_of(user=world.secretary_a) == default_phrases()


def test_a_phrase_is_kept_once_and_a_list_has_a_limit(world):
    phrase_add(text="同意推荐", by=world.secretary_a)
    with pytest.raises(CaseError, match="已有常用语「同意推荐」"):
        phrase_add(text="同意推荐", by=world.secretary_a)
    with pytest.raises(CaseError, match="常用语不能为空"):
        phrase_add(text="   ", by=world.secretary_a)
    for index in range(PHRASES_MAX - len(default_phrases()) - 1):
        phrase_add(text=f"常用语{index}", by=world.secretary_a)
    with pytest.raises(CaseError, match=f"常用语最多 {PHRASES_MAX} 条"):
        phrase_add(text="再多一条", by=world.secretary_a)


def test_phrases_are_each_persons_own(client, world):
    phrase_add(text="陈支书的常用语", by=world.secretary_a)
    assert "陈支书的常用语" not in phrases_of(user=world.secretary_b)
    client.force_login(world.secretary_b)
    response = client.post(reverse("engine:phrase_delete"), {"text": "陈支书的常用语"}, follow=True)
    assert "已删除" in response.content.decode()
    assert "陈支书的常用语" in phrases_of(user=world.secretary_a)


def test_the_page_adds_and_deletes(client, world):
    client.force_login(world.secretary_a)
    page = client.get(reverse("engine:phrases")).content.decode()
    assert "情况属实，同意推荐" in page
    client.post(reverse("engine:phrase_add"), {"text": "同意，请按程序办理"})
    client.post(reverse("engine:phrase_delete"), {"text": "情况属实，同意推荐"})
    kept = phrases_of(user=world.secretary_a)
    assert "同意，请按程序办理" in kept and "情况属实，同意推荐" not in kept
    page = client.get(reverse("engine:phrases")).content.decode()
    assert "同意，请按程序办理" in page


def test_the_task_page_and_the_inbox_offer_the_phrases(client, world, submitted):
    phrase_add(text="符合条件，同意𠮷", by=world.secretary_a)
    client.force_login(world.secretary_a)
    task_page = client.get(reverse("engine:task", args=[open_task(submitted).pk]))
    html = task_page.content.decode()
    assert 'data-phrase="符合条件，同意𠮷" data-phrase-target="id_opinion"' in html
    inbox = client.get(reverse("engine:inbox")).content.decode()
    assert '<option value="符合条件，同意𠮷">' in inbox and 'list="phrase-list"' in inbox
