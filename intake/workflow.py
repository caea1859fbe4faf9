"""The case workflow: every status and every allowed transition, in this one place.

An action that does not apply to the case's current status raises InvalidTransition; the
domain never silently ignores it.
"""

from __future__ import annotations

from intake.errors import InvalidTransition

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "received": ("已收到，待受理", "Received"),
    "accepted": ("已受理", "Accepted"),
    "rejected": ("不予受理", "Not accepted"),
    "in_progress": ("办理中", "In progress"),
    "resolved": ("已办结", "Resolved"),
    "closed": ("已关闭", "Closed"),
}
STATUSES = tuple(STATUS_LABELS)
INITIAL_STATUS = "received"
OPEN_STATUSES = frozenset({"received", "accepted", "in_progress"})

# action -> {from status: to status}
TRANSITIONS: dict[str, dict[str, str]] = {
    "accept": {"received": "accepted"},
    "reject": {"received": "rejected"},
    "transfer": {"received": "received", "accepted": "received"},
    "start": {"accepted": "in_progress"},
    "resolve": {"in_progress": "resolved"},
    "close": {"resolved": "closed", "rejected": "closed"},
    "reopen": {"closed": "in_progress", "resolved": "in_progress", "rejected": "received"},
}


def next_status(action: str, current: str) -> str:
    """The status ``action`` leads to from ``current``; InvalidTransition if it cannot."""
    try:
        return TRANSITIONS[action][current]
    except KeyError:
        raise InvalidTransition(f"{action} from {current}") from None


def allowed_actions(current: str) -> tuple[str, ...]:
    """The workflow actions a case in ``current`` offers (for buttons in the staff UI)."""
    return tuple(action for action, moves in TRANSITIONS.items() if current in moves)


def status_label(status: str, lang: str = "zh") -> str:
    zh, en = STATUS_LABELS[status]
    return en if lang.startswith("en") else zh
