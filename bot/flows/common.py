"""Small pieces every flow uses: the main menu and dropping a draft."""

from __future__ import annotations

import re

from bot import staging
from bot.turn import Button, Turn
from intake.bureaus import BUREAUS


def bureau_label(code: str, lang: str) -> str:
    """A bureau's name in the conversation's language (an unknown code as it is)."""
    bureau = BUREAUS.get(code)
    if bureau is None:
        return code
    return bureau.name_en if lang == "en" else bureau.name_zh


def menu_buttons(turn: Turn) -> tuple[Button, ...]:
    return (
        turn.btn("btn_complaint", "menu:complaint"),
        turn.btn("btn_tip", "menu:tip"),
        turn.btn("btn_status", "menu:status"),
        turn.btn("btn_question", "menu:question"),
    )


# What a conversation keeps across drafts: the person chose the language with /lang (so a
# message in the other one does not switch it back). Not a draft: no timeout notice for it.
KEPT_ACROSS_DRAFTS = ("lang_chosen",)
# Below this a complaint, tip or status reading is offered as a choice rather than acted on.
SURE_ENOUGH = 0.5
_LABEL_NOISE = re.compile(r"[\s\"'“”‘’「」.。!！]+")


def label_key(text: str) -> str:
    """A button label as a person might type it: "就是老王面馆" for 就是“老王面馆”."""
    return _LABEL_NOISE.sub("", text).lower()


def has_draft(data: dict[str, object]) -> bool:
    return any(key not in KEPT_ACROSS_DRAFTS for key in data)


def staged_tokens(turn: Turn) -> list[str]:
    return [str(token) for token in turn.data.get("photos", [])]


def leave_draft(turn: Turn) -> None:
    """Forget the draft, saying so when a report was under way: /status, /start or a menu
    button from an earlier message dropped a half-written complaint without a word."""
    kind = turn.data.get("kind")
    if kind in ("complaint", "tip"):
        turn.say(f"draft_dropped_{kind}")
    reset_draft(turn)


def reset_draft(turn: Turn) -> None:
    """Forget the draft (its staged photos are deleted once the turn commits)."""
    tokens = staged_tokens(turn)
    if tokens:
        settings = turn.settings
        turn.after_commit.append(lambda: staging.discard(settings, tokens))
    kept = {key: turn.data[key] for key in KEPT_ACROSS_DRAFTS if key in turn.data}
    turn.data.clear()
    turn.data.update(kept)
