"""Building and running the Telegram Application: one factory, long polling or webhook.

The wiring, in the order PTB consults it:
  group -1  the gate (TypeHandler): other chat types and flooding chats stop here;
  group 0   commands, then button presses, then photos, then text, then anything else.
post_init registers the command menu and starts the notifier; post_shutdown stops it (and
closes the flood gate's storage).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.engine import COMMANDS, DialogueEngine, forget_stale_drafts
from bot.notifier import POLL_SECONDS, Notifier
from bot.redaction import describe_exception
from bot.telegram.handlers import SURFACE, TelegramAdapter
from bot.telegram.safebot import SafeBot
from intake.floodgate import FloodGate
from intake.settings import Settings

log = logging.getLogger(__name__)

SWEEP_SECONDS = 300
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
MENU = {
    "zh": [("start", "开始 / 主菜单"), ("status", "查进度"), ("cancel", "取消当前操作"),
           ("lang", "切换语言 / Language"), ("help", "帮助")],
    "en": [("start", "Start / main menu"), ("status", "Check a case"),
           ("cancel", "Cancel what you are doing"), ("lang", "Language / 切换语言"),
           ("help", "Help")],
}


def quiet_transport_logs() -> None:
    """PTB logs request parameters (chat ids, texts) at DEBUG and httpx logs URLs with the
    token at INFO: neither may reach our log, whatever level the service runs at."""
    for name in ("telegram.Bot", "telegram.ext.ExtBot", "telegram._bot", "telegram.ext.Updater",
                 "telegram.ext.Application", "telegram.request"):
        logging.getLogger(name).setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


async def _sweep_stale_drafts(engine: DialogueEngine) -> None:
    """Every few minutes, forget the drafts of conversations that went silent."""
    while True:
        try:
            forgotten = await asyncio.to_thread(forget_stale_drafts, engine)
            if forgotten:
                log.info("forgot %d stale drafts", forgotten)
        except Exception as exc:  # a database outage must not end the sweeping
            log.error("draft sweep failed: %s", describe_exception(exc))
        await asyncio.sleep(SWEEP_SECONDS)


def file_url_for(api_base: str) -> str:
    """``https://api.telegram.org/bot`` → ``https://api.telegram.org/file/bot``."""
    return api_base.removesuffix("/bot") + "/file/bot"


def build_application(
    *,
    settings: Settings,
    engine: DialogueEngine,
    token: str,
    base_url: str | None = None,
    base_file_url: str | None = None,
    rate_limit: FloodGate | None = None,
    concurrency: int = 16,
    notify: bool = True,
    notify_interval: float = POLL_SECONDS,
    api_rate_limiter: bool = False,
    application_class: type[Application[Any, Any, Any, Any, Any, Any]] = Application,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The assistant as a PTB Application (not started)."""
    quiet_transport_logs()
    base_url = base_url or settings.telegram_api_base
    bot = SafeBot(
        token,
        base_url=base_url,
        base_file_url=base_file_url or file_url_for(base_url),
        request=HTTPXRequest(connection_pool_size=concurrency + 4),
        get_updates_request=HTTPXRequest(),
        # Telegram's own limits on what we send (30 msg/s overall); off in tests and benches.
        rate_limiter=AIORateLimiter() if api_rate_limiter else None,
    )
    adapter = TelegramAdapter(engine, settings=settings,
                              rate_limit=rate_limit or FloodGate(settings))

    async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        for lang, entries in MENU.items():
            commands = [BotCommand(name, text) for name, text in entries]
            await application.bot.set_my_commands(commands,
                                                  language_code=None if lang == "zh" else lang)
        if notify:
            async def send(address: str, text: str) -> None:
                await application.bot.send_message(int(address), text)

            notifier = Notifier(settings=settings, session_factory=engine.session_factory,
                                send=send, channel=SURFACE.case_channel,
                                interval=notify_interval)
            notifier.start()
            application.bot_data["notifier"] = notifier

        application.bot_data["sweeper"] = asyncio.get_running_loop().create_task(
            _sweep_stale_drafts(engine), name="draft-sweeper")

    async def post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await adapter.rate_limit.aclose()
        notifier = application.bot_data.pop("notifier", None)
        if notifier is not None:
            await notifier.stop()
        sweeper = application.bot_data.pop("sweeper", None)
        if sweeper is not None:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper

    application = (
        ApplicationBuilder()
        .application_class(application_class)
        .bot(bot)
        .concurrent_updates(concurrency)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    private = filters.ChatType.PRIVATE
    application.add_handler(TypeHandler(Update, adapter.gate), group=-1)
    application.add_handler(CommandHandler(sorted(COMMANDS), adapter.on_command, filters=private))
    application.add_handler(CallbackQueryHandler(adapter.on_button))
    application.add_handler(MessageHandler(private & (filters.PHOTO | filters.Document.IMAGE),
                                           adapter.on_photo))
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND,
                                           adapter.on_text))
    # An unknown /command is answered with the help (the engine treats it so).
    application.add_handler(MessageHandler(private & filters.COMMAND, adapter.on_command))
    application.add_handler(MessageHandler(private, adapter.on_other))
    application.add_error_handler(adapter.on_error)
    return application


def run_polling(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.run_polling(allowed_updates=ALLOWED_UPDATES)


class WebhookNotConfigured(ValueError):
    """Webhook mode was asked for without the address or the secret it needs."""


def webhook_target(settings: Settings) -> tuple[str, str, str]:
    """The webhook URL, its path and its secret; refuses to serve without a secret, since
    anyone who learned the URL could otherwise post forged updates in a person's name."""
    url = settings.telegram_webhook_url
    if not url:
        raise WebhookNotConfigured("webhook mode needs FOODSAFE_TELEGRAM_WEBHOOK_URL")
    secret = settings.telegram_webhook_secret
    if not secret:
        raise WebhookNotConfigured(
            "webhook mode needs FOODSAFE_TELEGRAM_WEBHOOK_SECRET (1-256 characters A-Z a-z 0-9 _ -)"
        )
    return url, url.rstrip("/").rsplit("/", 1)[-1], secret


def run_webhook(application: Application[Any, Any, Any, Any, Any, Any], *, settings: Settings,
                listen: str, port: int) -> None:
    """Serve Telegram's webhook calls; several instances may run behind one load balancer,
    since every turn's state is in the shared database."""
    url, path, secret = webhook_target(settings)
    application.run_webhook(listen=listen, port=port, url_path=path, webhook_url=url,
                            secret_token=secret, allowed_updates=ALLOWED_UPDATES)
