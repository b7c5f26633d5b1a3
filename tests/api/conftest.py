"""Fixtures the API tests share with the process tests."""

from tests.civilization_posts.conftest import even_year, post_world, reviewing  # noqa: F401
