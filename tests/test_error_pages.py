"""Friendly 404 and 500 pages in Chinese, never Django's debug page."""

import pytest
from django.urls import path

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view)]


def test_a_mistyped_verification_code_gets_the_chinese_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/v/NOSUCHCODE/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "核验码是否完整、正确" in page
    assert "Page not found" not in page and "URLconf" not in page


def test_the_404_page_speaks_english_through_the_language_switch(client, settings):
    settings.DEBUG = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/v/NOSUCHCODE/").content.decode()

    assert '<html lang="en">' in page


@pytest.mark.urls(__name__)
def test_a_failing_view_gets_the_chinese_500_page(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/broken/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器出错" in page and "请稍后重试" in page
    assert "boom" not in page and "Traceback" not in page


def test_a_page_refused_to_the_user_gets_the_chinese_403_page(client, settings):
    from tests.factories import UserFactory

    settings.DEBUG = False
    client.force_login(UserFactory(username="no_office"))
    response = client.get("/audit/")

    assert response.status_code == 403
    page = response.content.decode()
    assert "无权访问" in page and "请联系所在团委的书记或组织委员" in page
