"""Staff accounts: creation, password check (argon2) and the sealed TOTP secret."""

from __future__ import annotations

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.bureaus import BUREAUS
from intake.crypto import Sealer
from intake.errors import AuthenticationFailed, InvalidStaff, StaffExists
from intake.models import ROLES, StaffUser
from intake.models.columns import utcnow
from intake.settings import Settings

MIN_PASSWORD_LENGTH = 10
TOTP_ISSUER = "foodsafe"
_PURPOSE = "totp"
_hasher = PasswordHasher()
# Verified against when the username is unknown, so both failures cost the same time.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def create_staff(
    session: Session,
    *,
    settings: Settings,
    username: str,
    password: str,
    bureau: str,
    role: str,
    display_name: str,
) -> StaffUser:
    """A new active staff user with a fresh TOTP secret; StaffExists / InvalidStaff."""
    username = username.strip().lower()
    if not username or len(username) > 64 or "\x00" in username + display_name:
        raise InvalidStaff("username or display name")
    if bureau not in BUREAUS:
        raise InvalidStaff(f"bureau {bureau!r}")
    if role not in ROLES:
        raise InvalidStaff(f"role {role!r}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidStaff(f"password shorter than {MIN_PASSWORD_LENGTH}")
    if session.scalar(select(StaffUser.id).where(StaffUser.username == username)) is not None:
        raise StaffExists(username)
    user = StaffUser(
        username=username,
        display_name=display_name.strip() or username,
        bureau=bureau,
        role=role,
        password_hash=_hasher.hash(password),
        totp_secret=_sealer(settings).seal(pyotp.random_base32().encode(), aad=username.encode()),
        active=True,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, *, username: str, password: str) -> StaffUser:
    """The active user with this password; AuthenticationFailed otherwise (same for all)."""
    user = session.scalar(select(StaffUser).where(StaffUser.username == username.strip().lower()))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        raise AuthenticationFailed() from None
    if user is None or not user.active:
        raise AuthenticationFailed()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = utcnow()
    return user


def totp_secret(settings: Settings, user: StaffUser) -> str:
    """The user's base32 TOTP secret, unsealed (for enrolment and verification only)."""
    if user.totp_secret is None:
        raise InvalidStaff("no TOTP secret")
    return _sealer(settings).open(user.totp_secret, aad=user.username.encode()).decode()


def totp_uri(settings: Settings, user: StaffUser) -> str:
    """The otpauth:// URI an authenticator app scans."""
    return pyotp.TOTP(totp_secret(settings, user)).provisioning_uri(
        name=user.username, issuer_name=TOTP_ISSUER
    )


def verify_totp(settings: Settings, user: StaffUser, code: str) -> bool:
    """True when ``code`` is the current (or adjacent) TOTP code of ``user``."""
    return pyotp.TOTP(totp_secret(settings, user)).verify(code.strip(), valid_window=1)


def _sealer(settings: Settings) -> Sealer:
    return Sealer.for_purpose(settings.keys.encryption_key, _PURPOSE)
