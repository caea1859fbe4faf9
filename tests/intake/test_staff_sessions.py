"""After the password: the second factor, and an actor that stops acting once disabled."""

from __future__ import annotations

import intake_factories as factories
import pyotp
import pytest

from intake.errors import AuthenticationFailed
from intake.staff import totp_secret
from intake.staff_sessions import load_actor, pass_second_factor


def test_the_current_code_passes_and_a_wrong_one_fails(session, settings):
    user = factories.staff(session, settings)
    code = pyotp.TOTP(totp_secret(settings, user)).now()
    assert pass_second_factor(session, settings=settings, staff_id=user.id, code=code) is user
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with pytest.raises(AuthenticationFailed):
        pass_second_factor(session, settings=settings, staff_id=user.id, code=wrong)


def test_a_disabled_or_unknown_account_neither_passes_nor_acts(session, settings):
    user = factories.staff(session, settings)
    assert load_actor(session, staff_id=user.id) is user
    code = pyotp.TOTP(totp_secret(settings, user)).now()
    user.active = False
    session.commit()
    with pytest.raises(AuthenticationFailed):
        load_actor(session, staff_id=user.id)
    with pytest.raises(AuthenticationFailed):
        pass_second_factor(session, settings=settings, staff_id=user.id, code=code)
    with pytest.raises(AuthenticationFailed):
        load_actor(session, staff_id=user.id + 1000)
