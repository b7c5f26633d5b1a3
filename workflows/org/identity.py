"""居民身份证号 (GB 11643-1999): whether a typed number can be one, the birth date it states, and
the keyed digest a member is found by (the number itself is stored encrypted, so it cannot be
searched)."""

from __future__ import annotations

import datetime
import re

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")
_DIGEST_SALT = "workflows.org.identity.id_digest"


def id_check_digit(first17: str) -> str:
    """The check character: ISO 7064 MOD 11-2 over the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def id_number_clean(value: str) -> str:
    """As people type it: spaces removed, a lower-case x made upper-case."""
    return "".join(value.split()).upper()


def id_birth_date(number: str) -> datetime.date | None:
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_number_problem(number: str) -> str | None:
    """Why ``number`` (cleaned) cannot be a 身份证号, or None."""
    if not _SHAPE.match(number):
        return _("「%(value)s」应为 18 位（前 17 位数字，末位数字或 X）") % {"value": number}
    if id_birth_date(number) is None:
        return _("「%(value)s」中的出生日期 %(digits)s 不存在") % {
            "value": number,
            "digits": number[6:14],
        }
    expected = id_check_digit(number[:17])
    if number[17] != expected:
        return _("「%(value)s」校验位应为 %(expected)s，可能有数字输错") % {
            "value": number,
            "expected": expected,
        }
    return None


def id_digest(number: str) -> str:
    """The keyed digest stored beside the encrypted number (keyed with SECRET_KEY: rotating it
    means recomputing, as ``id_numbers_reencrypt`` does)."""
    return salted_hmac(_DIGEST_SALT, id_number_clean(number), algorithm="sha256").hexdigest()
