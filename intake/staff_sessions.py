"""Who is acting, once a staff member is past the password: the second factor, and the
actor of each later request.

The password step is ``intake.staff.authenticate``. A session outlives the moment it was
granted, so the account is looked up again on every request: one disabled (or deleted)
meanwhile stops acting at once, whatever the channel still remembers. Failures are all
``AuthenticationFailed``, alike, so a caller learns nothing about which part was wrong.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from intake.errors import AuthenticationFailed
from intake.models import StaffUser
from intake.settings import Settings
from intake.staff import verify_totp


def load_actor(session: Session, *, staff_id: int) -> StaffUser:
    """The active staff user with this id, loaded into ``session``."""
    actor = session.get(StaffUser, staff_id)
    if actor is None or not actor.active:
        raise AuthenticationFailed("account gone or disabled")
    return actor


def pass_second_factor(
    session: Session, *, settings: Settings, staff_id: int, code: str
) -> StaffUser:
    """The active user whose current TOTP code this is (the password step already passed).
    A code's single use is the caller's to enforce: it lives where the caller's shared
    rate-limit storage is."""
    actor = session.get(StaffUser, staff_id)
    if actor is None or not actor.active or not verify_totp(settings, actor, code):
        raise AuthenticationFailed("second factor")
    return actor
