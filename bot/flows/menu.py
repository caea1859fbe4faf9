"""Where every conversation starts and returns: reading a free message, the menu, commands.

In IDLE a message is read by the intent decision (knowledge.intent) and handed to the flow
it belongs to: a complaint told in one message goes straight into the complaint flow with
its account filled in; a receipt goes straight to the case. The commands and the menu
buttons work from every state, so a lost person always has a way out.
"""

from __future__ import annotations

from bot.flows import question, report, status
from bot.flows.common import SURE_ENOUGH, leave_draft, menu_buttons, reset_draft
from bot.messages import normalise_lang
from bot.receipts import NEVER_IN_A_RECEIPT, mistyped_receipt, receipt_in
from bot.signals import withdraws, written_in
from bot.states import State
from bot.turn import Turn
from knowledge.intent import IntentDecision, classify_intent

CANCEL_WORDS = frozenset({"取消", "退出", "不要了", "算了", "cancel", "quit", "exit", "stop"})
HELP_WORDS = frozenset({"帮助", "help", "菜单", "menu"})


def cancels(text: str, state: State) -> bool:
    """Whether a typed message cancels: a cancel word, or, during a report, the whole message
    saying the person no longer wants to file it ("算了 我还是不投诉了", "never mind")."""
    return text.lower() in CANCEL_WORDS or (state in report.REPORT_STEPS and withdraws(text))


def ask_idle(turn: Turn) -> None:
    """IDLE asks nothing of its own: flows end with the menu on their last message."""
    if turn.reprompt:
        turn.say("welcome", *menu_buttons(turn))


def on_idle(turn: Turn) -> State:
    if turn.button and turn.button.startswith("q:"):
        return question.on_suggestion(turn)
    if turn.button and turn.button.startswith("fb:"):
        return question.on_feedback(turn)
    if turn.button:
        turn.say("stale_button", *menu_buttons(turn))
        return State.IDLE
    if not turn.text:
        key = "photo_needs_context" if turn.incoming.attachments else "unsupported"
        turn.say(key, *menu_buttons(turn))
        return State.IDLE
    receipt = receipt_in(turn.text)
    if receipt is not None:
        return status.look_up(turn, receipt)
    _follow_language(turn)
    decision = classify_intent(turn.text)
    if decision.intent in ("complaint", "tip") and decision.confidence < SURE_ENOUGH:
        turn.data["pending_account"] = turn.text[: report.MAX_WHAT]
        turn.say("which_flow", *menu_buttons(turn))
        return State.IDLE
    if decision.intent == "complaint":
        return report.start_report(turn, "complaint", turn.text)
    if decision.intent == "tip":
        return report.start_report(turn, "tip", turn.text)
    if decision.intent == "status":
        if mistyped_receipt(turn.text):  # "我上次的回执码是 ABCDE-FGHJK-… 怎么样了"
            turn.say("receipt_mistyped", never=NEVER_IN_A_RECEIPT)
        return State.STATUS_RECEIPT
    if decision.intent == "question":
        state = question.answer_question(turn, turn.text)
        _offer_to_report(turn, decision)
        return state
    # Thanks are returned and venting acknowledged; anything else gets the introduction.
    reply = {"thanks": "other_thanks", "venting": "other_venting"}.get(
        decision.small_talk or "", "other")
    turn.say(reply, *menu_buttons(turn))
    return State.IDLE


def _follow_language(turn: Turn) -> None:
    """A conversation started in the platform's language answers in the one the person
    writes: an English message to a Chinese-set chat switches it to English (and back), said
    once with the way to switch again. Only a free message read here, never an answer to a
    report's question ("老王面馆" in an English report is a name, not a wish); never after
    the person chose a language with /lang."""
    written = written_in(turn.text)
    if written is None or written == turn.lang or turn.data.get("lang_chosen"):
        return
    turn.lang = written
    turn.say("lang_followed")


def _offer_to_report(turn: Turn, decision: IntentDecision) -> None:
    """A question that also tells of an incident ("牛奶有点酸，这正常吗") gets its answer and
    the way to complain or report it, so a person asking never misses the complaint flow."""
    if not decision.tells_a_matter():
        return
    turn.data["pending_account"] = turn.text[: report.MAX_WHAT] if turn.text else None
    turn.say("also_report", turn.btn("btn_complaint", "menu:complaint"),
             turn.btn("btn_tip", "menu:tip"))


# ---- from anywhere ----------------------------------------------------------------------


def on_menu(turn: Turn) -> State | None:
    """A menu button, or None when the button is not a menu button."""
    choice = turn.button or ""
    if choice in ("menu:complaint", "menu:tip"):
        account = turn.data.get("pending_account")
        return report.start_report(turn, choice.removeprefix("menu:"), account)
    if choice == "menu:status":
        leave_draft(turn)
        return State.STATUS_RECEIPT
    if choice == "menu:question":
        leave_draft(turn)
        turn.say("ask_away")
        return State.IDLE
    if choice == "cancel":
        return cancel(turn, in_flow=True)
    return None


def cancel(turn: Turn, *, in_flow: bool) -> State:
    reset_draft(turn)
    turn.say("cancelled" if in_flow else "nothing_to_cancel", *menu_buttons(turn))
    return State.IDLE


def start(turn: Turn) -> State:
    leave_draft(turn)
    turn.say("welcome", *menu_buttons(turn))
    return State.IDLE


def switch_language(turn: Turn, argument: str | None) -> None:
    """/lang en, /lang zh, or /lang alone to switch to the other one."""
    if argument:
        turn.lang = normalise_lang(argument)
    else:
        turn.lang = "zh" if turn.lang == "en" else "en"
    turn.data["lang_chosen"] = True
    turn.say("lang_set")
