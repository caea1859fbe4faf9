"""The web chat: the bot's dialogue engine (bot.engine) behind two small endpoints.

Like the reporter forms it sets no cookie: the page is given a random conversation key
that the browser keeps in sessionStorage (gone when the tab closes) and sends with each
message; the engine keys its stored state by a keyed hash of it.

``/chat/messages`` takes a turn as JSON; ``/chat/photos`` takes one photo as a multipart
form (a file cannot travel in JSON without base64's third more) and hands it to the engine
as Telegram's adapter hands a photo: what the photo is worth at this step, and whether the
file is one at all, is decided by the engine and ``intake.uploads``, never here.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField

from intake.drafts import NewAttachment
from intake.uploads import IMAGE_FORMATS
from web.clients import client_key
from web.cookieless_csrf import CookielessForm, same_origin
from web.extensions import csrf_exempt, limiter
from web.i18n import select_locale
from web.runtime import runtime

blueprint = Blueprint("chat", __name__)

MAX_TEXT = 2000
KEY_LENGTH = (16, 64)
ENGINE_KEY = "foodsafe.chat_engine"


# One budget per client for everything the chat is sent, messages and photos alike.
LIMIT_SCOPE = "chat"


def _chat_limit() -> str:
    return str(current_app.config["FOODSAFE_CHAT_LIMIT"])


class PhotoForm(CookielessForm):
    """One photo for the conversation. Unlike the JSON turns, a multipart post is something
    a cross-site form can send, so it carries the reporter forms' cookie-less token."""

    conversation = HiddenField()
    photo = FileField(validators=[FileRequired()])


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
    return render_template(
        "chat/chat.html", conversation=secrets.token_urlsafe(24),
        photo_form=PhotoForm(formdata=None),
        # What the picker offers is a hint for the phone; the content decides on arrival.
        photo_types=",".join(sorted(set(IMAGE_FORMATS.values()))),
    )


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


def surface() -> Any:
    """What the web chat declares to the engine (bot.turn.Surface): a page, not Telegram; its
    cases filed as "chat", which staff read as 网页在线咨询 / Web chat (as "web" they read as
    the web form); no follow-up (a page cannot be reached later: the receipt is)."""
    from bot.turn import Surface

    return Surface(tip_notice="tip_notice_web", not_kept="tip_account_web", case_channel="chat",
                   follows_up=False)


def _incoming(conversation: object, **fields: Any) -> Any:
    from bot.engine import Incoming

    return Incoming(
        channel="web",
        surface=surface(),
        conversation_key=_valid_key(conversation),
        lang="en" if select_locale() == "en" else "zh",
        # Receipt guesses count per client, as on the status page, not per conversation.
        client_key=client_key(),
        **fields,
    )


@blueprint.post("/messages")
@csrf_exempt
@limiter.shared_limit(_chat_limit, scope=LIMIT_SCOPE)
def send() -> ResponseReturnValue:
    """One turn: {conversation, text | button | command} in, the engine's replies out.

    JSON only (a cross-site form cannot send it without a CORS preflight) and same-origin.
    """
    if not same_origin() or not request.is_json:
        abort(400)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400)
    incoming = _incoming(
        body.get("conversation"),
        text=_optional_text(body.get("text")),
        button=_optional_text(body.get("button")),
        command=_optional_text(body.get("command")),
    )
    if incoming.text is None and incoming.button is None and incoming.command is None:
        abort(400)
    return _replies(engine().handle(incoming))


@blueprint.post("/photos")
@csrf_exempt  # the session-bound check; PhotoForm checks its own cookie-less token
@limiter.shared_limit(_chat_limit, scope=LIMIT_SCOPE)
def send_photo() -> ResponseReturnValue:
    """One photo as a turn of its own, as Telegram delivers it: the engine's replies out.

    Whether it is a photo, and whether it is too large, is for ``intake.uploads`` (through
    the engine), which answers in the conversation's language. A request larger than the
    app's MAX_CONTENT_LENGTH never reaches here (413).
    """
    form = PhotoForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            raise CSRFError("chat photo without a valid form token")
        abort(400)
    upload = form.photo.data
    # The sender's file name and declared type are left behind: a name can say who or
    # where, and only the bytes decide what the file is.
    attachment = NewAttachment("web-chat-photo", "application/octet-stream", upload.read())
    incoming = _incoming(form.conversation.data, attachments=(attachment,))
    return _replies(engine().handle(incoming))


def _replies(replies: list[Any]) -> ResponseReturnValue:
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
