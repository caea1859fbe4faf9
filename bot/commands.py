"""The assistant's commands: ``foodsafe intent``, ``eval-intent``, ``bot`` and ``chat``.

Each is an entry point loaded only when invoked; telegram is imported only by ``bot``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import IO, Any

import click

from knowledge.intent import INTENTS, classify_intent
from knowledge.labelled import LabelledSetError, labelled_objects, string_field

HOW_TO_GET_A_BOT = """\
No Telegram token is set (FOODSAFE_TELEGRAM_TOKEN).

To run the assistant on Telegram:
  1. In Telegram, open a chat with @BotFather and send /newbot.
  2. Choose a name and a username ending in "bot"; BotFather replies with a token.
  3. export FOODSAFE_TELEGRAM_TOKEN=<that token>   (keep it secret, never commit it)
  4. foodsafe bot

Meanwhile the same assistant runs in this terminal:  foodsafe chat
未设置 Telegram 令牌。可在 Telegram 中向 @BotFather 发送 /newbot 获取；
在此之前可用 `foodsafe chat` 在终端里使用同一个助手。
"""


def _line_result(line: str) -> dict[str, Any]:
    """One output object for one input line: the decision, or an error naming the problem."""
    try:
        item = json.loads(line)
    except ValueError:
        return {"id": None, "error": "invalid JSON"}
    if not isinstance(item, dict):
        return {"id": None, "error": "expected a JSON object"}
    text = item.get("text")
    if not isinstance(text, str):
        return {"id": item.get("id"), "error": "missing string field 'text'"}
    decision = classify_intent(text)
    return {"id": item.get("id"), **decision.to_json()}


@click.command()
@click.argument("text", required=False)
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8"),
              help='Read {"id", "text"} lines ("-" for stdin); write one decision per line.')
@click.option("--explain", is_flag=True, help="Also print the signals behind the decision.")
def intent(text: str | None, jsonl: IO[str] | None, explain: bool) -> None:
    """What a message is for: complaint, tip, question, status or other (消息意图)."""
    if jsonl is not None:
        for line in jsonl:
            if line.strip():
                click.echo(json.dumps(_line_result(line), ensure_ascii=False))
        return
    if text is None:
        raise click.UsageError('give a message, or --jsonl FILE')
    decision = classify_intent(text)
    click.echo(f"{decision.intent}\t{decision.confidence:.2f}")
    if explain:
        for name, matched in decision.signals.items():
            click.echo(f"  {name}: {matched}")
        scores = ", ".join(f"{k}={v:.2f}" for k, v in decision.scores.items())
        click.echo(f"  scores: {scores}")


def evaluate(rows: list[dict[str, Any]]) -> tuple[float, Counter[tuple[str, str]]]:
    """Accuracy and the (expected, predicted) confusion counts over labelled rows."""
    confusion: Counter[tuple[str, str]] = Counter()
    for row in rows:
        confusion[(row["intent"], classify_intent(row["text"]).intent)] += 1
    total = sum(confusion.values())
    correct = sum(n for (gold, got), n in confusion.items() if gold == got)
    return (correct / total if total else 0.0), confusion


def _print_confusion(confusion: Counter[tuple[str, str]]) -> None:
    width = max(len(i) for i in INTENTS) + 2
    click.echo("expected \\ got".ljust(width + 4) + "".join(i[:9].rjust(10) for i in INTENTS))
    for gold in INTENTS:
        cells = "".join(str(confusion[(gold, got)]).rjust(10) for got in INTENTS)
        click.echo(gold.ljust(width + 4) + cells)


@click.command("eval-intent")
@click.argument("path", type=click.File("r", encoding="utf-8"))
@click.option("--min-accuracy", type=float, default=None,
              help="Exit with status 1 when accuracy is below this (0-1).")
@click.option("--show-errors", is_flag=True, help="List the misclassified messages.")
def eval_intent(path: IO[str], min_accuracy: float | None, show_errors: bool) -> None:
    """Accuracy and confusion of the intent decision on a labelled JSONL file."""
    try:
        rows = [{"id": data.get("id", number), "text": string_field(data, "text", number),
                 "intent": string_field(data, "intent", number)}
                for number, data in labelled_objects(path)]
    except LabelledSetError as exc:
        raise click.ClickException(f"{path.name}: {exc}") from exc
    unknown = {r["intent"] for r in rows} - set(INTENTS)
    if unknown:
        raise click.ClickException(f"unknown intents in file: {sorted(unknown)}")
    accuracy, confusion = evaluate(rows)
    click.echo(f"messages: {len(rows)}")
    click.echo(f"accuracy: {accuracy:.3f}")
    for name in INTENTS:
        gold = sum(n for (g, _), n in confusion.items() if g == name)
        got = sum(n for (_, p), n in confusion.items() if p == name)
        hit = confusion[(name, name)]
        recall = hit / gold if gold else 0.0
        precision = hit / got if got else 0.0
        click.echo(f"  {name:<10} n={gold:<4} precision={precision:.2f} recall={recall:.2f}")
    _print_confusion(confusion)
    if show_errors:
        for row in rows:
            predicted = classify_intent(row["text"]).intent
            if predicted != row["intent"]:
                click.echo(f"  {row.get('id')}: {row['intent']} -> {predicted}: {row['text']}")
    if min_accuracy is not None and accuracy < min_accuracy:
        click.echo(f"below the floor {min_accuracy:.3f}", err=True)
        sys.exit(1)


def _engine(settings: Any) -> Any:
    """A dialogue engine on the configured database, with the shipped base and router."""
    from bot.engine import DialogueEngine
    from intake.db import make_engine, make_session_factory
    from intake.routing.router import default_router
    from knowledge.faq import default_base

    factory = make_session_factory(make_engine(settings.database_url))
    return DialogueEngine(settings=settings, session_factory=factory, knowledge=default_base(),
                          router=default_router())


def _settings() -> Any:
    from intake.settings import ConfigurationError, load_settings

    try:
        return load_settings()
    except ConfigurationError as exc:
        raise click.ClickException(str(exc)) from exc


def _check_database(engine: Any) -> None:
    from sqlalchemy import inspect
    from sqlalchemy.exc import OperationalError

    try:
        tables = inspect(engine.session_factory.kw["bind"]).get_table_names()
    except OperationalError:
        tables = []
    if "conversations" not in tables:
        raise click.ClickException("the database is not set up yet: run `foodsafe init-db`")


@click.command("bot")
@click.option("--webhook", is_flag=True,
              help="Serve Telegram webhooks (FOODSAFE_TELEGRAM_WEBHOOK_URL) instead of polling.")
@click.option("--listen", default="127.0.0.1", show_default=True, help="Webhook listen address.")
@click.option("--port", default=8443, show_default=True, help="Webhook listen port.")
def bot(webhook: bool, listen: str, port: int) -> None:
    """Run the assistant on Telegram (long polling by default). 运行 Telegram 机器人。"""
    settings = _settings()
    if not settings.telegram_token:
        click.echo(HOW_TO_GET_A_BOT, err=True)
        sys.exit(1)
    engine = _engine(settings)
    _check_database(engine)
    from bot.telegram.app import (
        WebhookNotConfigured,
        build_application,
        run_polling,
        run_webhook,
        webhook_target,
    )

    if webhook:
        try:
            webhook_target(settings)
        except WebhookNotConfigured as exc:
            raise click.ClickException(str(exc)) from exc
    application = build_application(settings=settings, engine=engine,
                                    token=settings.telegram_token, api_rate_limiter=True)
    if webhook:
        run_webhook(application, settings=settings, listen=listen, port=port)
    else:
        run_polling(application)


@click.command("chat")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language to start in (default Chinese).")
@click.option("--session", "session_name", default=None,
              help="Name a conversation to resume it later.")
def chat(lang: str | None, session_name: str | None) -> None:
    """Talk to the assistant in this terminal (same engine as Telegram). 终端对话。"""
    from bot.console import run_console

    engine = _engine(_settings())
    _check_database(engine)
    run_console(engine, stdin=sys.stdin, stdout=sys.stdout,
                conversation_key=f"named-{session_name}" if session_name else None, lang=lang)
