"""The one batch job of documents: it runs the builders processes declared, by name, and nothing
a message on the broker might name beside them."""

import pytest

from workflows.documents.tasks import documents_render

pytestmark = pytest.mark.django_db


def test_each_declared_batch_is_registered_at_start():
    assert documents_render(builder="award_certificates", ids=[], by_id=None) == 0
    assert documents_render(builder="post_plaques", ids=[], by_id=None) == 0


def test_a_name_no_process_declared_runs_nothing():
    with pytest.raises(KeyError):
        documents_render(
            builder="workflows.awards.documents.certificates_arguments", ids=[1], by_id=None
        )
