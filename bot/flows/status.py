"""Checking a case by receipt, and replying into its thread.

The receipt is needed again for a reply, so while the person is in this flow it is kept in
the draft sealed (never in clear); leaving the flow forgets it. Wrong receipts count against
this conversation in the domain's throttle, so guessing through the bot is as slow as
through the web.
"""

from __future__ import annotations

from bot.characters import has_chinese
from bot.flows.common import bureau_label, menu_buttons
from bot.flows.question import answer_aside
from bot.receipts import NEVER_IN_A_RECEIPT, mistyped_receipt, receipt_in
from bot.signals import adds_more
from bot.states import State
from bot.turn import Turn
from intake.clock import district_time
from intake.errors import (
    AttachmentRejected,
    CaseNotFound,
    MessageRejected,
    ReceiptThrottled,
    SelfDoxxing,
)
from intake.service import PublicCaseView, add_reporter_message, find_case_by_receipt

MAX_REPLIES_SHOWN = 5
REPLY_CHARS = 500


def ask_receipt(turn: Turn) -> None:
    turn.say("ask_receipt", turn.btn("btn_cancel", "cancel"))


def on_receipt(turn: Turn) -> State:
    if turn.button:
        turn.again("stale_button")
        return State.STATUS_RECEIPT
    receipt = receipt_in(turn.text)
    if receipt is None and mistyped_receipt(turn.text):
        turn.again("receipt_mistyped", never=NEVER_IN_A_RECEIPT)
        return State.STATUS_RECEIPT
    if receipt is None and _has_cjk_or_words(turn.text) and answer_aside(turn, turn.text):
        # "我忘了回执码", "I lost my receipt": the answer (what to do without one), not
        # "that does not look like a receipt".
        turn.again()
        return State.STATUS_RECEIPT
    if receipt is None:
        turn.again("receipt_invalid")
        return State.STATUS_RECEIPT
    return look_up(turn, receipt)


def _has_cjk_or_words(text: str) -> bool:
    """Words rather than a receipt mistyped ("ABCDE-12345" is an attempt, not a question)."""
    return has_chinese(text) or len(text.split()) >= 3


def look_up(turn: Turn, receipt: str) -> State:
    """Show the case for ``receipt``; a wrong one asks again, a throttled one stops."""
    try:
        view = find_case_by_receipt(turn.session, settings=turn.settings, receipt=receipt,
                                    client_key=turn.throttle_key)
    except ReceiptThrottled:
        turn.data.pop("receipt", None)
        turn.say("receipt_throttled", *menu_buttons(turn))
        return State.IDLE
    except CaseNotFound:
        turn.again("receipt_not_found")
        return State.STATUS_RECEIPT
    turn.data["receipt"] = turn.seal(receipt)
    show_case(turn, view)
    return State.STATUS_VIEW


def glance(turn: Turn, receipt: str) -> None:
    """Show the case for ``receipt`` without entering this flow (a receipt typed in the
    middle of a report): no receipt kept, no reply offered; a wrong or throttled receipt is
    said so. Failed lookups count against the throttle as here."""
    try:
        view = find_case_by_receipt(turn.session, settings=turn.settings, receipt=receipt,
                                    client_key=turn.throttle_key)
    except ReceiptThrottled:
        turn.say("receipt_throttled")
    except CaseNotFound:
        turn.say("receipt_not_found")
    else:
        show_case(turn, view, replying=False)


def show_case(turn: Turn, view: PublicCaseView, *, replying: bool = True) -> None:
    en = turn.lang == "en"
    lines = [turn.t("case_view", case_number=view.case_number,
                    status=view.status_en if en else view.status_zh,
                    bureau=bureau_label(view.lead_bureau, turn.lang),
                    # A bare "-" read as a missing value; no limit is running.
                    due=view.due_on.isoformat() if view.due_on else turn.t("case_no_deadline"))]
    replies = [m for m in view.messages if m.author == "staff"][-MAX_REPLIES_SHOWN:]
    if replies:
        lines.append(turn.t("case_replies"))
        for message in replies:
            text = message.text if len(message.text) <= REPLY_CHARS else \
                message.text[:REPLY_CHARS] + "…"
            lines.append(f"[{district_time(message.created_at):%Y-%m-%d}] {text}")
    else:
        lines.append(turn.t("case_no_replies"))
    if not replying:  # a report is under way: replying to staff waits until it is sent
        lines.append(turn.t("case_reply_later"))
        turn.send("\n".join(lines))
        return
    turn.send("\n".join(lines), turn.btn("btn_reply", "status:reply"),
              turn.btn("btn_done", "status:done"))


def ask_view(turn: Turn) -> None:
    """The case itself was just shown by look_up; only a re-ask repeats the choices."""
    if not turn.reprompt:
        return
    turn.say("status_options", turn.btn("btn_reply", "status:reply"),
             turn.btn("btn_done", "status:done"))


def on_view(turn: Turn) -> State:
    if turn.button == "status:reply" and "receipt" in turn.data:
        return State.STATUS_REPLY
    if turn.button == "status:done":
        return leave(turn)
    if turn.button:
        turn.again("stale_button")
        return State.STATUS_VIEW
    if "receipt" in turn.data and (turn.incoming.attachments or adds_more(turn.text)):
        return on_reply(turn)  # a photo, or "还有一点忘了说 …", after the case: for the case
    # Typing something else means the person has moved on: leave and read it afresh.
    turn.data.pop("receipt", None)
    turn.redispatch = True
    return State.IDLE


def leave(turn: Turn) -> State:
    turn.data.pop("receipt", None)
    turn.say("status_done", *menu_buttons(turn))
    return State.IDLE


def ask_reply(turn: Turn) -> None:
    turn.say("ask_reply", turn.btn("btn_cancel", "status:done"))


def on_reply(turn: Turn) -> State:
    if turn.button == "status:done":
        return leave(turn)
    if turn.button:
        turn.again("stale_button")
        return State.STATUS_REPLY
    sealed = turn.data.get("receipt")
    if not sealed:
        return leave(turn)
    if not turn.text and not turn.incoming.attachments:
        turn.again()
        return State.STATUS_REPLY
    try:
        add_reporter_message(turn.session, settings=turn.settings,
                                    receipt=turn.unseal(sealed), text=turn.text,
                                    attachments=list(turn.incoming.attachments),
                                    client_key=turn.throttle_key)
    except (SelfDoxxing, MessageRejected, AttachmentRejected) as exc:
        turn.again("reply_rejected", reason=exc.message(turn.lang))
        return State.STATUS_REPLY
    except (CaseNotFound, ReceiptThrottled):
        return leave(turn)
    # The case as just shown, staff replies and all (up to 2,500 characters), is not sent
    # again: the person's own message is not in it, so it said nothing new, twice as long.
    turn.say("reply_sent", turn.btn("btn_reply_more", "status:reply"),
             turn.btn("btn_done", "status:done"))
    return State.STATUS_VIEW
