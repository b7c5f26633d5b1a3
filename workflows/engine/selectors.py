"""Reads for the engine: inbox, queue, archive, navigation counts."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser


def navigation_for(*, user: AbstractBaseUser) -> dict:
    return {"display_name": user.get_full_name() or user.get_username()}
