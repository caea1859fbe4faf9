"""``foodsafe classify``, ``foodsafe eval-routing`` and ``foodsafe routing-report``.

``classify --jsonl`` is a public contract: one output line per input line, in order; a line
that cannot be classified gets an error line carrying its id and the run goes on.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from intake.routing.decision import RoutingDecision

if TYPE_CHECKING:
    from intake.routing.router import Router


def _router() -> Router:
    from intake.routing.router import default_router
    from intake.routing.ruleset import RuleFileError

    try:
        return default_router()
    except RuleFileError as exc:
        raise click.ClickException(f"routing rules are broken: {exc}") from exc


def describe(decision: RoutingDecision) -> str:
    """A decision as a citizen or a member of staff reads it (Chinese)."""
    from intake.bureaus import bureau_name

    lines = [f"牵头单位：{decision.lead_name}（{decision.lead}）"]
    co = "、".join(f"{bureau_name(code)}（{code}）" for code in decision.co)
    lines.append(f"配合单位：{co or '无'}")
    lines.append(f"置信度：{decision.confidence:.2f}")
    lines.append(f"需要人工复核：{'是' if decision.needs_review else '否'}")
    if decision.evidence:
        lines.append("依据：")
        for item in decision.evidence:
            shown = item.keyword if item.matched == item.keyword else \
                f"{item.keyword}（原文“{item.matched}”）"
            lines.append(f"  · 方案条款{item.clause}，规则 {item.rule}：{shown}")
    else:
        lines.append("依据：没有匹配到任何规则，由区食安办人工分办。")
    return "\n".join(lines)


def _error_line(item_id: Any, message: str) -> dict[str, Any]:
    return {"id": item_id, "error": message}


_ID_IN_BROKEN_LINE = re.compile(r'"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')


def _salvage_id(line: str) -> Any:
    """The id of a line that is not valid JSON, when it can still be read; else None."""
    match = _ID_IN_BROKEN_LINE.search(line)
    if match is None:
        return None
    try:
        return json.loads(match.group(1))
    except ValueError:
        return None


def classify_line(router: Any, line: str) -> dict[str, Any]:
    """One output record for one input line: the decision, or an error with the id."""
    if not line.strip():
        return _error_line(None, "empty line")
    try:
        data = json.loads(line)
    except ValueError:
        return _error_line(_salvage_id(line), "invalid JSON")
    if not isinstance(data, dict):
        return _error_line(None, "a line must be a JSON object with id and text")
    item_id = data.get("id")
    text = data.get("text")
    if not isinstance(text, str):
        return _error_line(item_id, "missing or non-string 'text'")
    try:
        decision = router.route(text)
    except Exception as exc:  # one bad message must not stop the batch
        return _error_line(item_id, f"routing failed: {type(exc).__name__}")
    return {"id": item_id, **decision.to_json()}


def classify_stream(router: Any, source: IO[str], sink: IO[str]) -> int:
    """Classify every line of ``source`` into ``sink``; the number of error lines."""
    errors = 0
    for line in source:
        record = classify_line(router, line)
        errors += "error" in record
        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        sink.flush()
    return errors


@click.command()
@click.argument("text", required=False)
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8"),
              help='File of {"id", "text"} lines ("-" for standard input).')
def classify(text: str | None, jsonl: IO[str] | None) -> None:
    """Route a message to its bureau and say why / 判断投诉由哪个单位办理并说明依据。"""
    if (text is None) == (jsonl is None):
        raise click.UsageError('give either TEXT or --jsonl FILE')
    router = _router()
    if jsonl is not None:
        classify_stream(router, jsonl, sys.stdout)
        return
    click.echo(describe(router.route(text or "")))


@click.command("eval-routing")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--misses/--no-misses", default=True, help="List the misrouted messages.")
@click.option("--min-accuracy", type=float, default=None,
              help="Exit with status 1 when lead accuracy is below this (0-1).")
def eval_routing(path: Path, misses: bool, min_accuracy: float | None) -> None:
    """Lead accuracy, per-bureau precision/recall and the confusion matrix on a labelled set."""
    from intake.routing.evaluation import evaluate, format_report, read_labelled
    from knowledge.labelled import LabelledSetError

    try:
        result = evaluate(_router(), list(read_labelled(path)))
    except LabelledSetError as exc:
        raise click.ClickException(f"{path.name}: {exc}") from exc
    click.echo(format_report(result, show_misses=misses))
    if min_accuracy is not None and result.accuracy < min_accuracy:
        raise click.ClickException(
            f"lead accuracy {result.accuracy:.1%} is below {min_accuracy:.1%}"
        )


@click.command("routing-report")
@click.option("--top", default=10, show_default=True, help="Words and transfers per rule.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--database-url", envvar="FOODSAFE_DATABASE_URL", default=None,
              help="Defaults to the configured database.")
def routing_report(top: int, as_json: bool, database_url: str | None) -> None:
    """Rules most often overridden by staff transfers, and the words that came with them."""
    from intake.db import make_engine, make_session_factory
    from intake.routing.report import format_routing_report
    from intake.routing.report import routing_report as build_report

    if database_url is None:
        from intake.settings import ConfigurationError, load_settings

        try:
            database_url = load_settings().database_url
        except ConfigurationError as exc:
            raise click.ClickException(str(exc)) from exc
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            report = build_report(session)
    finally:
        engine.dispose()
    if as_json:
        click.echo(json.dumps(report.to_json(top), ensure_ascii=False, indent=2))
    else:
        click.echo(format_routing_report(report, top=top))
