"""The Telegram callbacks: turn an Update into an ``Incoming``, the replies into messages.

Turns of one chat run one after another (a per-chat lock), turns of different chats run in
parallel; the engine is synchronous database work, so it runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.engine import DialogueEngine, Incoming, Outgoing
from bot.messages import normalise_lang, say
from bot.redaction import describe_exception
from bot.turn import Surface
from intake.drafts import NewAttachment
from intake.floodgate import FloodGate
from intake.settings import Settings
from intake.uploads import AttachmentTooLarge

log = logging.getLogger(__name__)

CHANNEL = "telegram"
# What this adapter declares to the engine (bot.turn.Surface): what to say of Telegram, its
# cases filed as "telegram", and its notifier (bot/telegram/app.py) follows a complaint up.
SURFACE = Surface(tip_notice="tip_notice_telegram", not_kept="tip_account_telegram",
                  case_channel="telegram", follows_up=True)
Context = ContextTypes.DEFAULT_TYPE
SHORT_LABEL = 8  # buttons with labels this short sit two to a row


def keyboard(buttons: Sequence[Any]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    for button in buttons:
        item = InlineKeyboardButton(button.label, callback_data=button.payload)
        if rows and len(rows[-1]) == 1 and len(button.label) <= SHORT_LABEL \
                and len(rows[-1][0].text) <= SHORT_LABEL:
            rows[-1].append(item)
        else:
            rows.append([item])
    return InlineKeyboardMarkup(rows)


def chunks(text: str, size: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Telegram takes at most 4,096 characters a message; split at line ends when possible."""
    parts: list[str] = []
    while len(text) > size:
        cut = text.rfind("\n", 0, size)
        cut = cut if cut > size // 2 else size
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*parts, text] if text else parts or [""]


async def send_replies(bot: Any, chat_id: int, replies: Sequence[Outgoing]) -> None:
    for reply in replies:
        pieces = chunks(reply.text)
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            # protect_content: Telegram clients then refuse to forward or save the receipt.
            await bot.send_message(chat_id, piece,
                                   reply_markup=keyboard(reply.buttons) if last else None,
                                   protect_content=bool(reply.receipt))


class TelegramAdapter:
    def __init__(self, engine: DialogueEngine, *, settings: Settings,
                 rate_limit: FloodGate) -> None:
        self.engine = engine
        self.settings = settings
        self.rate_limit = rate_limit
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def _chat_lock(self, chat_id: int) -> AsyncIterator[None]:
        lock, users = self._locks.get(chat_id, (asyncio.Lock(), 0))
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[chat_id]
            if users <= 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)

    @staticmethod
    def _lang(update: Update) -> str:
        user = update.effective_user
        return normalise_lang(user.language_code if user else None)

    # -- group -1: the gate -------------------------------------------------------------

    async def gate(self, update: Update, context: Context) -> None:
        """Drop what we must not handle before any handler reads it."""
        chat = update.effective_chat
        if chat is None or chat.type != "private":
            # Groups and channels: a tip typed there is already public; say nothing.
            raise ApplicationHandlerStop
        admission = await self.rate_limit.admit(CHANNEL, str(chat.id))
        if admission.allowed:
            return
        if admission.warn:
            await context.bot.send_message(chat.id, say("slow_down", self._lang(update)))
        raise ApplicationHandlerStop

    # -- the handlers ---------------------------------------------------------------------

    async def _turn(self, update: Update, context: Context, **fields: Any) -> None:
        chat, user = update.effective_chat, update.effective_user
        if chat is None:  # the gate lets only chats through; be sure anyway
            return
        incoming = Incoming(channel=CHANNEL, conversation_key=str(chat.id), surface=SURFACE,
                            lang=user.language_code if user else None,
                            platform_user_id=str(user.id) if user else None, **fields)
        async with self._chat_lock(chat.id):
            replies = await asyncio.to_thread(self.engine.handle, incoming)
            await send_replies(context.bot, chat.id, replies)

    async def on_command(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None or not message.text:
            return
        name = message.text.split()[0].lstrip("/").split("@")[0].lower()
        await self._turn(update, context, command=name, text=" ".join(context.args or ()))

    async def on_text(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is not None and message.text is not None:
            await self._turn(update, context, text=message.text)

    async def on_button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        await query.answer()
        if query.message is not None:
            with suppress(TelegramError):  # the buttons of an answered question stop working
                await query.edit_message_reply_markup(reply_markup=None)
        if isinstance(query.data, str) and query.data:
            await self._turn(update, context, button=query.data[:64])

    async def on_photo(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None:
            return
        item = message.photo[-1] if message.photo else message.document
        if item is None:
            return
        if (item.file_size or 0) > self.settings.max_upload_bytes:
            await context.bot.send_message(
                message.chat_id, say("photo_rejected", self._lang(update),
                                     reason=AttachmentTooLarge().message(self._lang(update))))
            return
        file = await context.bot.get_file(item.file_id)
        data = bytes(await file.download_as_bytearray())
        attachment = NewAttachment(filename="telegram-photo", content_type="image/jpeg",
                                   data=data)
        await self._turn(update, context, attachments=(attachment,), text=message.caption)

    async def on_other(self, update: Update, context: Context) -> None:
        """Stickers, voice, locations…: say what we can read."""
        chat = update.effective_chat
        if chat is not None and update.effective_message is not None:
            await context.bot.send_message(chat.id, say("unsupported", self._lang(update)))

    async def on_error(self, update: object, context: Context) -> None:
        """Log the failure (its type and place, never the update) and apologise."""
        update_id = update.update_id if isinstance(update, Update) else None
        error = context.error or RuntimeError("unknown")
        log.error("update %s failed: %s", update_id, describe_exception(error))
        if isinstance(update, Update) and update.effective_chat is not None:
            with suppress(TelegramError):
                await context.bot.send_message(update.effective_chat.id,
                                               say("error", self._lang(update)))
