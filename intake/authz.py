"""Who may do what to which case: the one place the domain decides it.

Handlers and leads act on their own bureau's cases (cooperating bureaus may look); the
coordinator at 区食安办 and administrators see and act on every case; only a custodian
approves revealing a reporter's contact, and only the requester then reads it.
"""

from __future__ import annotations

from intake.errors import NotAllowed
from intake.models import Case, StaffUser

EVERYWHERE = frozenset({"coordinator", "admin"})
CASE_WORKERS = frozenset({"handler", "lead", "coordinator", "admin"})
SENIOR = frozenset({"lead", "coordinator", "admin"})

# action -> roles allowed to perform it (on a case within their reach)
ACTION_ROLES: dict[str, frozenset[str]] = {
    "view": frozenset({"handler", "lead", "coordinator", "admin", "custodian"}),
    "accept": CASE_WORKERS,
    "reject": CASE_WORKERS,
    "transfer": CASE_WORKERS,
    "start": CASE_WORKERS,
    "resolve": CASE_WORKERS,
    "close": CASE_WORKERS,
    "reply": CASE_WORKERS,
    "request_reveal": CASE_WORKERS,
    "reveal": CASE_WORKERS,
    "reopen": SENIOR,
    "extend": SENIOR,
    "approve_reveal": frozenset({"custodian"}),
}
# Actions a cooperating (协办) bureau may take; every other action belongs to the lead bureau.
COOPERATOR_ACTIONS = frozenset({"view"})
# Actions whose role reaches every bureau's cases.
UNSCOPED_ACTIONS = frozenset({"approve_reveal"})


def can(actor: StaffUser, action: str, case: Case) -> bool:
    if not actor.active or actor.role not in ACTION_ROLES.get(action, frozenset()):
        return False
    if actor.role in EVERYWHERE or action in UNSCOPED_ACTIONS:
        return True
    if actor.bureau == case.lead_bureau:
        return True
    return action in COOPERATOR_ACTIONS and actor.bureau in case.co_bureaus


def cooperates(actor: StaffUser, case: Case) -> bool:
    """Whether ``actor`` reaches ``case`` only as a cooperating (协办) bureau: it may look."""
    return (actor.active and actor.role not in EVERYWHERE and actor.bureau != case.lead_bureau
            and actor.bureau in case.co_bureaus)


def ensure(actor: StaffUser, action: str, case: Case) -> None:
    """Raise NotAllowed unless ``actor`` may perform ``action`` on ``case``."""
    if not can(actor, action, case):
        raise NotAllowed(f"{actor.role}@{actor.bureau} may not {action} {case.case_number}")


def sees_all(actor: StaffUser) -> bool:
    return actor.active and actor.role in EVERYWHERE


# Staff accounts are not a case, so their rule stands beside ``can``: administrators only.
STAFF_ADMINISTRATORS = frozenset({"admin"})


def ensure_administers_staff(actor: StaffUser) -> None:
    """Raise NotAllowed unless ``actor`` may list, create and change staff accounts."""
    if not (actor.active and actor.role in STAFF_ADMINISTRATORS):
        raise NotAllowed("staff administration is for administrators")
