"""The dialogue's named states and every transition between them, in one place.

A step function may only move the conversation along an edge listed here; the engine checks
it, so a new step cannot silently jump somewhere unplanned. The commands (/start, /cancel,
/lang, /help) and the menu buttons may leave any state for IDLE or a flow's first step:
those are ``ANYWHERE`` edges.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    IDLE = "idle"
    # complaint (投诉) and tip (举报) share the report steps; the draft says which it is
    TIP_NOTICE = "tip_notice"
    REPORT_WHAT = "report_what"
    REPORT_BUSINESS = "report_business"
    REPORT_WHEN = "report_when"
    REPORT_PHOTOS = "report_photos"
    REPORT_REWARD = "report_reward"
    REPORT_CONTACT = "report_contact"
    REPORT_CONFIRM = "report_confirm"
    # status by receipt
    STATUS_RECEIPT = "status_receipt"
    STATUS_VIEW = "status_view"
    STATUS_REPLY = "status_reply"


S = State

# Where each state's step may lead. A step returning its own state re-asks its question.
TRANSITIONS: dict[State, frozenset[State]] = {
    S.IDLE: frozenset({S.IDLE, S.TIP_NOTICE, S.REPORT_WHAT, S.REPORT_BUSINESS,
                       S.STATUS_RECEIPT, S.STATUS_VIEW}),
    S.TIP_NOTICE: frozenset({S.TIP_NOTICE, S.REPORT_WHAT, S.REPORT_BUSINESS, S.IDLE}),
    # A complaint turned tip ("我还是匿名举报吧", or an account that tells another's practice
    # after "我想反映…") goes to the tip's notice first.
    S.REPORT_WHAT: frozenset({S.REPORT_WHAT, S.REPORT_BUSINESS, S.REPORT_CONFIRM,
                              S.TIP_NOTICE}),
    # A step may go back one ("返回", "不对，…"): REPORT_WHEN -> REPORT_BUSINESS and so on.
    S.REPORT_BUSINESS: frozenset({S.REPORT_BUSINESS, S.REPORT_WHEN, S.REPORT_CONFIRM,
                                  S.REPORT_WHAT, S.TIP_NOTICE}),
    S.REPORT_WHEN: frozenset({S.REPORT_WHEN, S.REPORT_PHOTOS, S.REPORT_CONFIRM,
                              S.REPORT_BUSINESS, S.TIP_NOTICE}),
    S.REPORT_PHOTOS: frozenset({S.REPORT_PHOTOS, S.REPORT_CONTACT, S.REPORT_REWARD,
                                S.REPORT_CONFIRM, S.REPORT_WHEN}),
    S.REPORT_REWARD: frozenset({S.REPORT_REWARD, S.REPORT_CONTACT, S.REPORT_CONFIRM,
                                S.REPORT_PHOTOS}),
    S.REPORT_CONTACT: frozenset({S.REPORT_CONTACT, S.REPORT_CONFIRM, S.TIP_NOTICE,
                                 S.REPORT_PHOTOS, S.REPORT_REWARD}),
    S.REPORT_CONFIRM: frozenset({S.REPORT_CONFIRM, S.REPORT_WHAT, S.REPORT_BUSINESS,
                                 S.REPORT_WHEN, S.REPORT_PHOTOS, S.REPORT_CONTACT,
                                 S.REPORT_REWARD, S.IDLE}),
    S.STATUS_RECEIPT: frozenset({S.STATUS_RECEIPT, S.STATUS_VIEW, S.IDLE}),
    S.STATUS_VIEW: frozenset({S.STATUS_VIEW, S.STATUS_REPLY, S.IDLE}),
    S.STATUS_REPLY: frozenset({S.STATUS_REPLY, S.STATUS_VIEW, S.IDLE}),
}

# Reachable from every state by a command or a menu button.
ANYWHERE = frozenset({S.IDLE, S.TIP_NOTICE, S.REPORT_WHAT, S.STATUS_RECEIPT})


class IllegalTransition(RuntimeError):
    """A step tried to move along an edge not in TRANSITIONS (a bug, never user input)."""


def check_transition(current: State, following: State, *, by_command: bool = False) -> None:
    """Raise IllegalTransition unless ``current -> following`` is a planned edge."""
    if following in TRANSITIONS[current] or (by_command and following in ANYWHERE):
        return
    raise IllegalTransition(f"{current} -> {following}")
