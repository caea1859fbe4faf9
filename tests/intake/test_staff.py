"""Staff accounts: argon2 passwords, one failure for every wrong login, sealed TOTP."""

from __future__ import annotations

import intake_factories as factories
import pyotp
import pytest
from sqlalchemy import select

from intake.errors import AuthenticationFailed, InvalidStaff, StaffExists
from intake.models import StaffUser
from intake.staff import authenticate, create_staff, totp_secret, totp_uri, verify_totp


def test_a_created_user_logs_in_with_the_password_hashed_by_argon2(session, settings):
    user = factories.staff(session, settings, username="Wang.Min")
    assert user.username == "wang.min"
    assert user.password_hash.startswith("$argon2id$")
    assert factories.PASSWORD not in user.password_hash
    assert authenticate(session, username="WANG.MIN", password=factories.PASSWORD).id == user.id
    assert user.last_login_at is not None


@pytest.mark.parametrize("username,password", [("wang.min", "wrong password"), ("nobody", "x")])
def test_a_wrong_password_and_an_unknown_user_fail_the_same_way(
    session, settings, username, password
):
    factories.staff(session, settings, username="wang.min")
    with pytest.raises(AuthenticationFailed) as failure:
        authenticate(session, username=username, password=password)
    assert failure.value.code == "authentication_failed"


def test_a_deactivated_user_cannot_log_in(session, settings):
    user = factories.staff(session, settings, username="gone")
    user.active = False
    session.commit()
    with pytest.raises(AuthenticationFailed):
        authenticate(session, username="gone", password=factories.PASSWORD)


def test_the_totp_secret_is_sealed_and_verifies_current_codes(session, settings):
    user = factories.staff(session, settings)
    secret = totp_secret(settings, user)
    assert secret.encode() not in user.totp_secret
    assert verify_totp(settings, user, pyotp.TOTP(secret).now())
    assert not verify_totp(settings, user, "000000") or pyotp.TOTP(secret).now() == "000000"
    assert totp_uri(settings, user).startswith("otpauth://totp/")


@pytest.mark.parametrize(
    "changes",
    [
        {"bureau": "nasa"},
        {"role": "king"},
        {"password": "short"},
        {"username": " "},
    ],
)
def test_invalid_staff_details_are_refused(session, settings, changes):
    fields = {
        "username": "li.qiang",
        "password": factories.PASSWORD,
        "bureau": "samr",
        "role": "handler",
        "display_name": "李强",
    }
    fields.update(changes)
    with pytest.raises(InvalidStaff):
        create_staff(session, settings=settings, **fields)


def test_a_username_is_taken_only_once(session, settings):
    factories.staff(session, settings, username="li.qiang")
    with pytest.raises(StaffExists):
        factories.staff(session, settings, username="Li.Qiang")
    session.rollback()
    assert len(session.scalars(select(StaffUser)).all()) == 1
