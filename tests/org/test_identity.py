"""身份证号 as people type them: the checksum, the birth date inside, and the digest a member is
found by while the number itself stays encrypted."""

import datetime

import pytest

from tests.factories import MemberFactory
from workflows.org.identity import (
    id_birth_date,
    id_check_digit,
    id_digest,
    id_number_clean,
    id_number_problem,
)
from workflows.org.models import Member
from workflows.org.services import id_numbers_reencrypt


def test_check_digit_follows_gb_11643():
    assert id_check_digit("11010519491231002") == "X"
    assert id_number_problem("11010519491231002X") is None


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("1101051949123100", "应为 18 位"),
        ("11010519491231002Y", "应为 18 位"),
        ("110105194902300021", "出生日期 19490230 不存在"),
        ("110105194912310021", "校验位应为 X，可能有数字输错"),
    ],
)
def test_each_wrong_number_says_what_is_wrong(typed, problem):
    assert problem in id_number_problem(typed)


def test_typed_spaces_and_a_small_x_are_the_same_number():
    assert id_number_clean(" 110105 19491231 002x ") == "11010519491231002X"
    assert id_digest("11010519491231002x") == id_digest("11010519491231002X")
    assert id_birth_date("11010519491231002X") == datetime.date(1949, 12, 31)


@pytest.mark.django_db
def test_a_member_is_found_by_the_digest_of_their_number():
    member = MemberFactory(name="吉𠮷", id_number="11010519491231002X")
    assert Member.objects.get(id_digest=id_digest("11010519491231002X")) == member
    member.id_number = None
    member.save()
    assert Member.objects.get(pk=member.pk).id_digest is None


@pytest.mark.django_db
def test_rotating_the_key_recomputes_the_digests(encryption_keys):
    encryption_keys(secret="old-secret", salts=["old-salt"])
    member = MemberFactory(id_number="11010519491231002X")
    old = Member.objects.get(pk=member.pk).id_digest
    encryption_keys(secret="new-secret", salts=["new-salt", "old-salt"], fallbacks=["old-secret"])
    assert id_numbers_reencrypt() == 1
    renewed = Member.objects.get(pk=member.pk).id_digest
    assert renewed != old and renewed == id_digest("11010519491231002X")


@pytest.mark.django_db
def test_members_created_in_bulk_are_found_by_their_number_too(world):
    built = MemberFactory.build(branch=world.branch_a, user=None, id_number="11010519491231002X")
    Member.objects.bulk_create([built])
    assert Member.objects.get(id_digest=id_digest("11010519491231002X")).name == built.name
