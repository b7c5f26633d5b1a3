import threading

import pytest
from django.db import connection

from tests.factories import OrganizationFactory
from workflows.documents.services import document_number_next


def test_numbers_count_per_issuer_and_restart_each_year(committee, other_branch):
    assert document_number_next(issuer=committee, year=2026) == "院团发〔2026〕1号"
    assert document_number_next(issuer=committee, year=2026) == "院团发〔2026〕2号"
    assert document_number_next(issuer=other_branch, year=2026) == "外团发〔2026〕1号"
    assert document_number_next(issuer=committee, year=2027) == "院团发〔2027〕1号"
    assert document_number_next(issuer=committee, year=2026) == "院团发〔2026〕3号"


def test_issuer_without_mark_cannot_number(db):
    with pytest.raises(ValueError, match="发文机关代字"):
        document_number_next(issuer=OrganizationFactory(issuer_mark=""), year=2026)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_numbering_never_repeats_or_skips():
    issuer = OrganizationFactory(issuer_mark="卫团")
    numbers, errors = [], []

    def allocate():
        try:
            for _ in range(5):
                numbers.append(document_number_next(issuer=issuer, year=2026))
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert sorted(numbers) == sorted(f"卫团发〔2026〕{n}号" for n in range(1, 31))
