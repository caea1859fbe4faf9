"""The web chat: the bot's dialogue engine (bot.engine) behind a small JSON endpoint.

Like the reporter forms it sets no cookie: the page is given a random conversation key
that the browser keeps in sessionStorage (gone when the tab closes) and sends with each
message; the engine keys its stored state by a keyed hash of it.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from web.clients import client_key
from web.cookieless_csrf import same_origin
from web.extensions import csrf_exempt, limiter
from web.i18n import select_locale
from web.runtime import runtime

blueprint = Blueprint("chat", __name__)

MAX_TEXT = 2000
KEY_LENGTH = (16, 64)
ENGINE_KEY = "foodsafe.chat_engine"


def _chat_limit() -> str:
    return str(current_app.config["FOODSAFE_CHAT_LIMIT"])


def engine() -> Any:
    """This app's dialogue engine (its settings and database), built on first use."""
    found = current_app.extensions.get(ENGINE_KEY)
    if found is None:
        from bot.engine import DialogueEngine
        from intake.routing.router import default_router
        from knowledge.faq import default_base

        state = runtime()
        found = DialogueEngine(
            settings=state.settings, session_factory=state.session_factory,
            knowledge=default_base(), router=default_router(),
        )
        current_app.extensions[ENGINE_KEY] = found
    return found


@blueprint.get("/")
def page() -> ResponseReturnValue:
    return render_template("chat/chat.html", conversation=secrets.token_urlsafe(24))


def _valid_key(value: object) -> str:
    if not isinstance(value, str) or not KEY_LENGTH[0] <= len(value) <= KEY_LENGTH[1]:
        abort(400)
    if not all(c.isalnum() or c in "-_" for c in value):
        abort(400)
    return value


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        abort(400)
    return value


@blueprint.post("/messages")
@csrf_exempt
@limiter.limit(_chat_limit)
def send() -> ResponseReturnValue:
    """One turn: {conversation, text | button | command} in, the engine's replies out.

    JSON only (a cross-site form cannot send it without a CORS preflight) and same-origin.
    """
    if not same_origin() or not request.is_json:
        abort(400)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400)
    from bot.engine import Incoming

    incoming = Incoming(
        channel="web",
        conversation_key=_valid_key(body.get("conversation")),
        text=_optional_text(body.get("text")),
        button=_optional_text(body.get("button")),
        command=_optional_text(body.get("command")),
        lang="en" if select_locale() == "en" else "zh",
        # Receipt guesses count per client, as on the status page, not per conversation.
        client_key=client_key(),
    )
    if incoming.text is None and incoming.button is None and incoming.command is None:
        abort(400)
    replies = engine().handle(incoming)
    return jsonify(
        messages=[
            {
                "text": r.text,
                "buttons": [{"label": b.label, "payload": b.payload} for b in r.buttons],
                "receipt": r.receipt,
            }
            for r in replies
        ]
    )
