"""Administering staff accounts at the desk: listing, creating, changing role, bureau and
whether the account is active. Administrators only (``intake.authz``), every change audited.

The custodian alone approves revealing a reporter's contact. An administrator who could
appoint one could approve their own request through a sock puppet, so custodian accounts
are created on the server (``foodsafe create-staff``): this module never grants the role
nor edits a custodian's account. Nor may administrators change their own account here,
which would let one lock out or promote themselves without a second pair of eyes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import audit, authz
from intake.bureaus import BUREAUS
from intake.errors import InvalidStaff, NotAllowed, StaffNotFound
from intake.models import ROLES, StaffUser
from intake.settings import Settings
from intake.staff import create_staff, totp_uri

RESERVED_ROLE = "custodian"


@dataclass(frozen=True)
class StaffAccount:
    id: int
    username: str
    display_name: str
    bureau: str
    role: str
    active: bool


@dataclass(frozen=True)
class Enrolment:
    """What the new person needs once: their name and the TOTP URI for their app."""

    username: str
    totp_uri: str


def list_staff_accounts(session: Session, *, actor: StaffUser) -> list[StaffAccount]:
    """Every account, by bureau then username (``NotAllowed``)."""
    authz.ensure_administers_staff(actor)
    users = session.scalars(select(StaffUser).order_by(StaffUser.bureau, StaffUser.username))
    return [_account(user) for user in users]


def create_staff_account(
    session: Session,
    *,
    settings: Settings,
    actor: StaffUser,
    username: str,
    password: str,
    bureau: str,
    role: str,
    display_name: str,
) -> Enrolment:
    """A new active account and its one-time enrolment (``NotAllowed``, ``StaffExists``,
    ``InvalidStaff``)."""
    authz.ensure_administers_staff(actor)
    if role == RESERVED_ROLE:
        raise NotAllowed("custodians are appointed on the server, not at the desk")
    user = create_staff(session, settings=settings, username=username, password=password,
                        bureau=bureau, role=role, display_name=display_name)
    audit.record(session, action="staff_created", actor=audit.staff_actor(actor), staff=actor,
                 detail={"username": user.username, "bureau": user.bureau, "role": user.role})
    return Enrolment(user.username, totp_uri(settings, user))


def change_staff_account(
    session: Session,
    *,
    actor: StaffUser,
    user_id: int,
    role: str | None = None,
    bureau: str | None = None,
    active: bool | None = None,
) -> StaffAccount:
    """The account with the given changes (``None`` keeps a field as it is); ``NotAllowed``
    for one's own or a custodian's account or the custodian role, ``StaffNotFound``,
    ``InvalidStaff`` for an unknown role or bureau."""
    authz.ensure_administers_staff(actor)
    user = session.get(StaffUser, user_id)
    if user is None:
        raise StaffNotFound(f"staff id {user_id}")
    if user.id == actor.id:
        raise NotAllowed("administrators cannot change their own account here")
    if RESERVED_ROLE in (user.role, role):
        raise NotAllowed("custodians are appointed on the server, not at the desk")
    if role is not None and role not in ROLES:
        raise InvalidStaff(f"role {role!r}")
    if bureau is not None and bureau not in BUREAUS:
        raise InvalidStaff(f"bureau {bureau!r}")
    before = {"role": user.role, "bureau": user.bureau, "active": user.active}
    user.role = role or user.role
    user.bureau = bureau or user.bureau
    user.active = user.active if active is None else active
    audit.record(session, action="staff_changed", actor=audit.staff_actor(actor), staff=actor,
                 detail={"username": user.username, "before": before,
                         "after": {"role": user.role, "bureau": user.bureau,
                                   "active": user.active}})
    session.flush()
    return _account(user)


def _account(user: StaffUser) -> StaffAccount:
    return StaffAccount(user.id, user.username, user.display_name, user.bureau, user.role,
                        user.active)
