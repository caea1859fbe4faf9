"""The wiring: for every state, the function that asks its question and the one that reads
the answer. Together with ``bot.states.TRANSITIONS`` this is the whole dialogue at a glance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.flows import menu, report, status
from bot.states import State
from bot.turn import Turn


@dataclass(frozen=True)
class Step:
    ask: Callable[[Turn], None]
    on: Callable[[Turn], State]


STEPS: dict[State, Step] = {
    State.IDLE: Step(menu.ask_idle, menu.on_idle),
    # complaint and tip
    State.TIP_NOTICE: Step(report.ask_tip_notice, report.on_tip_notice),
    State.REPORT_WHAT: Step(report.ask_what, report.on_what),
    State.REPORT_BUSINESS: Step(report.ask_business, report.on_business),
    State.REPORT_WHEN: Step(report.ask_when, report.on_when),
    State.REPORT_PHOTOS: Step(report.ask_photos, report.on_photos),
    State.REPORT_REWARD: Step(report.ask_reward, report.on_reward),
    State.REPORT_CONTACT: Step(report.ask_contact, report.on_contact),
    State.REPORT_CONFIRM: Step(report.ask_confirm, report.on_confirm),
    # status
    State.STATUS_RECEIPT: Step(status.ask_receipt, status.on_receipt),
    State.STATUS_VIEW: Step(status.ask_view, status.on_view),
    State.STATUS_REPLY: Step(status.ask_reply, status.on_reply),
}
